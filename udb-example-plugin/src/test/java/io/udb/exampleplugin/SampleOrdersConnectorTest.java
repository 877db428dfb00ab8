package io.udb.exampleplugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.plugin.PluginRegistry;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.connection.ConnectorCatalog;
import io.udb.ingest.connection.DiscoverConnectResult;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadMode;
import io.udb.ingest.load.LoadOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector as a host meets it: found through {@code META-INF/services} next to the built-in
 * connectors, configured through a connection, synced through UDB's real loader.
 */
class SampleOrdersConnectorTest {
  private static final TenantId TENANT = TenantId.of("shop");

  @TempDir Path storage;
  private DataBox box;
  private ConnectorCatalog catalog;
  private ConnectionService connections;
  private FileIngestService ingest;

  @BeforeEach
  void open() {
    box = DataBox.builder().storageRoot(storage).build();
    catalog =
        ConnectorCatalog.discover(
            PluginRegistry.forClassLoader(getClass().getClassLoader()),
            new PluginContext(io.udb.api.config.Settings.empty(), storage, Clock.systemUTC()));
    connections = new ConnectionService(box, catalog);
    ingest = new FileIngestService(box);
  }

  @AfterEach
  void close() {
    catalog.close();
    box.close();
  }

  private Job sync(String connectionId, SyncMode mode) {
    LoadOptions options =
        LoadOptions.defaults().withMode(mode == SyncMode.FULL ? LoadMode.REPLACE : LoadMode.APPEND);
    Job job =
        connections.submitSync(
            TENANT, connectionId, mode, context -> ingest.loader(context, options));
    Job done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));
    assertThat(done.state()).as("%s", done.error()).isEqualTo(JobState.SUCCEEDED);
    return done;
  }

  private Object scalar(String sql) {
    return box.query(TENANT, sql).rows().get(0).get(0);
  }

  @Test
  void isDiscoveredBesideTheBuiltInConnectors() {
    assertThat(catalog.names()).contains(SampleOrdersConnector.NAME, "csv", "jdbc");
    assertThat(
            PluginRegistry.forClassLoader(getClass().getClassLoader())
                .catalog(ConnectorFactory.class)
                .describe())
        .anySatisfy(
            plugin -> {
              assertThat(plugin.name()).isEqualTo("sample-orders");
              assertThat(plugin.className())
                  .isEqualTo(SampleOrdersConnectorFactory.class.getName());
            });
  }

  @Test
  void discoverConnectListsBothStreamsWithTheirCursor() {
    DiscoverConnectResult result =
        connections.discoverConnect(TENANT, "sample-orders", Map.of("days", 30), Map.of());

    assertThat(result.streams()).extracting(StreamInfo::name).containsExactly("orders", "products");
    assertThat(result.streams().get(0).cursorField()).isEqualTo("order_date");
    assertThat(result.streams().get(0).modes())
        .containsExactlyInAnyOrder(SyncMode.FULL, SyncMode.INCREMENTAL);
  }

  @Test
  void fullSyncLoadsEveryGeneratedOrderAndTheCatalogue() {
    String id =
        connections
            .discoverConnect(
                TENANT,
                "sample-orders",
                Map.of("start-date", "2024-01-01", "days", 90, "orders-per-day", 30),
                Map.of())
            .connectionId();

    Job done = sync(id, SyncMode.FULL);

    OrderGenerator generator =
        new OrderGenerator(new SampleOrdersSettings(42, LocalDate.of(2024, 1, 1), 90, 30, null));
    long expected = 0;
    for (LocalDate d = LocalDate.of(2024, 1, 1); d.isBefore(LocalDate.of(2024, 3, 31)); ) {
      expected += generator.orderCount(d);
      d = d.plusDays(1);
    }
    assertThat(((Number) done.result().get("rowsLoaded")).longValue()).isEqualTo(expected + 8);
    assertThat(done.result().get("rowsRejected")).isEqualTo(0L);
    assertThat(scalar("SELECT count(*) FROM orders")).isEqualTo(expected);
    assertThat(scalar("SELECT count(DISTINCT order_id) FROM orders")).isEqualTo(expected);
    assertThat(scalar("SELECT min(order_date)::VARCHAR || '..' || max(order_date) FROM orders"))
        .isEqualTo("2024-01-01..2024-03-30");
    assertThat(scalar("SELECT count(*) FROM products")).isEqualTo(8L);
    // every order's amount is its quantity times its price, to the cent
    assertThat(scalar("SELECT count(*) FROM orders WHERE amount <> quantity * unit_price"))
        .isEqualTo(0L);
    // weekends are quieter than weekdays
    assertThat(
            (Double)
                scalar(
                    "SELECT avg(n) FILTER (WHERE dow IN (0, 6)) / avg(n) FILTER (WHERE dow NOT IN"
                        + " (0, 6)) FROM (SELECT dayofweek(order_date) AS dow, count(*) AS n"
                        + " FROM orders GROUP BY order_date)"))
        .isBetween(0.55, 0.85);
  }

  @Test
  void theFirstDaysAreTheSameRowsWhateverTheWindow() {
    String narrow =
        connections
            .discoverConnect(TENANT, "sample-orders", Map.of("days", 60), Map.of())
            .connectionId();
    sync(narrow, SyncMode.FULL);
    Object narrowChecksum = scalar("SELECT sum(hash(order_id, amount, customer_id)) FROM orders");
    String wide =
        connections
            .discoverConnect(TENANT, "sample-orders", Map.of("days", 90), Map.of())
            .connectionId();
    sync(wide, SyncMode.FULL);

    assertThat(
            scalar(
                "SELECT sum(hash(order_id, amount, customer_id)) FROM orders"
                    + " WHERE order_date < DATE '2024-03-01'"))
        .isEqualTo(narrowChecksum);
    assertThat(scalar("SELECT sum(hash(order_id, amount, customer_id)) FROM orders"))
        .isNotEqualTo(narrowChecksum);
  }

  @Test
  void anIncrementalReadFromACursorGivesExactlyTheLaterDaysOfAFullRead() {
    SampleOrdersConnector connector = new SampleOrdersConnector();
    io.udb.api.connector.ConnectorConfig config =
        new io.udb.api.connector.ConnectorConfig(
            io.udb.api.config.Settings.of(Map.of("days", "90")), Map.of());
    LoadOptions append = LoadOptions.defaults().withMode(LoadMode.APPEND);
    Job job =
        box.submit(
            TENANT,
            io.udb.api.job.JobType.of("sync"),
            context -> {
              io.udb.api.connector.SyncResult result =
                  connector.read(
                      config,
                      new io.udb.api.connector.SyncRequest(
                          List.of("orders"),
                          SyncMode.INCREMENTAL,
                          Map.of("orders", "2024-02-29"),
                          context),
                      ingest.loader(context, append));
              return Map.of("state", result.state().get("orders"));
            });
    Job done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));
    assertThat(done.state()).as("%s", done.error()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).containsEntry("state", "2024-03-30");
    Object incremental = scalar("SELECT sum(hash(order_id, amount, customer_id)) FROM orders");
    assertThat(scalar("SELECT min(order_date)::VARCHAR FROM orders")).isEqualTo("2024-03-01");

    String full =
        connections
            .discoverConnect(TENANT, "sample-orders", Map.of("days", 90), Map.of())
            .connectionId();
    sync(full, SyncMode.FULL);
    assertThat(
            scalar(
                "SELECT sum(hash(order_id, amount, customer_id)) FROM orders"
                    + " WHERE order_date >= DATE '2024-03-01'"))
        .isEqualTo(incremental);
  }

  @Test
  void incrementalSyncContinuesFromTheSavedCursor() {
    String id =
        connections
            .discoverConnect(TENANT, "sample-orders", Map.of("days", 10), Map.of())
            .connectionId();
    sync(id, SyncMode.INCREMENTAL);
    long first = (Long) scalar("SELECT count(*) FROM orders");

    Job again = sync(id, SyncMode.INCREMENTAL);

    assertThat(again.result().get("rowsRead")).isEqualTo(0L);
    assertThat(scalar("SELECT count(*) FROM orders")).isEqualTo(first);
    assertThat(connections.get(TENANT, id).state())
        .containsEntry("orders", "2024-01-10")
        .containsEntry("products", "catalogue-1");
    assertThat(scalar("SELECT count(*) FROM products")).isEqualTo(8L);
  }

  @Test
  void theShiftMovesOrdersToTheWebAndRaisesPrices() {
    String id =
        connections
            .discoverConnect(
                TENANT,
                "sample-orders",
                Map.of("days", 120, "orders-per-day", 60, "shift-from", "2024-03-01"),
                Map.of())
            .connectionId();
    sync(id, SyncMode.FULL);

    double webBefore =
        (Double)
            scalar(
                "SELECT avg((channel = 'web')::INT) FROM orders WHERE order_date < '2024-03-01'");
    double webAfter =
        (Double)
            scalar(
                "SELECT avg((channel = 'web')::INT) FROM orders WHERE order_date >= '2024-03-01'");
    assertThat(webBefore).isBetween(0.45, 0.55);
    assertThat(webAfter).isBetween(0.65, 0.75);
    double priceRatio =
        ((Number)
                scalar(
                    "SELECT avg(unit_price) FILTER (WHERE order_date >= '2024-03-01')"
                        + " / avg(unit_price) FILTER (WHERE order_date < '2024-03-01')"
                        + " FROM orders WHERE product = 'Moka pot'"))
            .doubleValue();
    assertThat(priceRatio).isBetween(1.10, 1.20);
  }

  @Test
  void theSameSeedGivesTheSameOrdersAndAnotherSeedOthers() {
    SampleOrdersSettings a = new SampleOrdersSettings(7, LocalDate.of(2023, 5, 1), 5, 20, null);
    SampleOrdersSettings b = new SampleOrdersSettings(8, LocalDate.of(2023, 5, 1), 5, 20, null);
    List<List<Object>> first = drain(new OrderGenerator(a), a);
    List<List<Object>> second = drain(new OrderGenerator(a), a);
    List<List<Object>> other = drain(new OrderGenerator(b), b);

    assertThat(first).isNotEmpty().isEqualTo(second);
    assertThat(other).isNotEqualTo(first);
  }

  private static List<List<Object>> drain(OrderGenerator generator, SampleOrdersSettings s) {
    List<List<Object>> rows = new java.util.ArrayList<>();
    generator.orders(s.startDate(), s.endDate()).forEachRemaining(rows::add);
    return rows;
  }

  @Test
  void badSettingsFailTheConnectionTestNamingTheKey() {
    assertThatThrownBy(
            () ->
                connections.create(
                    TENANT, "sample-orders", Map.of("start-date", "yesterday"), Map.of()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("start-date");
    assertThatThrownBy(
            () -> connections.create(TENANT, "sample-orders", Map.of("days", 0), Map.of()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("days");
    assertThat(
            new SampleOrdersConnector()
                .test(
                    new io.udb.api.connector.ConnectorConfig(
                        io.udb.api.config.Settings.of(Map.of("orders-per-day", "9000")), Map.of())))
        .satisfies(
            check -> {
              assertThat(check.ok()).isFalse();
              assertThat(check.message())
                  .isEqualTo("Setting 'orders-per-day' is 9000; expected 1 to 5000");
            });
  }
}

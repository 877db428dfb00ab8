package io.udb.ingest.file;

import static io.udb.ingest.TestData.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.ingest.TestData;
import io.udb.ingest.load.LoadOptions;
import io.udb.ingest.load.TenantLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConnectorTest {
  private static final TenantId TENANT = TenantId.of("acme");

  @TempDir Path temp;
  private Path base;
  private DataBox box;

  @BeforeEach
  void setUp() throws Exception {
    base = Files.createDirectories(temp.resolve("allowed"));
    Files.createDirectories(base.resolve("weather"));
    Files.copy(TestData.file("seattle-weather.csv"), base.resolve("weather/seattle.csv"));
    Files.copy(TestData.file("cars.csv"), base.resolve("weather/cars.csv"));
    Files.writeString(temp.resolve("secret.csv"), "password\nhunter2\n", StandardCharsets.UTF_8);
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
  }

  @AfterEach
  void close() {
    box.close();
  }

  private static Connector connector(String name, Path allowed) {
    ConnectorFactory factory =
        ServiceLoader.load(ConnectorFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(f -> f.name().equals(name))
            .findFirst()
            .orElseThrow();
    Map<String, String> settings = new HashMap<>();
    if (allowed != null) {
      settings.put(FileConnector.ALLOWED_BASE, allowed.toString());
    }
    return factory.create(new PluginContext(Settings.of(settings), null, Clock.systemUTC()));
  }

  private static ConnectorConfig config(Map<String, String> settings) {
    return new ConnectorConfig(Settings.of(settings), Map.of());
  }

  private SyncResult sync(
      Connector connector, ConnectorConfig config, SyncMode mode, Map<String, String> state) {
    AtomicReference<SyncResult> result = new AtomicReference<>();
    Job job =
        box.submit(
            TENANT,
            JobType.SYNC,
            context -> {
              TenantLoader loader = TenantLoader.forJob(box, context, LoadOptions.defaults());
              result.set(
                  connector.read(config, new SyncRequest(List.of(), mode, state, context), loader));
              return Map.of();
            });
    Job done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));
    assertThat(done.state()).as("sync job %s", done.error()).isEqualTo(JobState.SUCCEEDED);
    return result.get();
  }

  @Test
  void everyFileConnectorIsFoundAndPublishesAValidConfigurationSchema() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema metaSchema =
        registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    for (String name : List.of("csv", "json", "parquet")) {
      String text = connector(name, base).configurationSchema();
      assertThat(metaSchema.validate(text, InputFormat.JSON)).as(name).isEmpty();
      assertThat(Json.readObject(text)).containsEntry("type", "object");
    }
  }

  @Test
  void theCsvSchemaAcceptsGoodConfigurationsAndRefusesBadOnes() {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(connector("csv", base).configurationSchema(), InputFormat.JSON);

    assertThat(
            violations(schema, "{\"path\":\"weather/*.csv\",\"header\":true,\"nullstr\":\"NA\"}"))
        .isEmpty();
    assertThat(violations(schema, "{\"path\":\"a.csv\",\"mode\":\"upsert\",\"keys\":\"id\"}"))
        .isEmpty();
    assertThat(violations(schema, "{\"header\":true}")).isNotEmpty();
    assertThat(violations(schema, "{\"path\":\"a.csv\",\"mode\":\"upsert\"}")).isNotEmpty();
    assertThat(violations(schema, "{\"path\":\"a.csv\",\"header\":\"yes\"}")).isNotEmpty();
    assertThat(violations(schema, "{\"path\":\"a.csv\",\"url\":\"http://x\"}")).isNotEmpty();
  }

  private static List<String> violations(Schema schema, String json) {
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  @Test
  void testReportsTheMatchedFilesAndTheirColumns() {
    ConnectionCheck check =
        connector("csv", base).test(config(Map.of("path", "weather/seattle.csv")));

    assertThat(check.ok()).isTrue();
    assertThat(check.message()).isEqualTo("1 file matches; seattle has 6 columns");
  }

  @Test
  void refusesPathsThatLeaveTheAllowedFolder() throws Exception {
    Connector csv = connector("csv", base);
    Files.createSymbolicLink(base.resolve("link.csv"), temp.resolve("secret.csv"));

    for (String path :
        List.of(
            "../secret.csv",
            "weather/../../secret.csv",
            temp.resolve("secret.csv").toString(),
            "link.csv")) {
      ConnectionCheck check = csv.test(config(Map.of("path", path)));
      assertThat(check.ok()).as(path).isFalse();
      assertThat(check.message()).as(path).contains("outside the folder allowed");
      assertThatThrownBy(() -> csv.discover(config(Map.of("path", path))))
          .isInstanceOf(ConfigurationException.class)
          .extracting(e -> ((ConfigurationException) e).code())
          .isEqualTo(ErrorCode.CONFIG_INVALID);
    }
  }

  @Test
  void refusesEveryPathWhenNoFolderIsAllowed() {
    ConnectionCheck check =
        connector("csv", null).test(config(Map.of("path", "weather/seattle.csv")));

    assertThat(check.ok()).isFalse();
    assertThat(check.message()).contains("connector.csv.allowed-base");
  }

  @Test
  void refusesUnknownAndMalformedSettings() {
    Connector csv = connector("csv", base);

    assertThat(csv.test(config(Map.of("path", "weather/seattle.csv", "url", "x"))).message())
        .contains("Unknown setting 'url'");
    assertThat(csv.test(config(Map.of("path", "weather/seattle.csv", "skip", "-1"))).ok())
        .isFalse();
    assertThat(csv.test(config(Map.of("path", "weather/seattle.csv", "mode", "upsert"))).ok())
        .isFalse();
  }

  @Test
  void discoversOneStreamPerFileWithItsInferredSchema() {
    List<StreamInfo> streams =
        connector("csv", base).discover(config(Map.of("path", "weather/*.csv")));

    assertThat(streams).extracting(StreamInfo::name).containsExactly("cars", "seattle");
    StreamInfo seattle = streams.get(1);
    assertThat(seattle.columns())
        .extracting(ColumnInfo::name)
        .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
    assertThat(seattle.columns().get(0).type()).isEqualTo("DATE");
    assertThat(seattle.modes()).containsExactlyInAnyOrder(SyncMode.FULL, SyncMode.INCREMENTAL);
  }

  @Test
  void readsEveryStreamThroughTheLoaderAndThenOnlyChangedFiles() throws Exception {
    Connector csv = connector("csv", base);
    ConnectorConfig config = config(Map.of("path", "**/*.csv"));

    SyncResult full = sync(csv, config, SyncMode.FULL, Map.of());
    assertThat(full.loads())
        .extracting(l -> l.table() + "=" + l.rowsLoaded())
        .containsExactly("cars=406", "seattle=1461");
    assertThat(full.state()).containsOnlyKeys("cars", "seattle");

    SyncResult unchanged = sync(csv, config, SyncMode.INCREMENTAL, full.state());
    assertThat(unchanged.loads()).isEmpty();

    Path seattle = base.resolve("weather/seattle.csv");
    Files.writeString(seattle, "date,weather\n2024-01-01,sun\n", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(seattle, FileTime.from(Instant.now().plusSeconds(5)));
    SyncResult changed = sync(csv, config, SyncMode.INCREMENTAL, unchanged.state());
    assertThat(changed.loads()).extracting(l -> l.table()).containsExactly("seattle");
    assertThat(rows(box, TENANT, "SELECT count(*) FROM seattle")).containsExactly(List.of(1L));
  }

  @Test
  void readsNdjsonAndParquetConnections() throws Exception {
    Files.writeString(
        base.resolve("events.ndjson"),
        "{\"id\":1}\nnot json\n{\"id\":2}\n",
        StandardCharsets.UTF_8);
    try (var duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        var statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT range AS n FROM range(5)) TO '"
              + base.resolve("numbers.parquet").toString().replace("'", "''")
              + "' (FORMAT parquet)");
    }

    SyncResult json =
        sync(connector("json", base), config(Map.of("path", "*.ndjson")), SyncMode.FULL, Map.of());
    SyncResult parquet =
        sync(
            connector("parquet", base),
            config(Map.of("path", "numbers.parquet")),
            SyncMode.FULL,
            Map.of());

    assertThat(json.loads().get(0).rowsLoaded()).isEqualTo(2);
    assertThat(json.loads().get(0).rowsRejected()).isEqualTo(1);
    assertThat(rows(box, TENANT, "SELECT source FROM events__rejects"))
        .containsExactly(List.of("events.ndjson"));
    assertThat(parquet.loads().get(0).rowsLoaded()).isEqualTo(5);
    assertThat(connector("parquet", base).discover(config(Map.of("path", "numbers.parquet"))))
        .singleElement()
        .satisfies(s -> assertThat(s.columns()).containsExactly(new ColumnInfo("n", "BIGINT")));
  }
}

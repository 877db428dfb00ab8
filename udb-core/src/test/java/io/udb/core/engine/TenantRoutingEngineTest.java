package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.observe.UdbMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantRoutingEngineTest {
  private static final TenantId DEFAULT_TENANT = TenantId.of("on-default");
  private static final TenantId ROUTED_TENANT = TenantId.of("on-routed");

  @Test
  void eachTenantIsServedByItsOwnEngineOnly() {
    DuckDbEngine routed = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
    try (DataBox box = DataBox.builder().inMemory().tenantEngine(ROUTED_TENANT, routed).build()) {
      createTable(box, ROUTED_TENANT, "routed_only");
      createTable(box, DEFAULT_TENANT, "default_only");

      assertThat(box.engine()).isInstanceOf(TenantRoutingEngine.class);
      assertThat(box.engine().engineFor(ROUTED_TENANT)).isSameAs(routed);
      assertThat(box.engine().engineFor(DEFAULT_TENANT)).isNotSameAs(routed);
      assertThat(box.tables(ROUTED_TENANT))
          .extracting(TableInfo::name)
          .containsExactly("routed_only");
      assertThat(routed.listTables(ROUTED_TENANT))
          .extracting(TableInfo::name)
          .containsExactly("routed_only");
      assertThat(box.tables(DEFAULT_TENANT))
          .extracting(TableInfo::name)
          .containsExactly("default_only");
      assertThat(routed.listTables(DEFAULT_TENANT)).isEmpty();
      assertThat(
              box.engine()
                  .query(ROUTED_TENANT, "SELECT count(*) FROM routed_only", QueryOptions.defaults())
                  .rows())
          .containsExactly(List.of(3L));
    }
    assertThatThrownBy(() -> routed.listTables(ROUTED_TENANT))
        .as("the box closed the routed engine with itself")
        .isInstanceOf(UdbException.class);
  }

  @Test
  void tenantsRoutedToTheSameEngineNameShareOneEngine() {
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .tenantEngine(ROUTED_TENANT, "duckdb")
            .tenantEngine(TenantId.of("also-routed"), "duckdb")
            .build()) {
      assertThat(box.engine().engineFor(ROUTED_TENANT))
          .isSameAs(box.engine().engineFor(TenantId.of("also-routed")));
      assertThat(box.engine().engineFor(ROUTED_TENANT)).isInstanceOf(DuckDbEngine.class);
    }
  }

  @Test
  void anUnknownEngineNameFailsTheBuildWithATypedError() {
    assertThatThrownBy(() -> DataBox.builder().inMemory().engine("no-such-engine").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("no-such-engine")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
    assertThatThrownBy(() -> DataBox.builder().tenantEngine(ROUTED_TENANT, " "))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("must not be blank");
  }

  @Test
  void aRoutedDatasetIsReadOnItsEngineWhileTheTenantStaysOnItsOwn() {
    DuckDbEngine large = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
    TableRef events = TableRef.of("events");
    try (DataBox box =
        DataBox.builder().inMemory().datasetEngine(DEFAULT_TENANT, events, large).build()) {
      createTable(box, DEFAULT_TENANT, "local_only");
      try (SqlSession session = box.openSession(DEFAULT_TENANT)) {
        // a table of the tenant's own engine named like the routed dataset: the route hides it
        session.execute("CREATE TABLE events AS SELECT 1 AS x", List.of());
      }
      try (SqlSession session = large.openSession(DEFAULT_TENANT)) {
        session.execute("CREATE TABLE events AS SELECT range AS x FROM range(7)", List.of());
      }
      AnalyticsEngine own = box.engine().engineFor(DEFAULT_TENANT);

      assertThat(box.engine().engineFor(DEFAULT_TENANT, TableRef.of("EVENTS"))).isSameAs(large);
      assertThat(box.engine().engineFor(DEFAULT_TENANT, TableRef.of("local_only"))).isSameAs(own);
      assertThat(box.engine().engineFor(ROUTED_TENANT, events))
          .as("a route belongs to one tenant")
          .isSameAs(box.engine().engineFor(ROUTED_TENANT));
      assertThat(box.describe(DEFAULT_TENANT, events))
          .get()
          .extracting(TableInfo::rowCount)
          .isEqualTo(7L);
      assertThat(box.tables(DEFAULT_TENANT))
          .extracting(TableInfo::name, TableInfo::rowCount)
          .containsExactly(tuple("events", 7L), tuple("local_only", 3L));
      try (SqlSession session = box.openSession(DEFAULT_TENANT, events)) {
        assertThat(session.query("SELECT count(*) FROM events", List.of()).rows())
            .containsExactly(List.of(7L));
      }
      assertThat(
              box.query(
                      DEFAULT_TENANT,
                      events,
                      "SELECT count(*) FROM events",
                      QueryOptions.defaults())
                  .rows())
          .as("the dataset's engine runs guarded SQL on it")
          .containsExactly(List.of(7L));
      assertThat(box.query(DEFAULT_TENANT, "SELECT count(*) FROM events").rows())
          .as("ad-hoc SQL stays on the tenant's engine")
          .containsExactly(List.of(1L));
      assertThatThrownBy(
              () -> DuckDbEngine.serving(box.engine(), DEFAULT_TENANT, TableRef.of("Events")))
          .isInstanceOf(UdbException.class)
          .hasMessageContaining("served by the duckdb engine")
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.ENGINE_OPERATION_UNSUPPORTED);
      assertThat(DuckDbEngine.serving(box.engine(), DEFAULT_TENANT, TableRef.of("local_only")))
          .isSameAs(own);
    }
    assertThatThrownBy(() -> large.listTables(DEFAULT_TENANT))
        .as("the box closed the dataset's engine with itself")
        .isInstanceOf(UdbException.class);
  }

  @Test
  void routesOfOneDatasetInTwoSpellingsFailTheBuild() {
    assertThatThrownBy(
            () ->
                DataBox.builder()
                    .inMemory()
                    .datasetEngine(DEFAULT_TENANT, TableRef.of("Orders"), "duckdb")
                    .datasetEngine(DEFAULT_TENANT, TableRef.of("orders"), "duckdb")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("routed twice")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
    assertThatThrownBy(
            () ->
                DataBox.builder()
                    .inMemory()
                    .datasetEngine(DEFAULT_TENANT, TableRef.of("orders"), "no-such-engine")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
  }

  private static void createTable(DataBox box, TenantId tenant, String table) {
    try (SqlSession session = box.openSession(tenant)) {
      session.execute("CREATE TABLE " + table + " AS SELECT range AS x FROM range(3)", List.of());
    }
  }
}

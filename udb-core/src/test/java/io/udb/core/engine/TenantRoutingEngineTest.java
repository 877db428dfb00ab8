package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
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

  private static void createTable(DataBox box, TenantId tenant, String table) {
    try (SqlSession session = box.openSession(tenant)) {
      session.execute("CREATE TABLE " + table + " AS SELECT range AS x FROM range(3)", List.of());
    }
  }
}

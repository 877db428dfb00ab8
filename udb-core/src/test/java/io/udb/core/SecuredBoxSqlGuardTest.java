package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.analyst;
import static io.udb.core.SecuredBoxFixture.assertOneDenial;
import static io.udb.core.SecuredBoxFixture.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.engine.SqlSession;
import io.udb.core.event.InMemoryEventSink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SQL guard rejections are audited on both query paths: {@link SecuredBox#query} (with the
 * principal) and {@link DataBox#query} (the host's own path, without one). Each gives one {@code
 * udb.security.denied} event with reason {@code sql_guard.<reason>} and the metric.
 */
class SecuredBoxSqlGuardTest {
  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DataBox box;

  @BeforeEach
  void openBox() {
    box = SecuredBoxFixture.builder(Map.of(), sink, registry).build();
    try (SqlSession session = box.openSession(ACME)) {
      session.execute("CREATE TABLE t AS SELECT * FROM range(3) r(id)", List.of());
    }
    sink.clear();
  }

  @AfterEach
  void closeBox() {
    box.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "DROP TABLE t | SQL_NOT_SELECT | not_select",
        "SELECT 1; SELECT 2 | SQL_MULTIPLE_STATEMENTS | multiple_statements",
        "SELECT * FROM read_csv('/etc/passwd') | SQL_FORBIDDEN | table_function",
        "SELECT getenv('HOME') | SQL_FORBIDDEN | function",
        "SELECT * FROM udb_meta.column_classification | SQL_FORBIDDEN | catalog",
        "SELECT * FROM nowhere | SQL_UNKNOWN_TABLE | unknown_table",
        "WITH RECURSIVE duckdb_databases AS (SELECT * FROM duckdb_databases UNION ALL"
            + " SELECT * FROM duckdb_databases WHERE false) SELECT * FROM duckdb_databases"
            + " | SQL_UNKNOWN_TABLE | unknown_table",
        "SELEC 1 | SQL_PARSE_ERROR | parse_error"
      })
  void rejectionViaSecuredBoxIsAuditedWithThePrincipal(String sql, ErrorCode code, String reason) {
    SecuredBox ana = box.as(analyst("ana"));

    assertThatThrownBy(() -> ana.query(sql))
        .isInstanceOfSatisfying(
            SqlRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.reason()).isEqualTo(reason);
            });

    assertOneDenial(sink, "sql_guard." + reason, ACME, "ana", "sql.query");
    assertThat(count(registry, "udb.security.denied", "control", "sql_guard", "reason", reason))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "DROP TABLE t | SQL_NOT_SELECT | not_select",
        "SELECT * FROM read_parquet('x.parquet') | SQL_FORBIDDEN | table_function",
        "SELECT * FROM udb_meta.column_classification | SQL_FORBIDDEN | catalog",
        "WITH RECURSIVE sqlite_master AS (SELECT * FROM sqlite_master UNION ALL"
            + " SELECT * FROM sqlite_master WHERE false) SELECT * FROM sqlite_master"
            + " | SQL_UNKNOWN_TABLE | unknown_table"
      })
  void rejectionViaDataBoxQueryIsAuditedWithoutAPrincipal(
      String sql, ErrorCode code, String reason) {
    assertThatThrownBy(() -> box.query(ACME, sql))
        .isInstanceOfSatisfying(
            SqlRejectedException.class, e -> assertThat(e.code()).isEqualTo(code));

    assertOneDenial(sink, "sql_guard." + reason, ACME, null, "sql.query");
    assertThat(count(registry, "udb.security.denied", "control", "sql_guard", "reason", reason))
        .isEqualTo(1);
  }
}

package io.udb.core.job.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.job.Job;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobStoreFactory;
import io.udb.api.job.JobType;
import io.udb.api.plugin.PluginContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcJobStoreFactoryTest {
  @TempDir Path dir;

  private static PluginContext context(Map<String, String> settings) {
    return new PluginContext(Settings.of(settings), null, Clock.systemUTC());
  }

  @Test
  void isFoundByServiceLoaderAsBuiltInJdbc() {
    assertThat(ServiceLoader.load(JobStoreFactory.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(factory -> factory.name().equals("jdbc"))
        .singleElement()
        .isInstanceOf(JdbcJobStoreFactory.class)
        .satisfies(factory -> assertThat(factory.priority()).isEqualTo(-100));
  }

  @Test
  void createsStoreInTheConfiguredTable() throws SQLException {
    String url = "jdbc:duckdb:" + dir.resolve("jobs.duckdb");
    Job job =
        Job.created(
            JobId.of("job-1"),
            TenantId.of("acme"),
            JobType.ANALYZE,
            Instant.parse("2026-01-01T00:00:00Z"),
            "corr",
            "node-a");

    try (JobStore store =
        new JdbcJobStoreFactory().create(context(Map.of("url", url, "table", "my_jobs")))) {
      store.save(job);
      assertThat(store.find(job.tenant(), job.id())).contains(job);
    }
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id FROM my_jobs")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("job-1");
    }
  }

  @Test
  void connectsToPostgresWithUserSetting() throws SQLException {
    String schema = TestPostgres.createSchema();
    try (JobStore store =
        new JdbcJobStoreFactory()
            .create(
                context(Map.of("url", TestPostgres.urlOf(schema), "user", TestPostgres.USER)))) {
      assertThat(store.list(TenantId.of("acme"), 10)).isEmpty();
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  void refusesMissingUrl() {
    assertThatThrownBy(() -> new JdbcJobStoreFactory().create(context(Map.of("user", "u"))))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
        .hasMessageContaining("'url'");
  }

  @Test
  void refusesUrlThatIsNotJdbcWithoutShowingItsPassword() {
    assertThatThrownBy(
            () ->
                new JdbcJobStoreFactory()
                    .create(context(Map.of("url", "postgresql://u:hunter2@db/app"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'url'")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void refusesTableThatIsNotAPlainIdentifier() {
    String url = "jdbc:duckdb:" + dir.resolve("jobs.duckdb");

    assertThatThrownBy(
            () ->
                new JdbcJobStoreFactory()
                    .create(context(Map.of("url", url, "table", "jobs; DROP TABLE x"))))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
        .hasMessageContaining("'table'");
  }

  @Test
  void reportsUnreachableDatabaseWithoutPassword() {
    Map<String, String> settings =
        Map.of(
            "url", "jdbc:postgresql://127.0.0.1:1/test",
            "user", "postgres",
            "password", "hunter2");

    assertThatThrownBy(() -> new JdbcJobStoreFactory().create(context(settings)))
        .isInstanceOfSatisfying(
            UdbException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_ERROR);
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("hunter2");
              }
            });
  }
}

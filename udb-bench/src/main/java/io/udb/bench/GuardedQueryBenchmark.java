package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.core.engine.EngineSettings;
import io.udb.core.observe.UdbMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * UDB's guarded user-query path against plain JDBC on the same tenant database.
 *
 * <p>Candidate: {@link DuckDbEngine#query} (lease, guard-cache lookup, prepared statement with row
 * cap and timeout, conversion of every value to its JSON-compatible form). Baseline: a JDBC
 * connection of the same database, held for the whole run, preparing the same statement and reading
 * every column of every row with {@code getObject} into a list. Both sides therefore parse, plan,
 * execute and materialize the same rows; the ratio shows what UDB adds on top.
 *
 * <p>The table is the Seattle weather data set (1,461 days) when the shared data folder is found,
 * otherwise a generated table of the same shape and size.
 */
public final class GuardedQueryBenchmark implements Benchmark {
  /** The benchmark's command-line name. */
  public static final String NAME = "guarded-query";

  private static final String DATA_FILE = "seattle-weather.csv";
  private static final int GENERATED_ROWS = 1461;
  private static final TenantId TENANT = TenantId.of("bench");
  private static final QueryOptions OPTIONS = QueryOptions.maxRows(1000);

  private static final List<Query> QUERIES =
      List.of(
          new Query("point-lookup", "SELECT * FROM weather WHERE date = DATE '2014-06-01'"),
          new Query(
              "small-aggregate",
              "SELECT weather, count(*), avg(temp_max) FROM weather GROUP BY weather"));

  private final Optional<Path> weatherCsv;

  private GuardedQueryBenchmark(Optional<Path> weatherCsv) {
    this.weatherCsv = weatherCsv;
  }

  /**
   * The benchmark on the real Seattle weather data when a {@code shared/data} folder is found at or
   * above {@code workingDirectory}, else on generated rows.
   *
   * @param workingDirectory where to start looking for the shared data
   * @return the benchmark
   */
  public static GuardedQueryBenchmark locatingData(Path workingDirectory) {
    return new GuardedQueryBenchmark(SharedData.find(workingDirectory, DATA_FILE));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Comparison> run(Harness harness, Consumer<String> notes) throws Exception {
    Path root = Files.createTempDirectory("udb-bench-");
    try (DuckDbEngine engine =
        DuckDbEngine.onDisk(root, EngineSettings.defaults(), UdbMetrics.noop())) {
      notes.accept(NAME + ": " + load(engine));
      try (DuckDbSqlSession held = engine.openSession(TENANT)) {
        Connection connection = held.connection();
        List<Comparison> comparisons = new ArrayList<>();
        for (Query query : QUERIES) {
          verifySameResult(engine, connection, query);
          comparisons.add(
              harness.compare(
                  NAME + "/" + query.label(),
                  () -> engine.query(TENANT, query.sql(), OPTIONS),
                  () -> readAll(connection, query.sql())));
        }
        return comparisons;
      }
    } finally {
      deleteRecursively(root);
    }
  }

  /** Creates table {@code weather}; returns where its rows came from. */
  private String load(DuckDbEngine engine) throws IOException {
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      if (weatherCsv.isPresent()) {
        Path copy =
            Files.copy(
                weatherCsv.get(),
                engine.spoolDirectory(TENANT).resolve(DATA_FILE),
                StandardCopyOption.REPLACE_EXISTING);
        session.execute(
            "CREATE TABLE weather AS SELECT * FROM read_csv(?)", List.of(copy.toString()));
      } else {
        session.execute(
            "CREATE TABLE weather AS SELECT DATE '2012-01-01' + CAST(i AS INTEGER) AS date,"
                + " round((i * 7919 % 500) / 10.0, 1) AS precipitation,"
                + " round(((i * 104729) % 300) / 10.0, 1) AS temp_max,"
                + " round(((i * 1299709) % 200) / 10.0 - 5, 1) AS temp_min,"
                + " round(((i * 15485863) % 90) / 10.0, 1) AS wind,"
                + " ['drizzle', 'rain', 'sun', 'snow', 'fog'][i % 5 + 1] AS weather"
                + " FROM range(?) t(i)",
            List.of(GENERATED_ROWS));
      }
      long rows =
          ((Number) session.query("SELECT count(*) FROM weather", List.of()).rows().get(0).get(0))
              .longValue();
      return weatherCsv
          .map(csv -> rows + " rows from " + csv)
          .orElse(rows + " generated rows (no shared/data/" + DATA_FILE + " found)");
    }
  }

  /** Fails unless both sides return the same number of rows and columns for {@code query}. */
  private static void verifySameResult(DuckDbEngine engine, Connection connection, Query query)
      throws Exception {
    QueryResult udb = engine.query(TENANT, query.sql(), OPTIONS);
    List<Object[]> direct = readAll(connection, query.sql());
    int directWidth = direct.isEmpty() ? udb.columns().size() : direct.get(0).length;
    if (udb.rowCount() == 0
        || udb.rowCount() != direct.size()
        || udb.columns().size() != directWidth) {
      throw new UdbException(
          ErrorCode.INTERNAL,
          "The two sides of "
              + query.label()
              + " disagree: UDB returned "
              + udb.rowCount()
              + " rows, JDBC "
              + direct.size()
              + "; both must do the same non-empty work");
    }
  }

  /** The baseline: prepare, execute and materialize every value, as a plain JDBC caller would. */
  private static List<Object[]> readAll(Connection connection, String sql) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      int width = rows.getMetaData().getColumnCount();
      List<Object[]> out = new ArrayList<>();
      while (rows.next()) {
        Object[] row = new Object[width];
        for (int i = 1; i <= width; i++) {
          row[i - 1] = rows.getObject(i);
        }
        out.add(row);
      }
      return out;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private record Query(String label, String sql) {}
}

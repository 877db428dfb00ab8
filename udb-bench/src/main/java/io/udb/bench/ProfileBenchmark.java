package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.core.engine.EngineSettings;
import io.udb.core.observe.UdbMetrics;
import io.udb.quality.profile.Profile;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A full profile of a generated table against DuckDB's own {@code SUMMARIZE} of the same table, in
 * the same process and tenant database.
 *
 * <p>Candidate: {@link Profiler#profile} (every statistic, exact quantiles and distinct counts,
 * histograms, top values, extremes, duplicates, Pearson, Spearman and Cramér's V), then once with
 * {@code approximate} and once with {@code minimal}. Baseline: {@code SUMMARIZE t} through plain
 * JDBC, reading every row of its result. {@code SUMMARIZE} computes less (min, max, approximate
 * distinct count, mean, std, approximate quartiles, null share per column), so a ratio of 1.0 means
 * the profile costs the same time while computing more.
 *
 * <p>The table has {@value #DEFAULT_ROWS} rows by default (system property {@value #ROWS_PROPERTY})
 * and 8 columns generated inside DuckDB from {@code range} and {@code hash}: a unique id, a decimal
 * amount with ~1M distinct values, a small integer, a double with 5% nulls, a 5-value category, a
 * ~100k-value user string, a date over four years and a boolean.
 */
public final class ProfileBenchmark implements Benchmark {
  /** The benchmark's command-line name. */
  public static final String NAME = "profile";

  /** The system property giving the generated row count. */
  public static final String ROWS_PROPERTY = "udb.bench.profile.rows";

  /** The default row count. */
  public static final long DEFAULT_ROWS = 5_000_000;

  private static final TenantId TENANT = TenantId.of("bench");
  private static final TableRef TABLE = TableRef.of("profiled");

  private final long rows;

  /**
   * A benchmark over a generated table.
   *
   * @param rows the number of rows to generate, at least 1
   */
  public ProfileBenchmark(long rows) {
    if (rows < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The profile benchmark needs rows >= 1");
    }
    this.rows = rows;
  }

  /**
   * A benchmark with the row count of system property {@value #ROWS_PROPERTY}, else {@value
   * #DEFAULT_ROWS}.
   *
   * @return the benchmark
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a malformed property
   */
  public static ProfileBenchmark fromSystemProperties() {
    return new ProfileBenchmark(RowCountProperty.read(ROWS_PROPERTY, DEFAULT_ROWS));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Comparison> run(Harness harness, Consumer<String> notes) throws Exception {
    Path root = Files.createTempDirectory("udb-bench-profile-");
    try (DuckDbEngine engine =
        DuckDbEngine.onDisk(root, EngineSettings.defaults(), UdbMetrics.noop())) {
      try (DuckDbSqlSession session = engine.openSession(TENANT)) {
        createTable(session, rows);
        notes.accept(
            NAME
                + ": "
                + rows
                + " generated rows x 8 columns (BIGINT id, DECIMAL amount, INTEGER, DOUBLE with"
                + " 5% nulls, 5-value VARCHAR, ~100k-value VARCHAR, DATE, BOOLEAN); engine"
                + " defaults (2 DuckDB threads, 1GB memory limit)");
        Connection connection = session.connection();
        // both sides run on the same tenant database, so with the same DuckDB threads
        notes.accept(
            NAME + ": DuckDB threads for the profile and SUMMARIZE: " + threads(connection));
        Profiler profiler = new Profiler();
        List<Comparison> comparisons = new ArrayList<>();
        for (Mode mode : Mode.values()) {
          Profile check = profiler.profile(session, TABLE, mode.options);
          if (check.rowCount() != rows || summarize(connection) != 8) {
            throw new UdbException(
                ErrorCode.INTERNAL, "The profile or SUMMARIZE did not cover the generated table");
          }
          notes.accept(
              NAME
                  + "/"
                  + mode.label
                  + ": "
                  + check.run().queries()
                  + " statements, "
                  + check.run().scans()
                  + " table scans per profile");
          comparisons.add(
              harness.compare(
                  NAME + "/" + mode.label + "-vs-summarize",
                  () -> profiler.profile(session, TABLE, mode.options),
                  () -> summarize(connection)));
        }
        return comparisons;
      }
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /**
   * Creates the benchmark's table {@code profiled} with {@code rows} generated rows.
   *
   * @param session a session of the tenant
   * @param rows the row count
   */
  public static void createTable(SqlSession session, long rows) {
    session.execute(createTableStatement(session.dialect().table(TABLE)), List.of(rows));
  }

  /**
   * The DuckDB statement creating the benchmark's table, with the row count as its one parameter.
   *
   * @param quotedTable the quoted name of the table to create
   * @return the statement
   */
  static String createTableStatement(String quotedTable) {
    return "CREATE OR REPLACE TABLE "
        + quotedTable
        + " AS SELECT i AS id,"
        + " CAST((hash(i) % 1000000) / 100.0 AS DECIMAL(10, 2)) AS amount,"
        + " CAST(hash(i, 1) % 100 AS INTEGER) AS small_int,"
        + " CASE WHEN hash(i, 2) % 20 = 0 THEN NULL"
        + " ELSE CAST(hash(i, 2) % 100000 AS DOUBLE) / 7 END AS measure,"
        + " ['alpha', 'beta', 'gamma', 'delta', 'epsilon'][CAST(hash(i, 3) % 5 + 1 AS INTEGER)]"
        + " AS category,"
        + " 'user_' || CAST(hash(i, 4) % 100000 AS VARCHAR) AS user_name,"
        + " DATE '2020-01-01' + CAST(hash(i, 5) % 1461 AS INTEGER) AS day,"
        + " hash(i, 6) % 3 = 0 AS flag"
        + " FROM range(?) AS r(i)";
  }

  /** The table the benchmark profiles. */
  public static TableRef table() {
    return TABLE;
  }

  private static String threads(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT current_setting('threads')")) {
      result.next();
      return result.getString(1);
    }
  }

  /** The baseline: DuckDB's SUMMARIZE, every row of its result read. */
  private static int summarize(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SUMMARIZE " + "profiled")) {
      int width = result.getMetaData().getColumnCount();
      int count = 0;
      while (result.next()) {
        for (int i = 1; i <= width; i++) {
          result.getObject(i);
        }
        count++;
      }
      return count;
    }
  }

  private enum Mode {
    EXACT("full", ProfileOptions.defaults()),
    APPROXIMATE("approximate", ProfileOptions.builder().approximate(true).build()),
    MINIMAL("minimal", ProfileOptions.builder().minimal(true).build());

    private final String label;
    private final ProfileOptions options;

    Mode(String label, ProfileOptions options) {
      this.label = label;
      this.options = options;
    }
  }
}

package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.Profile;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import io.udb.spark.SparkDataset;
import io.udb.spark.SparkEngine;
import io.udb.spark.SparkEngineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * Profiling and drift on the Spark engine (local[2]) against Spark's own {@code
 * DataFrame.summary()} of the same cached data, with the same workloads on embedded DuckDB for
 * contrast.
 *
 * <p>Data: the profile benchmark's eight-column table and the drift benchmark's two tables, each
 * with {@value #DEFAULT_ROWS} rows by default (system property {@value #ROWS_PROPERTY}), generated
 * by DuckDB, written once as Parquet, registered in place on Spark and cached there ({@code CACHE
 * TABLE}), and loaded into a DuckDB tenant database.
 *
 * <p>Comparisons: the full profile on Spark vs {@code summary()} (count, mean, stddev, min,
 * approximate quartiles, max of every column; target ratio at least 1/1.5), drift of all columns on
 * Spark vs {@code summary()} of both tables, the Spark profile vs the DuckDB profile of the same
 * rows (how much slower the distributed engine is on one machine), and the DuckDB profile vs {@code
 * SUMMARIZE}.
 */
public final class SparkBenchmark implements Benchmark {
  /** The benchmark's command-line name. */
  public static final String NAME = "spark";

  /** The system property giving the generated row count. */
  public static final String ROWS_PROPERTY = "udb.bench.spark.rows";

  /** The default row count of each table. */
  public static final long DEFAULT_ROWS = 1_000_000;

  private static final TenantId TENANT = TenantId.of("bench");
  private static final TableRef PROFILED = ProfileBenchmark.table();
  private static final TableRef REFERENCE = TableRef.of("reference");
  private static final TableRef CURRENT = TableRef.of("current");

  private final long rows;

  /**
   * A benchmark over generated tables.
   *
   * @param rows rows of each table, at least 1
   */
  public SparkBenchmark(long rows) {
    if (rows < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The spark benchmark needs rows >= 1");
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
  public static SparkBenchmark fromSystemProperties() {
    String value = System.getProperty(ROWS_PROPERTY);
    if (value == null || value.isBlank()) {
      return new SparkBenchmark(DEFAULT_ROWS);
    }
    try {
      return new SparkBenchmark(Long.parseLong(value.strip().replace("_", "")));
    } catch (NumberFormatException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          ROWS_PROPERTY + " must be a whole number, got '" + value + "'");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Comparison> run(Harness harness, Consumer<String> notes) throws Exception {
    Path root = Files.createTempDirectory("udb-bench-spark-");
    SparkEngine spark =
        SparkEngine.start(
            new SparkEngineSettings(
                "local[2]",
                "udb-bench",
                SparkEngineSettings.DEFAULT_NAMESPACE_PREFIX,
                Map.of(
                    "spark.sql.shuffle.partitions", "4",
                    "spark.driver.host", "127.0.0.1",
                    "spark.sql.warehouse.dir", root.resolve("warehouse").toUri().toString())));
    try (DataBox duck =
            DataBox.builder().storageRoot(root.resolve("duck")).eventSinks(List.of()).build();
        DataBox onSpark =
            DataBox.builder()
                .storageRoot(root.resolve("spark"))
                .eventSinks(List.of())
                .engine(spark)
                .build()) {
      generate(duck, spark, root);
      notes.accept(
          NAME
              + ": "
              + rows
              + " rows per table; Spark "
              + spark.spark().version()
              + " local[2], 4 shuffle partitions, tables cached; DuckDB with engine defaults");
      Profiler profiler = new Profiler();
      ProfileOptions full = ProfileOptions.defaults();
      DriftService drift = new DriftService();
      DriftRequest allColumns = DriftRequest.between(REFERENCE, CURRENT).build();
      List<Comparison> comparisons = new ArrayList<>();
      try (SqlSession sparkSession = onSpark.openSession(TENANT);
          DuckDbSqlSession duckSession = (DuckDbSqlSession) duck.openSession(TENANT)) {
        Profile onSparkProfile = profiler.profile(sparkSession, PROFILED, full);
        Profile onDuckProfile = profiler.profile(duckSession, PROFILED, full);
        if (onSparkProfile.rowCount() != rows || onDuckProfile.rowCount() != rows) {
          throw new UdbException(ErrorCode.INTERNAL, "A profile did not cover the generated table");
        }
        notes.accept(
            NAME
                + ": drift on Spark: "
                + drift.run(onSpark, TENANT, allColumns).numberOfDriftedColumns()
                + " drifted columns");
        String profiled = spark.namespace(TENANT) + "." + PROFILED.name();
        String reference = spark.namespace(TENANT) + "." + REFERENCE.name();
        String current = spark.namespace(TENANT) + "." + CURRENT.name();
        Connection connection = duckSession.connection();
        comparisons.add(
            harness.compare(
                NAME + "/profile-vs-summary",
                () -> profiler.profile(sparkSession, PROFILED, full),
                () -> summary(spark, profiled)));
        comparisons.add(
            harness.compare(
                NAME + "/drift-vs-summary",
                () -> drift.run(onSpark, TENANT, allColumns),
                () -> {
                  summary(spark, reference);
                  summary(spark, current);
                }));
        comparisons.add(
            harness.compare(
                NAME + "/spark-profile-vs-duckdb-profile",
                () -> profiler.profile(sparkSession, PROFILED, full),
                () -> profiler.profile(duckSession, PROFILED, full)));
        comparisons.add(
            harness.compare(
                NAME + "/duckdb-profile-vs-summarize",
                () -> profiler.profile(duckSession, PROFILED, full),
                () -> summarize(connection)));
      }
      return comparisons;
    } finally {
      spark.close();
      deleteRecursively(root);
    }
  }

  /**
   * Generates each table once in a scratch DuckDB and writes it as Parquet, then loads that file
   * into the DuckDB tenant database and registers and caches it on Spark, so both engines see the
   * same rows.
   */
  private void generate(DataBox duck, SparkEngine spark, Path root) throws Exception {
    Path spool =
        Files.createDirectories(DuckDbEngine.serving(duck.engine(), TENANT).spoolDirectory(TENANT));
    Path files = Files.createDirectories(root.resolve("parquet"));
    try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:")) {
      String[] creates = {
        ProfileBenchmark.createTableStatement(PROFILED.name()),
        "CREATE TABLE reference AS SELECT " + DriftBenchmark.columns(false) + " FROM range(?) t(i)",
        "CREATE TABLE current AS SELECT " + DriftBenchmark.columns(true) + " FROM range(?) t(i)"
      };
      for (String create : creates) {
        try (PreparedStatement statement = scratch.prepareStatement(create)) {
          statement.setLong(1, rows);
          statement.execute();
        }
      }
      for (TableRef table : List.of(PROFILED, REFERENCE, CURRENT)) {
        Path parquet = files.resolve(table.name() + ".parquet");
        try (Statement statement = scratch.createStatement()) {
          statement.execute("COPY " + table.name() + " TO '" + parquet + "' (FORMAT parquet)");
        }
        Path copy = Files.copy(parquet, spool.resolve(parquet.getFileName()));
        try (SqlSession session = duck.openSession(TENANT)) {
          session.execute(
              "CREATE TABLE "
                  + session.dialect().table(table)
                  + " AS SELECT * FROM read_parquet(?)",
              List.of(copy.toString()));
        }
        spark.register(TENANT, table, SparkDataset.parquet(parquet.toUri().toString()));
        spark.spark().sql("CACHE TABLE " + spark.namespace(TENANT) + "." + table.name());
      }
    }
  }

  private static void summary(SparkEngine spark, String table) {
    List<Row> rows = spark.spark().table(table).summary().collectAsList();
    if (rows.isEmpty()) {
      throw new UdbException(ErrorCode.INTERNAL, "summary() returned no rows");
    }
  }

  private static int summarize(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SUMMARIZE " + PROFILED.name())) {
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

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}

package io.udb.spark.conformance;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.spark.SparkDataset;
import io.udb.spark.SparkEngine;
import io.udb.spark.SparkEngineSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two engines of the conformance suite, holding the same tables: a DuckDB-backed {@link
 * DataBox} and a Spark-backed one (Spark local[2], two shuffle partitions). Every table is written
 * once as a Parquet file by a scratch DuckDB, then loaded into the DuckDB box and registered, in
 * place, on the Spark engine, so both engines see identical values and types.
 *
 * <p>One instance per test JVM ({@link #get()}): starting Spark costs seconds, so every conformance
 * class shares it. Each call to {@link #table} gets its own table name, so classes never collide.
 */
public final class ConformanceEngines {
  /** The tenant every conformance table belongs to, on both engines. */
  public static final TenantId TENANT = TenantId.of("conformance");

  private static final class Holder {
    static final ConformanceEngines INSTANCE = new ConformanceEngines();
  }

  private final Path folder;
  private final SparkEngine sparkEngine;
  private final DataBox duck;
  private final DataBox spark;
  private final AtomicInteger files = new AtomicInteger();

  private ConformanceEngines() {
    try {
      folder = Files.createTempDirectory("udb-conformance-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sparkEngine =
        SparkEngine.start(
            new SparkEngineSettings(
                "local[2]",
                "udb-conformance",
                SparkEngineSettings.DEFAULT_NAMESPACE_PREFIX,
                Map.of(
                    "spark.sql.shuffle.partitions", "2",
                    "spark.default.parallelism", "2",
                    "spark.driver.host", "127.0.0.1",
                    "spark.sql.warehouse.dir", folder.resolve("warehouse").toUri().toString())));
    duck = DataBox.builder().inMemory().build();
    spark = DataBox.builder().inMemory().engine(sparkEngine).build();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  duck.close();
                  spark.close();
                },
                "udb-conformance-shutdown"));
  }

  /** The shared engines, started on first use. */
  public static ConformanceEngines get() {
    return Holder.INSTANCE;
  }

  /** The box on embedded DuckDB. */
  public DataBox duck() {
    return duck;
  }

  /** The box on Spark. */
  public DataBox spark() {
    return spark;
  }

  /** The Spark engine of {@link #spark()}. */
  public SparkEngine sparkEngine() {
    return sparkEngine;
  }

  /**
   * Creates the same table on both engines from a CSV file, with DuckDB's type detection.
   *
   * @param table the table name, unique within the test JVM
   * @param csv the CSV file (header row)
   * @return the table
   */
  public TableRef csv(String table, Path csv) {
    return table(
        table,
        "SELECT * FROM read_csv('"
            + csv.toAbsolutePath().toString().replace("'", "''")
            + "', header = true, auto_detect = true)");
  }

  /**
   * Creates the same table on both engines from a DuckDB query (for generated edge cases).
   *
   * @param table the table name, unique within the test JVM
   * @param duckDbSelect a SELECT in DuckDB's SQL giving the rows and column types
   * @return the table
   */
  public TableRef table(String table, String duckDbSelect) {
    Path parquet = folder.resolve("t" + files.incrementAndGet() + "-" + table + ".parquet");
    try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = scratch.createStatement()) {
      statement.execute("COPY (" + duckDbSelect + ") TO '" + parquet + "' (FORMAT parquet)");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write " + parquet + ": " + e.getMessage(), e);
    }
    TableRef ref = TableRef.of(table);
    Path spool = folder.resolve("spool-" + table);
    try (SqlSession session = duck.openSession(TENANT)) {
      // the tenant database reads files only from its own spool folder
      Path tenantSpool = ((io.udb.core.engine.DuckDbEngine) duck.engine()).spoolDirectory(TENANT);
      Files.createDirectories(tenantSpool);
      Path copy = Files.copy(parquet, tenantSpool.resolve(parquet.getFileName()));
      session.execute(
          "CREATE OR REPLACE TABLE "
              + session.dialect().table(ref)
              + " AS SELECT * FROM read_parquet(?)",
          List.of(copy.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stage " + spool, e);
    }
    sparkEngine.register(TENANT, ref, SparkDataset.parquet(parquet.toUri().toString()));
    return ref;
  }
}

package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.core.DataBox;
import io.udb.core.engine.EngineSettings;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.ingest.load.LoadReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * UDB's CSV ingest against DuckDB reading the same file into a table.
 *
 * <p>Candidate: {@link FileIngestService#load} in replace mode into an on-disk tenant database: the
 * file linked into the tenant's spool folder, its dialect sniffed, read by {@code read_csv} with
 * {@code store_rejects} into a staging table inside a transaction while UDB counts the file's
 * records independently, the rejects collected, the table swapped in, committed, classified for
 * PII, metered and announced. Baseline: {@code CREATE OR REPLACE TABLE t AS SELECT * FROM
 * read_csv(?)} on a plain DuckDB database file with the same threads and memory limit, in the same
 * process. Both read the same generated file.
 *
 * <p>Also measured, outside the timed rounds: the peak JVM heap in use during one UDB load of the
 * large file and of a file a fifth of its size (sampled every 2 ms), and the bytes the loading
 * thread allocated; since DuckDB reads the file, neither should grow with it.
 */
public final class IngestBenchmark implements Benchmark {
  /** The benchmark's command-line name. */
  public static final String NAME = "ingest";

  /** System property overriding the row count of the large file (default 5,000,000). */
  public static final String ROWS_PROPERTY = "udb.bench.ingest.rows";

  private static final TenantId TENANT = TenantId.of("bench");
  private final long rows;

  private IngestBenchmark(long rows) {
    if (rows < 5) {
      throw new IllegalArgumentException("rows must be at least 5");
    }
    this.rows = rows;
  }

  /** The benchmark on {@code udb.bench.ingest.rows} rows (default 5,000,000, about 370 MB). */
  public static IngestBenchmark standard() {
    return new IngestBenchmark(Long.getLong(ROWS_PROPERTY, 5_000_000L));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Comparison> run(Harness harness, Consumer<String> notes) throws Exception {
    Path root = Files.createTempDirectory("udb-bench-ingest-");
    try {
      Path large = generate(root.resolve("large.csv"), rows);
      Path small = generate(root.resolve("small.csv"), rows / 5);
      notes.accept(
          String.format(
              Locale.ROOT,
              "%s: generated CSV of %,d rows, %,d bytes (and %,d rows, %,d bytes for the heap"
                  + " comparison), 7 columns: BIGINT, text, DOUBLE, DATE, text, BOOLEAN, text",
              NAME,
              rows,
              Files.size(large),
              rows / 5,
              Files.size(small)));
      EngineSettings engine = EngineSettings.defaults();
      try (DataBox box =
              DataBox.builder()
                  .storageRoot(root.resolve("udb"))
                  .engineSettings(engine)
                  .eventSinks(List.of())
                  .build();
          Connection baseline = baseline(root.resolve("baseline.duckdb"), engine)) {
        FileIngestService files = new FileIngestService(box);
        verify(files, baseline, large);
        Heap smallHeap = heap(() -> files.load(TENANT, small, "t", LoadOptions.defaults()));
        Heap largeHeap = heap(() -> files.load(TENANT, large, "t", LoadOptions.defaults()));
        notes.accept(
            String.format(
                Locale.ROOT,
                "%s: peak JVM heap in use above the start of the load: %.1f MiB for %,d rows,"
                    + " %.1f MiB for %,d rows; allocated by the loading thread: %.1f MiB and"
                    + " %.1f MiB",
                NAME,
                smallHeap.peakBytes() / 1048576.0,
                rows / 5,
                largeHeap.peakBytes() / 1048576.0,
                rows,
                smallHeap.allocatedBytes() / 1048576.0,
                largeHeap.allocatedBytes() / 1048576.0));
        return List.of(
            harness.compare(
                NAME + "/csv-" + label(rows),
                () -> files.load(TENANT, large, "t", LoadOptions.defaults()),
                () -> plainLoad(baseline, large)));
      }
    } finally {
      deleteRecursively(root);
    }
  }

  private static String label(long rows) {
    return rows % 1_000_000 == 0 ? rows / 1_000_000 + "m" : Long.toString(rows);
  }

  /** Writes a deterministic CSV of {@code rows} rows with DuckDB (about 74 bytes a row). */
  static Path generate(Path file, long rows) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT i AS id, 'customer_' || (i % 100000) AS customer,"
              + " ((i * 7919) % 1000000) / 100.0 AS amount,"
              + " DATE '2020-01-01' + (i % 1500)::INTEGER AS day,"
              + " ['north', 'south', 'east', 'west'][1 + i % 4] AS region,"
              + " i % 7 = 0 AS flag, 'note ' || left(md5(i::VARCHAR), 16) AS note"
              + " FROM range("
              + rows
              + ") t(i)) TO '"
              + file.toString().replace("'", "''")
              + "' (HEADER)");
    }
    return file;
  }

  private static Connection baseline(Path database, EngineSettings engine) throws SQLException {
    Properties config = new Properties();
    config.setProperty("threads", Integer.toString(engine.threadsPerTenant()));
    config.setProperty("memory_limit", engine.memoryLimit());
    return DriverManager.getConnection("jdbc:duckdb:" + database, config);
  }

  private static void plainLoad(Connection baseline, Path csv) throws SQLException {
    try (PreparedStatement statement =
        baseline.prepareStatement("CREATE OR REPLACE TABLE t AS SELECT * FROM read_csv(?)")) {
      statement.setString(1, csv.toString());
      statement.execute();
    }
  }

  /** Fails unless both sides load every row of the file. */
  private void verify(FileIngestService files, Connection baseline, Path csv) throws SQLException {
    LoadReport report = files.load(TENANT, csv, "t", LoadOptions.defaults());
    plainLoad(baseline, csv);
    long direct;
    try (Statement statement = baseline.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM t")) {
      result.next();
      direct = result.getLong(1);
    }
    if (report.result().rowsLoaded() != rows
        || report.result().rowsRejected() != 0
        || direct != rows) {
      throw new UdbException(
          ErrorCode.INTERNAL,
          "The two sides disagree: UDB loaded "
              + report.result().rowsLoaded()
              + " rows, DuckDB "
              + direct
              + ", of "
              + rows);
    }
  }

  /**
   * The heap a load needs.
   *
   * @param peakBytes the most heap in use while it ran, above what was in use when it started
   * @param allocatedBytes the bytes the loading thread allocated (garbage included)
   */
  private record Heap(long peakBytes, long allocatedBytes) {}

  /** Measures the heap of one load. */
  private static Heap heap(Operation load) throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    System.gc();
    long start = memory.getHeapMemoryUsage().getUsed();
    long allocatedBefore = threads.getThreadAllocatedBytes(thread);
    AtomicLong peak = new AtomicLong(start);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        new Thread(
            () -> {
              while (running.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(2);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    try {
      load.run();
    } finally {
      running.set(false);
      sampler.join();
    }
    return new Heap(
        Math.max(0, peak.get() - start), threads.getThreadAllocatedBytes(thread) - allocatedBefore);
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}

package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.quality.drift.BaselineStore;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftResult;
import io.udb.quality.drift.DriftService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Drift of every column between two generated tables against one aggregate scan of both.
 *
 * <p>Data: tables {@code reference} and {@code current} of {@value #ROWS} rows each and eight
 * columns of the usual mix, generated inside DuckDB from hashes of the row number (so every run
 * sees the same values): {@code age} (integers 18-90), {@code income} (log-uniform amounts in
 * cents, hundreds of thousands of distinct values), {@code score} (0-1 in steps of 0.001), {@code
 * tenure_days} (0-3649), {@code rating} (1-5), {@code country} (20 codes), {@code plan} (4 names)
 * and {@code active} (boolean); in {@code current} some of them are shifted.
 *
 * <p>UDB: {@link DriftService#run} with Evidently's defaults (more than 1000 reference rows, so
 * normed Wasserstein for the numeric columns and Jensen-Shannon for the rest): the seven columns
 * with few distinct values of both tables read by one statement of one {@code GROUP BY} each,
 * {@code income} (nearly all values distinct) streamed as raw values and radix-sorted in the JVM,
 * the tests computed there. Baseline: one aggregate query over {@code reference UNION ALL current}
 * computing {@code count}, {@code avg}, {@code min} and {@code max} of every column (no {@code avg}
 * for text), read through a JDBC connection of the same tenant database.
 *
 * <p>Comparisons: {@code all-columns} (the eight columns); {@code all-columns-approximate} (the
 * same with {@link DriftRequest.Builder#approximateAbove} at {@value #APPROXIMATE_ABOVE}, which
 * sketches {@code income} and reads every other column exactly); {@code without-income} (the seven
 * columns with at most a few thousand distinct values, to separate the cost of the one column whose
 * distinct values are nearly as many as its rows); {@code against-baseline} (all columns of {@code
 * current} against a stored baseline of {@code reference}, which reads only the current table, so
 * its baseline scans only {@code current}).
 */
public final class DriftBenchmark implements Benchmark {
  /** The benchmark's command-line name. */
  public static final String NAME = "drift";

  /** Rows per table. */
  static final int ROWS = 500_000;

  private static final TenantId TENANT = TenantId.of("bench");
  private static final TableRef REFERENCE = TableRef.of("reference");
  private static final TableRef CURRENT = TableRef.of("current");
  private static final String DATASET = "bench";
  private static final List<String> COLUMNS =
      List.of("age", "income", "score", "tenure_days", "rating", "country", "plan", "active");

  /** The opt-in approximate comparison sketches sides with more distinct values than this. */
  static final long APPROXIMATE_ABOVE = 50_000;

  private final int rows;

  /** The benchmark on {@value #ROWS} rows per table. */
  public DriftBenchmark() {
    this(ROWS);
  }

  /** The benchmark on {@code rows} rows per table (tests use small tables). */
  DriftBenchmark(int rows) {
    this.rows = rows;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Comparison> run(Harness harness, Consumer<String> notes) throws Exception {
    Path root = Files.createTempDirectory("udb-bench-drift-");
    try (DataBox box = DataBox.builder().storageRoot(root).eventSinks(List.of()).build()) {
      generate(box);
      DriftService service = new DriftService();
      DriftRequest all = DriftRequest.between(REFERENCE, CURRENT).build();
      DriftRequest withoutIncome =
          DriftRequest.between(REFERENCE, CURRENT).columns(columnsWithout("income")).build();
      DriftRequest againstBaseline = DriftRequest.againstBaseline(DATASET, CURRENT).build();
      DriftRequest approximate =
          DriftRequest.between(REFERENCE, CURRENT).approximateAbove(APPROXIMATE_ABOVE).build();
      new BaselineStore(box).save(TENANT, DATASET, REFERENCE);
      notes.accept(NAME + ": " + describe(service.run(box, TENANT, all)));
      DuckDbEngine engine = (DuckDbEngine) box.engine();
      try (DuckDbSqlSession held = engine.openSession(TENANT)) {
        Connection connection = held.connection();
        String bothTables =
            aggregateScan(COLUMNS, "SELECT * FROM reference UNION ALL SELECT * FROM current");
        String bothWithoutIncome =
            aggregateScan(
                columnsWithout("income"),
                "SELECT * FROM reference UNION ALL SELECT * FROM current");
        String currentOnly = aggregateScan(COLUMNS, "SELECT * FROM current");
        for (String scan : List.of(bothTables, bothWithoutIncome, currentOnly)) {
          if (readAll(connection, scan) != 1) {
            throw new UdbException(ErrorCode.INTERNAL, "an aggregate scan must return one row");
          }
        }
        List<Comparison> comparisons = new ArrayList<>();
        comparisons.add(
            harness.compare(
                NAME + "/all-columns",
                () -> service.run(box, TENANT, all),
                () -> readAll(connection, bothTables)));
        comparisons.add(
            harness.compare(
                NAME + "/all-columns-approximate",
                () -> service.run(box, TENANT, approximate),
                () -> readAll(connection, bothTables)));
        comparisons.add(
            harness.compare(
                NAME + "/without-income",
                () -> service.run(box, TENANT, withoutIncome),
                () -> readAll(connection, bothWithoutIncome)));
        comparisons.add(
            harness.compare(
                NAME + "/against-baseline",
                () -> service.run(box, TENANT, againstBaseline),
                () -> readAll(connection, currentOnly)));
        return comparisons;
      }
    } finally {
      deleteRecursively(root);
    }
  }

  private static List<String> columnsWithout(String column) {
    return COLUMNS.stream().filter(c -> !c.equals(column)).toList();
  }

  /** Creates the two tables. */
  private void generate(DataBox box) {
    try (var session = box.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE reference AS SELECT " + columns(false) + " FROM range(?) t(i)",
          List.of(rows));
      session.execute(
          "CREATE TABLE current AS SELECT " + columns(true) + " FROM range(?) t(i)", List.of(rows));
    }
  }

  /** The eight columns; {@code shifted} moves income, age, plan and active. */
  static String columns(boolean shifted) {
    // u(k): a uniform number in [0, 1) from the k-th hash of the row number
    String[] u = new String[8];
    for (int k = 0; k < u.length; k++) {
      u[k] = "((hash(i * 8 + " + k + ") % 1000000) / 1000000.0)";
    }
    return String.join(
        ", ",
        "CAST(18 + floor(" + u[0] + " * " + (shifted ? "70" : "72") + ") AS INTEGER) AS age",
        "round(exp(" + u[1] + " * 5 + " + (shifted ? "8.2" : "8") + "), 2) AS income",
        "round(" + u[2] + ", 3) AS score",
        "CAST(floor(" + u[3] + " * 3650) AS INTEGER) AS tenure_days",
        "CAST(1 + floor(" + u[4] + " * 5) AS INTEGER) AS rating",
        "'c' || CAST(floor(" + u[5] + " * 20) AS INTEGER) AS country",
        "['free', 'basic', 'pro', 'enterprise'][CAST(floor(power("
            + u[6]
            + ", "
            + (shifted ? "1.3" : "1.0")
            + ") * 4) AS INTEGER) + 1] AS plan",
        u[7] + " < " + (shifted ? "0.35" : "0.3") + " AS active");
  }

  /**
   * Count, average, minimum and maximum of each column in one query over {@code from} (no average
   * for text; booleans averaged as 0/1).
   */
  static String aggregateScan(List<String> columns, String from) {
    List<String> parts = new ArrayList<>();
    for (String column : columns) {
      if (column.equals("country") || column.equals("plan")) {
        parts.add(String.format("count(%1$s), min(%1$s), max(%1$s)", column));
      } else if (column.equals("active")) {
        parts.add("count(active), avg(CAST(active AS INTEGER)), min(active), max(active)");
      } else {
        parts.add(String.format("count(%1$s), avg(%1$s), min(%1$s), max(%1$s)", column));
      }
    }
    return "SELECT " + String.join(", ", parts) + " FROM (" + from + ")";
  }

  private static String describe(DriftResult result) {
    return result.columns().stream()
            .map(
                c ->
                    c.column()
                        + " "
                        + c.stattest().evidentlyName()
                        + (c.drifted() ? " drift" : " ok")
                        + " ("
                        + c.reference().distinct()
                        + " distinct)")
            .collect(Collectors.joining(", "))
        + "; "
        + result.numberOfDriftedColumns()
        + "/"
        + result.numberOfColumns()
        + " columns drifted";
  }

  private static int readAll(Connection connection, String sql) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      int width = rows.getMetaData().getColumnCount();
      int count = 0;
      while (rows.next()) {
        for (int i = 1; i <= width; i++) {
          rows.getObject(i);
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

package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiReport;
import io.udb.kpi.KpiResult;
import io.udb.kpi.Measure;
import io.udb.kpi.service.KpiService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The KPI engine on one generated table ({@code sales}, 10M rows by default, three years of days):
 *
 * <ul>
 *   <li>{@code kpi/20-vs-1}: 20 monthly KPIs (sums, averages, counts, extremes, filtered variants
 *       and ratios) against one of them alone, both uncached. The 20 share one scan, so the target
 *       is at most 3x the time of one (a ratio of throughputs of at least 0.33x);
 *   <li>{@code kpi/cached-vs-first}: the same 20 KPIs served from the result cache against
 *       computing them; the target is under 1% of the first run's time (a ratio of at least 100x);
 *   <li>{@code kpi/20-vs-duckdb}: the 20 KPIs against DuckDB running one hand-written GROUP BY
 *       month query with the same 20 aggregates over a plain JDBC connection: what the engine
 *       (validation, guard, fragment probes, breakdown of results, narrative) adds to DuckDB's own
 *       work.
 * </ul>
 */
public final class KpiBenchmark implements Benchmark {
  /** The benchmark's command-line name. */
  public static final String NAME = "kpi";

  /** The default table size. */
  public static final long DEFAULT_ROWS = 10_000_000L;

  private static final TenantId TENANT = TenantId.of("bench");

  /** DuckDB doing the work of the 20 KPIs in one query, as a hand-written dashboard would. */
  private static final String PLAIN_SQL =
      "SELECT CAST(date_trunc('month', day) AS DATE) AS month, sum(amount), avg(amount),"
          + " count(*), sum(quantity), avg(quantity), min(amount), max(amount), sum(discount),"
          + " avg(discount), count(*) FILTER (WHERE returned), count(*) FILTER (WHERE returned)"
          + " / count(*), sum(amount) FILTER (WHERE region = 'north'), sum(amount) FILTER"
          + " (WHERE channel = 'online'), sum(amount) / sum(quantity), count(*) FILTER (WHERE"
          + " amount > 500), sum(amount - discount), max(quantity), min(discount), count(*)"
          + " FILTER (WHERE channel = 'online') / count(*), avg(amount) FILTER (WHERE amount >"
          + " 500) FROM sales GROUP BY 1 ORDER BY 1";

  private final long rows;

  /**
   * A benchmark over a generated table.
   *
   * @param rows how many rows to generate
   */
  public KpiBenchmark(long rows) {
    if (rows < 1000) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The KPI benchmark needs 1000 rows");
    }
    this.rows = rows;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The 20 KPIs: all monthly over {@code sales.day}, the first is revenue. */
  static List<KpiDefinition> twentyKpis() {
    List<KpiDefinition> kpis = new ArrayList<>();
    kpis.add(monthly("revenue").measure("amount", Aggregation.SUM).build());
    kpis.add(monthly("avg_order").measure("amount", Aggregation.AVG).build());
    kpis.add(monthly("orders").aggregation(Aggregation.COUNT).build());
    kpis.add(monthly("units").measure("quantity", Aggregation.SUM).build());
    kpis.add(monthly("avg_units").measure("quantity", Aggregation.AVG).build());
    kpis.add(monthly("min_order").measure("amount", Aggregation.MIN).build());
    kpis.add(monthly("max_order").measure("amount", Aggregation.MAX).build());
    kpis.add(monthly("discounts").measure("discount", Aggregation.SUM).build());
    kpis.add(monthly("avg_discount").measure("discount", Aggregation.AVG).build());
    kpis.add(monthly("returns").aggregation(Aggregation.COUNT).filter("returned").build());
    kpis.add(
        monthly("return_rate")
            .ratio(Measure.countRows().where("returned"), Measure.countRows())
            .build());
    kpis.add(
        monthly("north_revenue")
            .measure("amount", Aggregation.SUM)
            .filter("region = 'north'")
            .build());
    kpis.add(
        monthly("online_revenue")
            .measure("amount", Aggregation.SUM)
            .filter("channel = 'online'")
            .build());
    kpis.add(
        monthly("avg_price")
            .ratio(Measure.of("amount", Aggregation.SUM), Measure.of("quantity", Aggregation.SUM))
            .build());
    kpis.add(monthly("big_orders").aggregation(Aggregation.COUNT).filter("amount > 500").build());
    kpis.add(monthly("net_revenue").measure("amount - discount", Aggregation.SUM).build());
    kpis.add(monthly("max_units").measure("quantity", Aggregation.MAX).build());
    kpis.add(monthly("min_discount").measure("discount", Aggregation.MIN).build());
    kpis.add(
        monthly("online_share")
            .ratio(Measure.countRows().where("channel = 'online'"), Measure.countRows())
            .build());
    kpis.add(
        monthly("avg_big_order").measure("amount", Aggregation.AVG).filter("amount > 500").build());
    return List.copyOf(kpis);
  }

  private static KpiDefinition.Builder monthly(String name) {
    return KpiDefinition.builder(name).table("sales").time("day", Grain.MONTH);
  }

  @Override
  public List<Comparison> run(Harness harness, Consumer<String> notes) throws Exception {
    Path root = Files.createTempDirectory("udb-bench-kpi-");
    try (DataBox box = DataBox.builder().storageRoot(root).eventSinks(List.of()).build()) {
      long generateStart = System.nanoTime();
      generate(box);
      notes.accept(
          String.format(
              Locale.ROOT,
              "%s: table sales, %,d generated rows (%d ms to generate), 20 monthly KPIs",
              NAME,
              rows,
              (System.nanoTime() - generateStart) / 1_000_000));
      List<KpiDefinition> twenty = twentyKpis();
      List<KpiDefinition> one = List.of(twenty.get(0));
      KpiOptions uncached = KpiOptions.builder().useCache(false).build();
      KpiOptions cached = KpiOptions.defaults();
      KpiService service = new KpiService();

      long firstStart = System.nanoTime();
      KpiReport first = service.compute(box, TENANT, twenty, cached);
      long firstMs = (System.nanoTime() - firstStart) / 1_000_000;
      KpiReport repeat = service.compute(box, TENANT, twenty, cached);
      KpiReport single = service.compute(box, TENANT, one, uncached);
      try (DuckDbSqlSession held = (DuckDbSqlSession) box.openSession(TENANT)) {
        Connection connection = held.connection();
        verify(first, repeat, single, plainRevenue(connection));
        notes.accept(
            String.format(
                Locale.ROOT,
                "%s: first run of the 20 KPIs %d ms (one scan: scan index %d for all), its"
                    + " repeat served from the cache",
                NAME,
                firstMs,
                first.results().get(19).scan()));
        List<Comparison> comparisons = new ArrayList<>();
        comparisons.add(
            harness.compare(
                NAME + "/20-vs-1",
                () -> service.compute(box, TENANT, twenty, uncached),
                () -> service.compute(box, TENANT, one, uncached)));
        comparisons.add(
            harness.compare(
                NAME + "/cached-vs-first",
                () -> service.compute(box, TENANT, twenty, cached),
                () -> service.compute(box, TENANT, twenty, uncached)));
        comparisons.add(
            harness.compare(
                NAME + "/20-vs-duckdb",
                () -> service.compute(box, TENANT, twenty, uncached),
                () -> plainRows(connection)));
        for (Comparison comparison : comparisons) {
          notes.accept(
              String.format(
                  Locale.ROOT,
                  "%s: %.2f ms per UDB op, %.2f ms per baseline op; time ratio %.4f",
                  comparison.name(),
                  1000 / comparison.candidateMedian(),
                  1000 / comparison.baselineMedian(),
                  comparison.baselineMedian() / comparison.candidateMedian()));
        }
        return comparisons;
      }
    } finally {
      deleteRecursively(root);
    }
  }

  /** Creates {@code sales} inside DuckDB: the JVM never holds the rows. */
  private void generate(DataBox box) {
    try (DuckDbSqlSession session = (DuckDbSqlSession) box.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE sales AS SELECT"
              + " DATE '2023-01-01' + CAST(i % 1095 AS INTEGER) AS day,"
              + " ['north', 'south', 'east', 'west', 'central'][CAST(i % 5 AS INTEGER) + 1]"
              + " AS region,"
              + " ['online', 'store', 'phone'][CAST(i % 3 AS INTEGER) + 1] AS channel,"
              + " CAST(i % 1000 AS INTEGER) AS product_id,"
              + " i % 200003 AS customer_id,"
              + " round(((i * 7919) % 100000) / 100.0, 2) AS amount,"
              + " CAST(1 + (i * 31) % 9 AS INTEGER) AS quantity,"
              + " round(((i * 104729) % 5000) / 100.0, 2) AS discount,"
              + " (i * 13) % 50 = 0 AS returned"
              + " FROM range(?) t(i)",
          List.of(rows));
    }
  }

  private static void verify(KpiReport first, KpiReport repeat, KpiReport single, double plain) {
    boolean oneScan = first.results().stream().allMatch(r -> r.scan() == 0);
    boolean allCached = repeat.results().stream().allMatch(KpiResult::cached);
    double revenue = first.results().get(0).value();
    double alone = single.results().get(0).value();
    if (!oneScan
        || !allCached
        || Math.abs(revenue - alone) > 1e-6 * Math.abs(plain)
        || Math.abs(revenue - plain) > 1e-6 * Math.abs(plain)) {
      throw new UdbException(
          ErrorCode.INTERNAL,
          "The sides of the KPI benchmark disagree: one scan "
              + oneScan
              + ", repeat cached "
              + allCached
              + ", revenue "
              + revenue
              + " / alone "
              + alone
              + " / plain DuckDB "
              + plain);
    }
  }

  /** The latest month's revenue from the plain query. */
  private static double plainRevenue(Connection connection) throws Exception {
    List<Object[]> rows = plainRows(connection);
    return ((Number) rows.get(rows.size() - 1)[1]).doubleValue();
  }

  /** The baseline: the 20 aggregates per month in one query, every value read. */
  private static List<Object[]> plainRows(Connection connection) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(PLAIN_SQL);
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
}

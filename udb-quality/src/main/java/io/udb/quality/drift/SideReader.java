package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.engine.TypeFamily;
import io.udb.core.engine.DuckDbSqlSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads the sides of a comparison that come from tables, choosing per side the cheapest exact way
 * the engine allows:
 *
 * <ul>
 *   <li>sides with few distinct values are read together, up to a million distinct values and 64
 *       sides at a time, by one statement of one {@code GROUP BY} per side ({@link
 *       CountsLoader#many}), which saves a round trip and a plan per column;
 *   <li>on DuckDB, a numeric side whose values are nearly all distinct (at least half as many
 *       distinct values as rows, in a table of 20,000 to 4,000,000 rows) is streamed as raw values
 *       and sorted in the JVM ({@link CountsLoader#numericRows}), on another thread so that it
 *       overlaps reading the other side, since grouping it would build a hash table and a sort as
 *       large as the table;
 *   <li>with {@link DriftRequest#approximateAbove()} set, a numeric side above that many distinct
 *       values is sketched ({@link SketchedSide}): where the engine keeps bounds of the column's
 *       values ({@link SqlDialect#storedBounds}), as cells between them read in the statement of
 *       the small sides, else by statements of its own;
 *   <li>everything else, and every side on an engine without cheap distinct estimates ({@link
 *       SqlDialect#distinctEstimates}), is read alone by its own {@code GROUP BY}.
 * </ul>
 *
 * <p>The decisions rest on the engine's estimates of distinct values, one catalog-sized query per
 * table; a stale estimate costs speed, never exactness. Sides read together are held until the
 * comparison asks for them, so at most a million distinct values of small sides are in memory
 * besides the column being compared.
 */
final class SideReader {
  /**
   * When sides are read together and when as raw values.
   *
   * @param batchValues the most distinct values (by estimate) one batched statement returns
   * @param batchSides the most sides one batched statement reads; 1 reads every side alone
   * @param rawMinRows tables with fewer rows are grouped, whatever their distinct values
   * @param rawMaxRows tables with more rows are grouped: raw values need 16 bytes per row
   * @param rawDistinctShare numeric sides with at least this share of distinct values (by estimate)
   *     among the rows are read as raw values
   */
  record Limits(
      long batchValues, int batchSides, long rawMinRows, long rawMaxRows, double rawDistinctShare) {
    /** The limits drift runs with. */
    static final Limits DEFAULT = new Limits(1_000_000, 64, 20_000, 4_000_000, 0.5);

    /** Every side read alone by its own {@code GROUP BY}. */
    static final Limits ONE_AT_A_TIME = new Limits(0, 1, Long.MAX_VALUE, 0, 1);
  }

  /**
   * One side to read.
   *
   * @param table the table
   * @param rows the table's row count
   * @param column the column
   * @param type the column's type in the table
   * @param numeric whether to read numbers (else text)
   * @param integral whether the column is integral on both sides
   */
  record Side(
      TableRef table, long rows, String column, String type, boolean numeric, boolean integral) {}

  private final SqlSession session;
  private final Long approximateAbove;
  private final Executor sorter;
  private final Limits limits;
  private final Map<Side, Long> estimates = new HashMap<>();
  private final Map<Side, ColumnSide> prefetched = new HashMap<>();
  private final Map<Side, SketchedSide.Cells> cells = new HashMap<>();
  private final List<Side> pending = new ArrayList<>();
  private int batchedSides;
  private int rawSides;
  private long pendingValues;

  /**
   * A reader.
   *
   * @param session the tenant's session
   * @param approximateAbove null to read numbers exactly, else the distinct count above which a
   *     numeric side is sketched
   * @param sorter where sides read as raw values are sorted
   * @param limits when sides are read together and when as raw values
   */
  SideReader(SqlSession session, Long approximateAbove, Executor sorter, Limits limits) {
    this.session = session;
    this.approximateAbove = approximateAbove;
    this.sorter = sorter;
    this.limits = limits;
  }

  /**
   * Reads, ahead of the comparison, the sides that can be read together. A no-op on engines without
   * cheap estimates.
   *
   * @param sides every side the comparison will ask for
   */
  void prefetch(List<Side> sides) {
    Map<TableRef, List<Side>> byTable = new LinkedHashMap<>();
    sides.forEach(s -> byTable.computeIfAbsent(s.table(), t -> new ArrayList<>()).add(s));
    for (List<Side> ofTable : byTable.values()) {
      if (!estimate(ofTable)) {
        return;
      }
    }
    if (approximateAbove != null) {
      byTable.values().forEach(this::bound);
    }
    for (Side side : sides) {
      Long estimate = estimates.get(side);
      SketchedSide.Cells sketch = cells.get(side);
      if (side.numeric() && sketch == null && (sketched(estimate) || raw(side, estimate))) {
        continue;
      }
      long values = sketch != null ? SketchedSide.CELLS + 3 : boundOfDistinct(side, estimate);
      if (values > limits.batchValues()) {
        continue;
      }
      if (pendingValues + values > limits.batchValues() || pending.size() == limits.batchSides()) {
        flush();
      }
      pending.add(side);
      pendingValues += values;
    }
    flush();
  }

  /**
   * Starts reading one side: the prefetched one (handed out once), or read now. The engine's part
   * runs on the calling thread; the JVM's sort of a side read as raw values runs on the reader's
   * executor, so that it overlaps whatever the caller reads next.
   *
   * @param side the side
   * @return its values and statistics, when ready
   */
  CompletableFuture<ColumnSide> start(Side side) {
    return read(side, sorter);
  }

  /**
   * Reads one side on the calling thread: the prefetched one (handed out once), or read now.
   *
   * @param side the side
   * @return its values and statistics
   */
  ColumnSide read(Side side) {
    return await(read(side, Runnable::run));
  }

  private CompletableFuture<ColumnSide> read(Side side, Executor sorting) {
    ColumnSide ready = prefetched.remove(side);
    if (ready != null) {
      return CompletableFuture.completedFuture(ready);
    }
    if (!side.numeric()) {
      return CompletableFuture.completedFuture(
          ColumnSide.of(CountsLoader.text(session, side.table(), side.column())));
    }
    Long estimate = estimates.get(side);
    if (approximateAbove != null) {
      return CompletableFuture.completedFuture(
          SketchedSide.read(
              session, side.table(), side.column(), side.integral(), approximateAbove, estimate));
    }
    if (raw(side, estimate) && session instanceof DuckDbSqlSession duck) {
      rawSides++;
      CountsLoader.RawValues values =
          CountsLoader.numericRows(duck, side.table(), side.column(), side.rows());
      return CompletableFuture.supplyAsync(
          () -> ColumnSide.of(values.counts(side.integral())), sorting);
    }
    return CompletableFuture.completedFuture(
        ColumnSide.of(CountsLoader.numeric(session, side.table(), side.column(), side.integral())));
  }

  /**
   * Waits for a side started by {@link #start}, passing on its failure as it was thrown.
   *
   * @param side the started side
   * @return the side
   */
  static ColumnSide await(CompletableFuture<ColumnSide> side) {
    try {
      return side.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** Reads the estimates of one table's sides; false when the engine keeps none. */
  private boolean estimate(List<Side> ofTable) {
    SqlDialect dialect = session.dialect();
    List<String> columns = ofTable.stream().map(s -> dialect.quoteIdentifier(s.column())).toList();
    String sql = dialect.distinctEstimates(dialect.table(ofTable.get(0).table()), columns);
    if (sql == null) {
      return false;
    }
    List<List<Object>> rows = session.query(sql, List.of()).rows();
    if (rows.isEmpty()) {
      // an empty table: nothing to estimate, everything is small
      return true;
    }
    List<Object> row = rows.get(0);
    for (int i = 0; i < ofTable.size(); i++) {
      Object estimate = row.get(i);
      if (estimate != null) {
        estimates.put(ofTable.get(i), ((Number) estimate).longValue());
      }
    }
    return true;
  }

  /**
   * Plans the sides of one table that will be sketched as cells between the bounds the engine
   * keeps, so that they are read with the small sides; a side without finite bounds is sketched by
   * statements of its own. The bounds are asked for only for the sides to sketch: DuckDB spends
   * about 0.2 ms per column reading its statistics, so asking for them with the estimates of every
   * column would cost more than this second round trip.
   */
  private void bound(List<Side> ofTable) {
    List<Side> toSketch =
        ofTable.stream().filter(s -> s.numeric() && sketched(estimates.get(s))).toList();
    if (toSketch.isEmpty()) {
      return;
    }
    SqlDialect dialect = session.dialect();
    String sql =
        dialect.storedBounds(
            dialect.table(toSketch.get(0).table()),
            toSketch.stream().map(s -> dialect.quoteIdentifier(s.column())).toList());
    if (sql == null) {
      return;
    }
    List<List<Object>> rows = session.query(sql, List.of()).rows();
    if (rows.isEmpty()) {
      return;
    }
    List<Object> row = rows.get(0);
    for (int i = 0; i < toSketch.size(); i++) {
      Side side = toSketch.get(i);
      Long estimate = estimates.get(side);
      if (row.get(2 * i) instanceof Number low
          && row.get(2 * i + 1) instanceof Number high
          && estimate != null
          && Double.isFinite(low.doubleValue())
          && Double.isFinite(high.doubleValue())
          && high.doubleValue() > low.doubleValue()) {
        cells.put(
            side,
            new SketchedSide.Cells(
                low.doubleValue(), high.doubleValue(), side.integral(), estimate));
      }
    }
  }

  private boolean sketched(Long estimate) {
    return approximateAbove != null && (estimate == null || estimate > approximateAbove);
  }

  private boolean raw(Side side, Long estimate) {
    return approximateAbove == null
        && session instanceof DuckDbSqlSession
        && side.rows() >= limits.rawMinRows()
        && side.rows() <= limits.rawMaxRows()
        && estimate != null
        && estimate >= limits.rawDistinctShare() * side.rows();
  }

  /** The most distinct values (NULL included) a side can return, as far as is known. */
  private long boundOfDistinct(Side side, Long estimate) {
    if (session.dialect().typeFamily(side.type()) == TypeFamily.BOOLEAN) {
      return 3;
    }
    // estimates are approximate: leave room for an undercount
    return estimate == null ? side.rows() + 1 : Math.min(side.rows(), estimate * 2) + 1;
  }

  private void flush() {
    if (pending.size() > 1 || pending.stream().anyMatch(cells::containsKey)) {
      Map<Side, SketchedSide.Cells> sketched = new HashMap<>();
      pending.forEach(
          side -> {
            if (cells.containsKey(side)) {
              sketched.put(side, cells.get(side));
            }
          });
      List<ColumnSide> read = CountsLoader.many(session, pending, sketched);
      batchedSides += pending.size();
      for (int i = 0; i < pending.size(); i++) {
        prefetched.put(pending.get(i), read.get(i));
      }
    }
    pending.clear();
    pendingValues = 0;
  }

  /** How many sides were read together with others so far. */
  int batchedSides() {
    return batchedSides;
  }

  /** How many sides were read as raw values so far. */
  int rawSides() {
    return rawSides;
  }
}

package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.DoubleConsumer;

/**
 * Compares a current table with a reference, column by column: plans the columns (schema changes,
 * kinds, skips), reads both sides' distinct values with counts ({@link SideReader}: the sides with
 * few distinct values of all columns up front in one statement, the others column by column), picks
 * and runs each column's test. Besides the small sides read up front, one column's values are in
 * memory at a time.
 */
final class DriftCalculator {
  private final DoubleConsumer progress;
  private final Runnable cancellationCheck;

  /**
   * @param progress receives the completed fraction after each column
   * @param cancellationCheck throws when the work should stop
   */
  DriftCalculator(DoubleConsumer progress, Runnable cancellationCheck) {
    this.progress = progress;
    this.cancellationCheck = cancellationCheck;
  }

  /**
   * Compares.
   *
   * @param session the tenant's session
   * @param reference the reference
   * @param current the current table
   * @param request the options
   * @param baseline the baseline used, or null
   * @return the result
   */
  DriftResult compare(
      SqlSession session,
      ReferenceSource reference,
      TableInfo current,
      DriftRequest request,
      BaselineUse baseline) {
    return compare(
        session,
        reference,
        current,
        request,
        baseline,
        new SideReader(
            session,
            request.approximateAbove(),
            ForkJoinPool.commonPool(),
            SideReader.Limits.DEFAULT));
  }

  /**
   * Compares, reading the table sides through a given reader.
   *
   * @param session the tenant's session
   * @param reference the reference
   * @param current the current table
   * @param request the options
   * @param baseline the baseline used, or null
   * @param reader reads the sides of the tenant's tables, over {@code session}
   * @return the result
   */
  DriftResult compare(
      SqlSession session,
      ReferenceSource reference,
      TableInfo current,
      DriftRequest request,
      BaselineUse baseline,
      SideReader reader) {
    Map<String, String> refTypes = reference.types();
    Map<String, String> curTypes = new LinkedHashMap<>();
    current.columns().forEach(c -> curTypes.put(c.name(), c.type()));
    List<SchemaChange> changes = schemaChanges(refTypes, curTypes);
    List<String> names = columnsToCompare(request, refTypes, curTypes, reference.label(), current);
    List<SkippedColumn> skipped = new ArrayList<>();
    TableRef currentTable = TableRef.of(current.name());
    List<ColumnPlan> plans = new ArrayList<>();
    for (String name : names) {
      ColumnPlan plan =
          plan(session.dialect(), reference, request, name, refTypes.get(name), curTypes.get(name));
      if (plan.skipReason() != null) {
        skipped.add(new SkippedColumn(name, plan.skipReason()));
      } else {
        plans.add(plan);
      }
    }
    List<SideReader.Side> ahead = new ArrayList<>();
    for (ColumnPlan plan : plans) {
      SideReader.Side ref = reference.tableSide(plan.name(), plan.numeric(), plan.integral());
      if (ref != null) {
        ahead.add(ref);
      }
      ahead.add(currentSide(current, currentTable, plan));
    }
    reader.prefetch(ahead);
    List<ColumnDrift> columns = new ArrayList<>();
    for (int i = 0; i < plans.size(); i++) {
      cancellationCheck.run();
      ColumnPlan plan = plans.get(i);
      CompletableFuture<ColumnSide> refRead =
          reference.read(reader, plan.name(), plan.numeric(), plan.integral());
      ColumnSide cur = reader.read(currentSide(current, currentTable, plan));
      ColumnSide ref = SideReader.await(refRead);
      if (ref.count() == 0 || cur.count() == 0) {
        skipped.add(
            new SkippedColumn(
                plan.name(),
                "no non-missing values in the " + (ref.count() == 0 ? "reference" : "current")));
      } else {
        columns.add(compareColumn(request, plan, ref, cur));
      }
      progress.accept((i + 1.0) / plans.size());
    }
    int drifted = (int) columns.stream().filter(ColumnDrift::drifted).count();
    double share = columns.isEmpty() ? 0 : (double) drifted / columns.size();
    return new DriftResult(
        reference.label(),
        current.name(),
        !columns.isEmpty() && share >= request.driftShare(),
        share,
        columns.size(),
        drifted,
        request.driftShare(),
        columns,
        changes,
        skipped,
        baseline);
  }

  /**
   * How one column is compared.
   *
   * @param name the column
   * @param currentType its type in the current table
   * @param kind the kind it is tested as
   * @param numeric whether its values are read as numbers (else as text)
   * @param integral whether it is integral on both sides
   * @param skipReason why it is not compared, or null when it is
   */
  private record ColumnPlan(
      String name,
      String currentType,
      ColumnKind kind,
      boolean numeric,
      boolean integral,
      String skipReason) {
    static ColumnPlan skipped(String name, String reason) {
      return new ColumnPlan(name, null, null, false, false, reason);
    }
  }

  private static ColumnPlan plan(
      SqlDialect dialect,
      ReferenceSource reference,
      DriftRequest request,
      String name,
      String refType,
      String curType) {
    if (!ColumnTypes.supported(dialect, refType) || !ColumnTypes.supported(dialect, curType)) {
      return ColumnPlan.skipped(
          name,
          "type "
              + (ColumnTypes.supported(dialect, refType) ? curType : refType)
              + " cannot be compared; drift compares numbers, text, booleans and dates");
    }
    boolean numbersOnBothSides =
        ColumnTypes.numeric(dialect, refType) && ColumnTypes.numeric(dialect, curType);
    ColumnKind kind =
        request
            .columnKinds()
            .getOrDefault(name, numbersOnBothSides ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL);
    if (kind == ColumnKind.NUMERIC && !numbersOnBothSides) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Column '"
              + name
              + "' cannot be compared as numeric: its types are "
              + refType
              + " (reference) and "
              + curType
              + " (current)");
    }
    // numbers stay numbers even when compared as categories: '4' and '4.0' are one category
    boolean numeric = numbersOnBothSides && reference.canRead(name, true);
    if (!reference.canRead(name, numeric)) {
      return ColumnPlan.skipped(
          name,
          "its kind changed (baseline type "
              + refType
              + ", current type "
              + curType
              + "); save a new baseline to compare it");
    }
    boolean integral =
        ColumnTypes.integral(dialect, refType) && ColumnTypes.integral(dialect, curType);
    return new ColumnPlan(name, curType, kind, numeric, integral, null);
  }

  private static SideReader.Side currentSide(
      TableInfo current, TableRef currentTable, ColumnPlan plan) {
    return new SideReader.Side(
        currentTable,
        current.rowCount(),
        plan.name(),
        plan.currentType(),
        plan.numeric(),
        plan.integral());
  }

  private static ColumnDrift compareColumn(
      DriftRequest request, ColumnPlan plan, ColumnSide ref, ColumnSide cur) {
    String name = plan.name();
    ColumnSample sample =
        plan.numeric()
            ? ColumnSample.numeric(
                name, plan.kind(), NumericSample.of(ref.numeric(), cur.numeric()))
            : ColumnSample.categorical(name, CategoricalSample.of(ref.text(), cur.text()));
    StatTest requested = request.requestedTest(name, plan.kind());
    StatTest test =
        requested != null
            ? requested
            : StatTest.evidentlyDefault(plan.kind(), sample.n(), sample.distinctValues());
    TestOutcome outcome = StatTestRunner.run(test, sample);
    double threshold = request.thresholdFor(name, test);
    return new ColumnDrift(
        name,
        plan.kind(),
        test,
        outcome.statistic(),
        outcome.pValue(),
        threshold,
        test.drifted(outcome.score(), threshold),
        sample.approximate(),
        ref.summary(),
        cur.summary(),
        ColumnDistribution.of(sample));
  }

  /** Columns only in the reference (dropped), only in the current table (added), or retyped. */
  static List<SchemaChange> schemaChanges(Map<String, String> ref, Map<String, String> cur) {
    List<SchemaChange> changes = new ArrayList<>();
    ref.forEach(
        (name, type) -> {
          String now = cur.get(name);
          if (now == null) {
            changes.add(new SchemaChange(name, SchemaChange.Change.DROPPED, type, null));
          } else if (!normalised(type).equals(normalised(now))) {
            changes.add(new SchemaChange(name, SchemaChange.Change.RETYPED, type, now));
          }
        });
    cur.forEach(
        (name, type) -> {
          if (!ref.containsKey(name)) {
            changes.add(new SchemaChange(name, SchemaChange.Change.ADDED, null, type));
          }
        });
    return changes;
  }

  private static String normalised(String type) {
    return type.trim().toUpperCase(Locale.ROOT);
  }

  private static List<String> columnsToCompare(
      DriftRequest request,
      Map<String, String> ref,
      Map<String, String> cur,
      String referenceLabel,
      TableInfo current) {
    if (request.columns().isEmpty()) {
      return ref.keySet().stream().filter(cur::containsKey).toList();
    }
    for (String column : request.columns()) {
      if (!ref.containsKey(column)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Column '" + column + "' is not in the reference " + referenceLabel);
      }
      if (!cur.containsKey(column)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Column '" + column + "' is not in the current table " + current.name());
      }
    }
    return request.columns().stream().distinct().toList();
  }
}

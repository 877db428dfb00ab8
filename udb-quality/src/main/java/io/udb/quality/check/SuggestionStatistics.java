package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.TenantId;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.engine.TypeFamily;
import io.udb.core.DataBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Computes the {@link ColumnStats} of every column of a table inside the engine: one fused
 * aggregate query for counts, distinct counts, numeric ranges and the type the text of string
 * columns reads as, and, only when some string column has at most {@value #MAX_CATEGORIES} distinct
 * values, one more for their value counts (Deequ's low-cardinality histogram).
 */
public final class SuggestionStatistics {
  /** String columns with at most this many distinct values get their value counts. */
  public static final int MAX_CATEGORIES = 120;

  private SuggestionStatistics() {}

  /**
   * Computes the statistics of a table.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the table
   * @return one entry per column, in column order
   * @throws NotFoundException with {@code TABLE_NOT_FOUND} when the table does not exist
   */
  public static List<ColumnStats> compute(DataBox box, TenantId tenant, TableRef table) {
    TableInfo info =
        box.describe(tenant, table)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        ErrorCode.TABLE_NOT_FOUND, "Table '" + table.name() + "' does not exist"));
    try (SqlSession session = box.openSession(tenant, table)) {
      return compute(session, info);
    }
  }

  /**
   * Computes the statistics of a described table.
   *
   * @param session a trusted session of the table's tenant
   * @param info the table
   * @return one entry per column, in column order
   */
  static List<ColumnStats> compute(SqlSession session, TableInfo info) {
    SqlDialect dialect = session.dialect();
    String table = dialect.table(TableRef.of(info.name()));
    List<String> aggregates = new ArrayList<>();
    aggregates.add("count(*)");
    List<TypeFamily> families = new ArrayList<>();
    for (ColumnInfo column : info.columns()) {
      TypeFamily family = dialect.typeFamily(column.type());
      families.add(family);
      String q = dialect.quoteIdentifier(column.name());
      aggregates.add("count(" + q + ")");
      aggregates.add("count(DISTINCT " + q + ")");
      if (family.numeric()) {
        aggregates.add(dialect.toDouble("min(" + q + ")"));
        aggregates.add(dialect.toDouble("max(" + q + ")"));
      } else if (family == TypeFamily.STRING) {
        aggregates.add(dialect.countIf(dialect.textReadsAs(q, TypeFamily.INTEGER)));
        aggregates.add(dialect.countIf(dialect.textReadsAs(q, TypeFamily.FLOATING)));
        aggregates.add(dialect.countIf(dialect.textReadsAs(q, TypeFamily.BOOLEAN)));
      }
    }
    List<Object> row =
        session
            .query("SELECT " + String.join(", ", aggregates) + " FROM " + table, List.of())
            .rows()
            .get(0);
    long rows = number(row.get(0));
    int at = 1;
    List<Partial> partials = new ArrayList<>();
    for (int c = 0; c < info.columns().size(); c++) {
      ColumnInfo column = info.columns().get(c);
      TypeFamily family = families.get(c);
      long count = number(row.get(at++));
      long distinct = number(row.get(at++));
      Double min = null;
      Double max = null;
      DataType inferred = typedFamily(family);
      if (family.numeric()) {
        min = real(row.get(at++));
        max = real(row.get(at++));
      } else if (family == TypeFamily.STRING) {
        long integral = number(row.get(at++));
        long numeric = number(row.get(at++));
        long bool = number(row.get(at++));
        inferred =
            count == 0
                ? null
                : integral == count
                    ? DataType.INTEGRAL
                    : numeric == count
                        ? DataType.NUMERIC
                        : bool == count ? DataType.BOOLEAN : DataType.STRING;
      }
      partials.add(new Partial(column, family, count, distinct, min, max, inferred));
    }
    List<List<ValueCount>> histograms = histograms(dialect, session, table, partials);
    List<ColumnStats> stats = new ArrayList<>();
    for (int i = 0; i < partials.size(); i++) {
      Partial p = partials.get(i);
      stats.add(
          new ColumnStats(
              p.column().name(),
              kind(p.family(), p.distinct()),
              p.count(),
              rows - p.count(),
              p.distinct(),
              p.min(),
              p.max(),
              rows,
              p.column().type(),
              histograms.get(i),
              p.inferred(),
              p.family()));
    }
    return stats;
  }

  private record Partial(
      ColumnInfo column,
      TypeFamily family,
      long count,
      long distinct,
      Double min,
      Double max,
      DataType inferred) {
    boolean categorical() {
      return family == TypeFamily.STRING && distinct > 0 && distinct <= MAX_CATEGORIES;
    }
  }

  private static List<List<ValueCount>> histograms(
      SqlDialect dialect, SqlSession session, String table, List<Partial> partials) {
    List<String> columns = new ArrayList<>();
    for (Partial p : partials) {
      if (p.categorical()) {
        columns.add(dialect.quoteIdentifier(p.column().name()));
      }
    }
    List<Object> row =
        columns.isEmpty()
            ? List.of()
            : session.query(dialect.valueCountsQuery(table, columns), List.of()).rows().get(0);
    List<List<ValueCount>> out = new ArrayList<>();
    int at = 0;
    for (Partial p : partials) {
      out.add(p.categorical() ? valueCounts(row.get(at++)) : List.of());
    }
    return out;
  }

  private static List<ValueCount> valueCounts(Object entries) {
    List<ValueCount> counts = new ArrayList<>();
    if (entries instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof Map<?, ?> pair && pair.get("key") != null) {
          counts.add(new ValueCount(pair.get("key"), number(pair.get("value"))));
        }
      }
    }
    counts.sort(
        Comparator.comparingLong(ValueCount::count)
            .reversed()
            .thenComparing(v -> String.valueOf(v.value())));
    return counts;
  }

  private static DataType typedFamily(TypeFamily family) {
    return switch (family) {
      case INTEGER -> DataType.INTEGRAL;
      case FLOATING, DECIMAL -> DataType.NUMERIC;
      case BOOLEAN -> DataType.BOOLEAN;
      case DATE -> DataType.DATE;
      case TIMESTAMP -> DataType.TIMESTAMP;
      default -> DataType.STRING;
    };
  }

  private static String kind(TypeFamily family, long distinct) {
    if (family.numeric()) {
      return "numeric";
    }
    if (family == TypeFamily.BOOLEAN) {
      return "boolean";
    }
    if (family.temporal()) {
      return "datetime";
    }
    return family == TypeFamily.STRING && distinct <= MAX_CATEGORIES ? "categorical" : "text";
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  private static Double real(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }
}

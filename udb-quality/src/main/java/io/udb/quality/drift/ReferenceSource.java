package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where the reference side of a comparison comes from: a table, or a stored baseline. */
interface ReferenceSource {
  /** How results name the reference. */
  String label();

  /** The reference's columns and their types, in order. */
  Map<String, String> types();

  /**
   * Whether a column can be read as the given representation.
   *
   * @param column the column
   * @param numeric whether numbers are wanted (else text)
   * @return true when it can
   */
  boolean canRead(String column, boolean numeric);

  /**
   * One column's reference side.
   *
   * @param session the tenant's session
   * @param column the column
   * @param numeric whether to read numbers (else text)
   * @param integral whether the column is integral on both sides
   * @return the side
   */
  ColumnSide read(SqlSession session, String column, boolean numeric, boolean integral);

  /**
   * One column's reference and current sides; a table reference reads both with one query.
   *
   * @param session the tenant's session
   * @param current the current table
   * @param column the column
   * @param numeric whether to read numbers (else text)
   * @param integral whether the column is integral on both sides
   * @param sameType whether the column has the same type on both sides
   * @return {@code [reference, current]}
   */
  default ColumnSide[] readWithCurrent(
      SqlSession session,
      TableRef current,
      String column,
      boolean numeric,
      boolean integral,
      boolean sameType) {
    ColumnSide reference = read(session, column, numeric, integral);
    ColumnSide other =
        numeric
            ? ColumnSide.of(CountsLoader.numeric(session, current, column, integral))
            : ColumnSide.of(CountsLoader.text(session, current, column));
    return new ColumnSide[] {reference, other};
  }

  /**
   * A reference table.
   *
   * @param table the table
   * @param dialect the dialect of the engine holding it
   * @return the reference
   */
  static ReferenceSource table(TableInfo table, SqlDialect dialect) {
    Map<String, String> types = new LinkedHashMap<>();
    table.columns().forEach(c -> types.put(c.name(), c.type()));
    TableRef ref = TableRef.of(table.name());
    return new ReferenceSource() {
      @Override
      public String label() {
        return table.name();
      }

      @Override
      public Map<String, String> types() {
        return types;
      }

      @Override
      public boolean canRead(String column, boolean numeric) {
        return !numeric || ColumnTypes.numeric(dialect, types.get(column));
      }

      @Override
      public ColumnSide read(SqlSession session, String column, boolean numeric, boolean integral) {
        return numeric
            ? ColumnSide.of(CountsLoader.numeric(session, ref, column, integral))
            : ColumnSide.of(CountsLoader.text(session, ref, column));
      }

      @Override
      public ColumnSide[] readWithCurrent(
          SqlSession session,
          TableRef current,
          String column,
          boolean numeric,
          boolean integral,
          boolean sameType) {
        if (numeric) {
          NumericCounts[] sides =
              CountsLoader.numericPair(session, ref, current, column, integral, sameType);
          return new ColumnSide[] {ColumnSide.of(sides[0]), ColumnSide.of(sides[1])};
        }
        TextCounts[] sides = CountsLoader.textPair(session, ref, current, column, sameType);
        return new ColumnSide[] {ColumnSide.of(sides[0]), ColumnSide.of(sides[1])};
      }
    };
  }
}

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
   * @param approximateAbove null to read numbers exactly, else the distinct count above which a
   *     side read from a table is sketched ({@link DriftRequest#approximateAbove()})
   * @return the side
   */
  ColumnSide read(
      SqlSession session, String column, boolean numeric, boolean integral, Long approximateAbove);

  /**
   * One column's side read from a table.
   *
   * @param session the tenant's session
   * @param table the table
   * @param column the column
   * @param numeric whether to read numbers (else text)
   * @param integral whether the column is integral on both sides
   * @param approximateAbove null to read numbers exactly, else the distinct count above which the
   *     side is sketched
   * @return the side
   */
  static ColumnSide tableSide(
      SqlSession session,
      TableRef table,
      String column,
      boolean numeric,
      boolean integral,
      Long approximateAbove) {
    if (!numeric) {
      return ColumnSide.of(CountsLoader.text(session, table, column));
    }
    return approximateAbove == null
        ? ColumnSide.of(CountsLoader.numeric(session, table, column, integral))
        : SketchedSide.read(session, table, column, integral, approximateAbove);
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
      public ColumnSide read(
          SqlSession session,
          String column,
          boolean numeric,
          boolean integral,
          Long approximateAbove) {
        return tableSide(session, ref, column, numeric, integral, approximateAbove);
      }
    };
  }
}

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
    };
  }
}

package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
   * @param reader reads sides from the tenant's tables
   * @param column the column
   * @param numeric whether to read numbers (else text)
   * @param integral whether the column is integral on both sides
   * @return the side, when ready ({@link SideReader#start})
   */
  CompletableFuture<ColumnSide> read(
      SideReader reader, String column, boolean numeric, boolean integral);

  /**
   * The table side {@link #read} will read for a column, so that it can be read ahead together with
   * others, or null when the reference is not a table.
   *
   * @param column the column
   * @param numeric whether to read numbers (else text)
   * @param integral whether the column is integral on both sides
   * @return the side, or null
   */
  default SideReader.Side tableSide(String column, boolean numeric, boolean integral) {
    return null;
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
      public CompletableFuture<ColumnSide> read(
          SideReader reader, String column, boolean numeric, boolean integral) {
        return reader.start(tableSide(column, numeric, integral));
      }

      @Override
      public SideReader.Side tableSide(String column, boolean numeric, boolean integral) {
        return new SideReader.Side(
            ref, table.rowCount(), column, types.get(column), numeric, integral);
      }
    };
  }
}

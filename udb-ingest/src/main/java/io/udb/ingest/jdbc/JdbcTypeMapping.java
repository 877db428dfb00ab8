package io.udb.ingest.jdbc;

import java.sql.Types;
import java.util.Locale;

/**
 * Maps a source column's JDBC type to the DuckDB type it is loaded as.
 *
 * <table>
 *   <caption>JDBC type to DuckDB type</caption>
 *   <tr><th>JDBC type (or driver type name)</th><th>DuckDB type</th></tr>
 *   <tr><td>BIT(1), BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>TINYINT, SMALLINT, INTEGER, BIGINT</td>
 *       <td>TINYINT, SMALLINT, INTEGER, BIGINT (UTINYINT ... UBIGINT when unsigned)</td></tr>
 *   <tr><td>DECIMAL/NUMERIC(p,s) with 1 &le; p &le; 38</td><td>DECIMAL(p,s)</td></tr>
 *   <tr><td>DECIMAL/NUMERIC without precision or wider than 38</td><td>DOUBLE</td></tr>
 *   <tr><td>REAL</td><td>FLOAT</td></tr>
 *   <tr><td>FLOAT, DOUBLE</td><td>DOUBLE</td></tr>
 *   <tr><td>DATE</td><td>DATE</td></tr>
 *   <tr><td>TIME</td><td>TIME</td></tr>
 *   <tr><td>TIME WITH TIME ZONE ({@code timetz})</td><td>TIMETZ</td></tr>
 *   <tr><td>TIMESTAMP</td><td>TIMESTAMP</td></tr>
 *   <tr><td>TIMESTAMP WITH TIME ZONE ({@code timestamptz})</td><td>TIMESTAMPTZ</td></tr>
 *   <tr><td>CHAR, VARCHAR, NCHAR, NVARCHAR, LONGVARCHAR, CLOB, enums, other text</td>
 *       <td>VARCHAR</td></tr>
 *   <tr><td>BINARY, VARBINARY, LONGVARBINARY, BLOB, BIT(n &gt; 1)</td><td>BLOB</td></tr>
 *   <tr><td>{@code uuid}</td><td>UUID</td></tr>
 *   <tr><td>{@code json}, {@code jsonb}, ARRAY</td><td>JSON</td></tr>
 *   <tr><td>anything else (intervals, network addresses, geometry...)</td>
 *       <td>VARCHAR, in the driver's text form</td></tr>
 * </table>
 *
 * <p>Unconstrained {@code NUMERIC} becomes {@code DOUBLE} because DuckDB's decimals stop at 38
 * digits; declare a precision in the source (or cast in a query stream) to keep exact values.
 */
public final class JdbcTypeMapping {
  /** DuckDB's widest decimal precision. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private JdbcTypeMapping() {}

  /**
   * The DuckDB type a column is loaded as.
   *
   * @param column the source column
   * @return a DuckDB type name such as {@code DECIMAL(10,2)}
   */
  public static String duckDbType(JdbcColumn column) {
    String name = column.typeName().toLowerCase(Locale.ROOT);
    if (name.equals("uuid")) {
      return "UUID";
    }
    if (name.equals("json") || name.equals("jsonb")) {
      return "JSON";
    }
    if (name.equals("timestamptz") || name.contains("timestamp with time zone")) {
      return "TIMESTAMPTZ";
    }
    if (name.equals("timetz") || name.contains("time with time zone")) {
      return "TIMETZ";
    }
    return switch (column.jdbcType()) {
      case Types.BOOLEAN -> "BOOLEAN";
      case Types.BIT -> column.precision() > 1 ? "BLOB" : "BOOLEAN";
      case Types.TINYINT -> column.signed() ? "TINYINT" : "UTINYINT";
      case Types.SMALLINT -> column.signed() ? "SMALLINT" : "USMALLINT";
      case Types.INTEGER -> column.signed() ? "INTEGER" : "UINTEGER";
      case Types.BIGINT -> column.signed() ? "BIGINT" : "UBIGINT";
      case Types.DECIMAL, Types.NUMERIC -> decimal(column);
      case Types.REAL -> "FLOAT";
      case Types.FLOAT, Types.DOUBLE -> "DOUBLE";
      case Types.DATE -> "DATE";
      case Types.TIME -> "TIME";
      case Types.TIME_WITH_TIMEZONE -> "TIMETZ";
      case Types.TIMESTAMP -> "TIMESTAMP";
      case Types.TIMESTAMP_WITH_TIMEZONE -> "TIMESTAMPTZ";
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "BLOB";
      case Types.ARRAY -> "JSON";
      default -> "VARCHAR";
    };
  }

  private static String decimal(JdbcColumn column) {
    int precision = column.precision();
    int scale = column.scale();
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
      return "DOUBLE";
    }
    return "DECIMAL(" + precision + "," + scale + ")";
  }
}

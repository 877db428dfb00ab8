package io.udb.ingest.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A column of a source query as its JDBC driver describes it.
 *
 * @param name the column label
 * @param jdbcType the {@link java.sql.Types} code
 * @param typeName the driver's type name, e.g. {@code timestamptz} or {@code INT UNSIGNED}
 * @param precision the declared precision or length, {@code 0} when unknown
 * @param scale the declared scale, {@code 0} when unknown
 * @param signed whether a numeric column is signed
 */
public record JdbcColumn(
    String name, int jdbcType, String typeName, int precision, int scale, boolean signed) {
  /** Validates the arguments. */
  public JdbcColumn {
    Objects.requireNonNull(name, "name");
    typeName = typeName == null ? "" : typeName;
  }

  /**
   * The columns of a result set.
   *
   * @param meta the result set's metadata
   * @return the columns in order
   * @throws SQLException when the driver cannot describe them
   */
  public static List<JdbcColumn> of(ResultSetMetaData meta) throws SQLException {
    List<JdbcColumn> columns = new ArrayList<>(meta.getColumnCount());
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String typeName = meta.getColumnTypeName(i);
      boolean signed;
      try {
        signed = meta.isSigned(i);
      } catch (SQLException e) {
        signed = true;
      }
      if (typeName != null && typeName.toUpperCase(Locale.ROOT).contains("UNSIGNED")) {
        signed = false;
      }
      columns.add(
          new JdbcColumn(
              meta.getColumnLabel(i),
              meta.getColumnType(i),
              typeName,
              meta.getPrecision(i),
              meta.getScale(i),
              signed));
    }
    return List.copyOf(columns);
  }
}

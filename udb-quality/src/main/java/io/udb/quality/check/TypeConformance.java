package io.udb.quality.check;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TypeFamily;

/**
 * The SQL condition under which a non-null value of a column conforms to a {@link DataType}. Typed
 * columns conform by their type's family (a floating-point value is {@link DataType#INTEGRAL} when
 * it is whole); text values when they read as the type ({@link SqlDialect#textReadsAs}).
 */
final class TypeConformance {
  private TypeConformance() {}

  /**
   * The condition for one column.
   *
   * @param dialect the engine's dialect
   * @param column the quoted column
   * @param family the family of the column's type
   * @param target the logical type
   * @return a SQL boolean expression; {@code true} or {@code false} when the type decides alone
   */
  static String condition(SqlDialect dialect, String column, TypeFamily family, DataType target) {
    boolean text = family == TypeFamily.STRING;
    return switch (target) {
      case STRING -> "true";
      case NUMERIC ->
          family.numeric()
              ? "true"
              : text ? dialect.textReadsAs(column, TypeFamily.FLOATING) : "false";
      case INTEGRAL -> integral(dialect, column, family, text);
      case BOOLEAN ->
          family == TypeFamily.BOOLEAN
              ? "true"
              : text ? dialect.textReadsAs(column, TypeFamily.BOOLEAN) : "false";
      case DATE ->
          family == TypeFamily.DATE
              ? "true"
              : family == TypeFamily.TIMESTAMP
                  ? "(" + column + " = CAST(CAST(" + column + " AS DATE) AS TIMESTAMP))"
                  : text ? dialect.textReadsAs(column, TypeFamily.DATE) : "false";
      case TIMESTAMP ->
          family == TypeFamily.TIMESTAMP || family == TypeFamily.DATE
              ? "true"
              : text ? dialect.textReadsAs(column, TypeFamily.TIMESTAMP) : "false";
    };
  }

  private static String integral(
      SqlDialect dialect, String column, TypeFamily family, boolean text) {
    return switch (family) {
      case INTEGER -> "true";
      case FLOATING ->
          "(" + dialect.isFinite(column) + " AND " + dialect.isWholeNumber(column) + ")";
      case DECIMAL -> "(" + dialect.isWholeNumber(column) + ")";
      default -> text ? dialect.textReadsAs(column, TypeFamily.INTEGER) : "false";
    };
  }
}

package io.udb.quality.check;

/**
 * The SQL condition under which a non-null value of a column conforms to a {@link DataType}. Typed
 * columns conform by their engine type (a floating-point value is {@link DataType#INTEGRAL} when it
 * is whole); text values when the engine can read them as the type.
 */
final class TypeConformance {
  private TypeConformance() {}

  /**
   * The condition for one column.
   *
   * @param column the quoted column
   * @param engineType the column's engine type
   * @param target the logical type
   * @return a SQL boolean expression; {@code true} or {@code false} when the type decides alone
   */
  static String condition(String column, String engineType, DataType target) {
    boolean text = EngineTypes.isString(engineType);
    return switch (target) {
      case STRING -> "true";
      case NUMERIC ->
          EngineTypes.isNumeric(engineType)
              ? "true"
              : text ? QualitySql.tryCast(column, "DOUBLE") + " IS NOT NULL" : "false";
      case INTEGRAL -> integral(column, engineType, text);
      case BOOLEAN ->
          EngineTypes.isBoolean(engineType)
              ? "true"
              : text ? QualitySql.tryCast(column, "BOOLEAN") + " IS NOT NULL" : "false";
      case DATE ->
          EngineTypes.isDate(engineType)
              ? "true"
              : EngineTypes.isTimestamp(engineType)
                  ? "(" + column + " = CAST(CAST(" + column + " AS DATE) AS TIMESTAMP))"
                  : text ? QualitySql.tryCast(column, "DATE") + " IS NOT NULL" : "false";
      case TIMESTAMP ->
          EngineTypes.isTimestamp(engineType) || EngineTypes.isDate(engineType)
              ? "true"
              : text ? QualitySql.tryCast(column, "TIMESTAMP") + " IS NOT NULL" : "false";
    };
  }

  private static String integral(String column, String engineType, boolean text) {
    if (EngineTypes.isInteger(engineType)) {
      return "true";
    }
    if (EngineTypes.isFloating(engineType)) {
      return "(isfinite(" + column + ") AND " + column + " = trunc(" + column + "))";
    }
    if (EngineTypes.isDecimal(engineType)) {
      return "(" + column + " = trunc(" + column + "))";
    }
    return text ? QualitySql.fullMatch(column, QualitySql.INTEGER_TEXT) : "false";
  }
}

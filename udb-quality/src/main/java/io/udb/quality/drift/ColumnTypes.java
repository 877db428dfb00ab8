package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TypeFamily;

/** Which engine column types drift can compare, and how, by their {@link TypeFamily}. */
final class ColumnTypes {
  private ColumnTypes() {}

  /** Whether values of the type are numbers (integers, decimals, floating point). */
  static boolean numeric(SqlDialect dialect, String type) {
    return dialect.typeFamily(type).numeric();
  }

  /** Whether the type holds whole numbers only (numpy's histogram widens bins of such data). */
  static boolean integral(SqlDialect dialect, String type) {
    return dialect.typeFamily(type) == TypeFamily.INTEGER;
  }

  /** Whether values of the type compare as text categories (strings, booleans, dates, ...). */
  static boolean categorical(SqlDialect dialect, String type) {
    return switch (dialect.typeFamily(type)) {
      case STRING, BOOLEAN, DATE, TIMESTAMP, TIME, INTERVAL, OTHER_SCALAR -> true;
      default -> false;
    };
  }

  /** Whether drift can compare the type at all. */
  static boolean supported(SqlDialect dialect, String type) {
    return numeric(dialect, type) || categorical(dialect, type);
  }

  /** The kind a column of the type is tested as unless the request says otherwise. */
  static ColumnKind defaultKind(SqlDialect dialect, String type) {
    return numeric(dialect, type) ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
  }
}

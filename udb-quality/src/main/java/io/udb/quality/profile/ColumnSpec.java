package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import java.util.Locale;

/**
 * A column as the profiler's queries see it: its position gives it the aliases {@code v<i>} (the
 * value, {@code NULL} when missing) and {@code f<i>} (numeric columns: the finite value as {@code
 * DOUBLE}) in the projected source.
 *
 * @param index the position in the table
 * @param name the name as stored
 * @param type the engine's type name
 * @param base how the values are treated before the kind is known
 */
record ColumnSpec(int index, String name, String type, Base base) {

  /** How values of a type are treated. */
  enum Base {
    /** Integers and decimals. */
    NUMERIC,
    /** Floating-point numbers, which can hold NaN (missing) and infinities. */
    FLOATING,
    /** Booleans. */
    BOOLEAN,
    /** Dates and timestamps. */
    DATETIME,
    /** Everything profiled through its text. */
    STRING;

    boolean isNumeric() {
      return this == NUMERIC || this == FLOATING;
    }
  }

  static ColumnSpec of(int index, String name, String type) {
    Base base;
    if (ColumnKind.isFloatingType(type)) {
      base = Base.FLOATING;
    } else if (ColumnKind.isNumericType(type)) {
      base = Base.NUMERIC;
    } else if (ColumnKind.isBooleanType(type)) {
      base = Base.BOOLEAN;
    } else if (ColumnKind.isDatetimeType(type)) {
      base = Base.DATETIME;
    } else {
      base = Base.STRING;
    }
    return new ColumnSpec(index, name, type, base);
  }

  /** The alias of the value, {@code NULL} when missing. */
  String value() {
    return "v" + index;
  }

  /** The alias of the finite value as a double (numeric columns only). */
  String finite() {
    return "f" + index;
  }

  /** The select-list entries projecting this column in the source subquery. */
  String projection(SqlDialect dialect) {
    String quoted = dialect.quoteIdentifier(name);
    return switch (base) {
      case FLOATING ->
          "CASE WHEN NOT "
              + dialect.isNan(quoted)
              + " THEN "
              + quoted
              + " END AS "
              + value()
              + ", CASE WHEN "
              + dialect.isFinite(quoted)
              + " THEN "
              + dialect.toDouble(quoted)
              + " END AS "
              + finite();
      case NUMERIC ->
          quoted + " AS " + value() + ", " + dialect.toDouble(quoted) + " AS " + finite();
      case STRING -> (isText() ? quoted : dialect.toText(quoted)) + " AS " + value();
      case BOOLEAN, DATETIME -> quoted + " AS " + value();
    };
  }

  /** Whether the type is already the engine's text type, which needs no cast. */
  private boolean isText() {
    String t = type.toUpperCase(Locale.ROOT);
    return t.equals("VARCHAR") || t.equals("STRING") || t.equals("TEXT");
  }

  /** Bytes per value for fixed-width types, 0 for strings (measured instead). */
  int fixedWidth() {
    String t = type.toUpperCase(Locale.ROOT);
    if (base == Base.STRING) {
      return 0;
    }
    if (base == Base.BOOLEAN || t.startsWith("TINYINT") || t.startsWith("UTINYINT")) {
      return 1;
    }
    if (t.startsWith("SMALLINT") || t.startsWith("USMALLINT")) {
      return 2;
    }
    if (t.equals("INTEGER")
        || t.equals("INT")
        || t.equals("UINTEGER")
        || t.equals("FLOAT")
        || t.equals("REAL")
        || t.equals("DATE")) {
      return 4;
    }
    if (t.startsWith("HUGEINT") || t.startsWith("UHUGEINT")) {
      return 16;
    }
    if (t.startsWith("DECIMAL")) {
      return decimalWidth(t);
    }
    return 8;
  }

  private static int decimalWidth(String type) {
    int open = type.indexOf('(');
    int comma = type.indexOf(',');
    if (open < 0 || comma < open) {
      return 8;
    }
    try {
      int precision = Integer.parseInt(type.substring(open + 1, comma).strip());
      return precision <= 4 ? 2 : precision <= 9 ? 4 : precision <= 18 ? 8 : 16;
    } catch (NumberFormatException e) {
      return 8;
    }
  }
}

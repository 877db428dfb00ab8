package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBAppender;

/**
 * One column of a row load: the type it is staged as, the conversion of a connector's Java value to
 * that type (a value that does not convert rejects its row, with the reason) and the matching call
 * of DuckDB's appender, which accepts only the exact Java type of each column type.
 */
final class AppendColumn {
  private static final Pattern DECIMAL =
      Pattern.compile("DECIMAL\\((\\d{1,2})\\s*,\\s*(\\d{1,2})\\)");

  /** The staged type families. */
  enum Kind {
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INTEGER,
    BIGINT,
    HUGEINT,
    FLOAT,
    DOUBLE,
    DECIMAL,
    VARCHAR,
    DATE,
    TIMESTAMP,
    TIMESTAMPTZ,
    TIME,
    UUID,
    BLOB
  }

  private final String name;
  private final Kind kind;
  private final int precision;
  private final int scale;

  private AppendColumn(String name, Kind kind, int precision, int scale) {
    this.name = name;
    this.kind = kind;
    this.precision = precision;
    this.scale = scale;
  }

  /**
   * The staging column for a connector's column.
   *
   * @param column the connector's name and type
   * @return the column
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a type rows cannot be loaded
   *     as
   */
  static AppendColumn of(ColumnInfo column) {
    if (column.name() == null || column.name().isBlank()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Column names must not be blank");
    }
    String type = ColumnTypes.canonical(ColumnTypes.validate(column.type()));
    Matcher decimal = DECIMAL.matcher(type);
    if (decimal.matches()) {
      int p = Integer.parseInt(decimal.group(1));
      int s = Integer.parseInt(decimal.group(2));
      if (p < 1 || p > 38 || s > p) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "Column '" + column.name() + "' has type " + type);
      }
      return new AppendColumn(column.name(), Kind.DECIMAL, p, s);
    }
    Kind kind =
        switch (type) {
          case "BOOLEAN" -> Kind.BOOLEAN;
          case "TINYINT" -> Kind.TINYINT;
          case "SMALLINT", "UTINYINT" -> Kind.SMALLINT;
          case "INTEGER", "USMALLINT" -> Kind.INTEGER;
          case "BIGINT", "UINTEGER" -> Kind.BIGINT;
          case "HUGEINT", "UBIGINT" -> Kind.HUGEINT;
          case "FLOAT" -> Kind.FLOAT;
          case "DOUBLE" -> Kind.DOUBLE;
          case "DECIMAL" -> Kind.DOUBLE;
          case "VARCHAR", "JSON" -> Kind.VARCHAR;
          case "DATE" -> Kind.DATE;
          case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S", "TIMESTAMP_NS" -> Kind.TIMESTAMP;
          case "TIMESTAMP WITH TIME ZONE" -> Kind.TIMESTAMPTZ;
          case "TIME" -> Kind.TIME;
          case "UUID" -> Kind.UUID;
          case "BLOB", "BYTEA", "VARBINARY", "BINARY" -> Kind.BLOB;
          default ->
              throw new UdbException(
                  ErrorCode.INVALID_ARGUMENT,
                  "Column '"
                      + column.name()
                      + "' has type "
                      + column.type()
                      + ", which row loads do not take; map it to VARCHAR, a number, a date or"
                      + " a timestamp type");
        };
    return new AppendColumn(column.name(), kind, 0, 0);
  }

  String name() {
    return name;
  }

  /** The column's type in the staging table. */
  String stagingType() {
    return switch (kind) {
      case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
      case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
      default -> kind.name();
    };
  }

  /**
   * Converts a connector's value to the column's Java type.
   *
   * @param value the value, or {@code null}
   * @return the converted value, or {@code null}
   * @throws IllegalArgumentException saying why the value does not fit
   */
  Object convert(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return switch (kind) {
        case BOOLEAN -> toBoolean(value);
        case TINYINT -> (byte) integral(value, Byte.MIN_VALUE, Byte.MAX_VALUE);
        case SMALLINT -> (short) integral(value, Short.MIN_VALUE, Short.MAX_VALUE);
        case INTEGER -> (int) integral(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case BIGINT -> integral(value, Long.MIN_VALUE, Long.MAX_VALUE);
        case HUGEINT -> toBigDecimal(value).toBigIntegerExact();
        case FLOAT -> (float) toDouble(value);
        case DOUBLE -> toDouble(value);
        case DECIMAL -> toDecimal(value);
        case VARCHAR -> toText(value);
        case DATE -> toDate(value);
        case TIMESTAMP -> toTimestamp(value);
        case TIMESTAMPTZ -> toTimestampTz(value);
        case TIME -> toTime(value);
        case UUID -> value instanceof UUID u ? u : java.util.UUID.fromString(value.toString());
        case BLOB ->
            value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
      };
    } catch (ArithmeticException | DateTimeParseException e) {
      throw new IllegalArgumentException(describe(value) + " does not fit " + stagingType(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(describe(value) + " is not a valid " + stagingType(), e);
    }
  }

  /** Appends a converted value (or NULL) to the current row. */
  void append(DuckDBAppender appender, Object converted) throws SQLException {
    if (converted == null) {
      appender.appendNull();
      return;
    }
    switch (kind) {
      case BOOLEAN -> appender.append((boolean) (Boolean) converted);
      case TINYINT -> appender.append((byte) (Byte) converted);
      case SMALLINT -> appender.append((short) (Short) converted);
      case INTEGER -> appender.append((int) (Integer) converted);
      case BIGINT -> appender.append((long) (Long) converted);
      case HUGEINT -> appender.append((BigInteger) converted);
      case FLOAT -> appender.append((float) (Float) converted);
      case DOUBLE -> appender.append((double) (Double) converted);
      case DECIMAL -> appender.append((BigDecimal) converted);
      case VARCHAR -> appender.append((String) converted);
      case DATE -> appender.append((LocalDate) converted);
      case TIMESTAMP -> appender.append((LocalDateTime) converted);
      case TIMESTAMPTZ -> appender.append((OffsetDateTime) converted);
      case TIME -> appender.append((LocalTime) converted);
      case UUID -> appender.append((UUID) converted);
      case BLOB -> appender.append((byte[]) converted);
    }
  }

  private static String describe(Object value) {
    String text = String.valueOf(value);
    return "Value '" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'";
  }

  private static boolean toBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      long v = integral(n, 0, 1);
      return v == 1;
    }
    return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "1" -> true;
      case "false", "f", "no", "n", "0" -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  private static long integral(Object value, long min, long max) {
    long v;
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      v = ((Number) value).longValue();
    } else {
      v = toBigDecimal(value).longValueExact();
    }
    if (v < min || v > max) {
      throw new ArithmeticException("out of range");
    }
    return v;
  }

  private static BigDecimal toBigDecimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new ArithmeticException("not finite");
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (value instanceof Boolean || value instanceof Map || value instanceof Collection) {
      throw new IllegalArgumentException("not a number");
    }
    return new BigDecimal(value.toString().trim());
  }

  private static double toDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean || value instanceof Map || value instanceof Collection) {
      throw new IllegalArgumentException("not a number");
    }
    return Double.parseDouble(value.toString().trim());
  }

  private BigDecimal toDecimal(Object value) {
    BigDecimal scaled = toBigDecimal(value).setScale(scale, RoundingMode.UNNECESSARY);
    if (scaled.precision() > precision) {
      throw new ArithmeticException("too many digits");
    }
    return scaled;
  }

  private static String toText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Map || value instanceof Collection) {
      return Json.write(value);
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value.toString();
  }

  private static LocalDate toDate(Object value) {
    if (value instanceof LocalDate d) {
      return d;
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof LocalDateTime t && t.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return t.toLocalDate();
    }
    return LocalDate.parse(value.toString().trim());
  }

  private static LocalDateTime toTimestamp(Object value) {
    if (value instanceof LocalDateTime t) {
      return t;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    if (value instanceof LocalDate d) {
      return d.atStartOfDay();
    }
    if (value instanceof Instant i) {
      return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
    if (value instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (value instanceof ZonedDateTime t) {
      return t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    return LocalDateTime.parse(value.toString().trim().replace(' ', 'T'));
  }

  private static OffsetDateTime toTimestampTz(Object value) {
    if (value instanceof OffsetDateTime t) {
      return t;
    }
    if (value instanceof Instant i) {
      return i.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof ZonedDateTime t) {
      return t.toOffsetDateTime();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant().atOffset(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(value.toString().trim().replace(' ', 'T'));
  }

  private static LocalTime toTime(Object value) {
    if (value instanceof LocalTime t) {
      return t;
    }
    if (value instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    return LocalTime.parse(value.toString().trim());
  }
}

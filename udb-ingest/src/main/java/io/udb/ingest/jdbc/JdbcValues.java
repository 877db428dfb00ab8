package io.udb.ingest.jdbc;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Reads source values as the Java values a {@link io.udb.api.connector.RecordLoader} binds for the
 * mapped DuckDB type, and turns cursor values into saved state and back.
 *
 * <p>Values handed to the loader: {@link Boolean}, {@link Long}, {@link BigInteger} (UBIGINT),
 * {@link BigDecimal}, {@link Double}, {@link Float}, {@link LocalDate}, {@link LocalTime}, {@link
 * LocalDateTime}, {@link OffsetDateTime}, {@link UUID}, {@code byte[]}, {@link String} (text, JSON
 * and TIMETZ, which DuckDB's driver cannot bind as {@link OffsetTime}), or {@code null}.
 */
final class JdbcValues {
  private JdbcValues() {}

  static Object read(ResultSet rows, int index, String duckDbType) throws SQLException {
    Object value = readRaw(rows, index, duckDbType);
    return rows.wasNull() ? null : value;
  }

  private static Object readRaw(ResultSet rows, int index, String duckDbType) throws SQLException {
    switch (duckDbType) {
      case "BOOLEAN":
        return rows.getBoolean(index);
      case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER":
        return rows.getLong(index);
      case "UBIGINT":
        BigDecimal big = rows.getBigDecimal(index);
        return big == null ? null : big.toBigIntegerExact();
      case "FLOAT":
        return rows.getFloat(index);
      case "DOUBLE":
        return rows.getDouble(index);
      case "DATE":
        return temporal(rows, index, LocalDate.class);
      case "TIME":
        return temporal(rows, index, LocalTime.class);
      case "TIMETZ":
        Object time = temporal(rows, index, OffsetTime.class);
        return time == null ? null : time.toString();
      case "TIMESTAMP":
        return temporal(rows, index, LocalDateTime.class);
      case "TIMESTAMPTZ":
        return temporal(rows, index, OffsetDateTime.class);
      case "UUID":
        Object uuid = rows.getObject(index);
        return uuid == null || uuid instanceof UUID ? uuid : UUID.fromString(uuid.toString());
      case "BLOB":
        return rows.getBytes(index);
      case "JSON":
        return json(rows, index);
      default:
        if (duckDbType.startsWith("DECIMAL")) {
          return rows.getBigDecimal(index);
        }
        return rows.getString(index);
    }
  }

  /**
   * A temporal value through the driver's java.time support; values java.time cannot hold (e.g.
   * PostgreSQL's {@code infinity}) come as their text, which the loader rejects with a reason.
   */
  private static Object temporal(ResultSet rows, int index, Class<?> type) throws SQLException {
    try {
      return rows.getObject(index, type);
    } catch (SQLException e) {
      return rows.getString(index);
    }
  }

  private static Object json(ResultSet rows, int index) throws SQLException {
    Object value = rows.getObject(index);
    if (value instanceof Array array) {
      try {
        return Json.write(jsonCompatible(array.getArray()));
      } finally {
        array.free();
      }
    }
    return value == null ? null : rows.getString(index);
  }

  private static Object jsonCompatible(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof Number
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Object[] items) {
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(jsonCompatible(item));
      }
      return list;
    }
    if (value instanceof Array array) {
      return jsonCompatible(array.getArray());
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    return value.toString();
  }

  /**
   * The saved-state text of a cursor value: ISO-8601 for temporal values, plain digits for numbers.
   */
  static String cursorText(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return value.toString();
  }

  /**
   * The value to bind for a saved cursor.
   *
   * @param stream the stream, for the message
   * @param text the saved state
   * @param duckDbType the cursor column's mapped type
   * @return the value
   * @throws UdbException with {@code CONFIG_INVALID} when the text does not fit the type
   */
  static Object parseCursor(String stream, String text, String duckDbType) {
    try {
      return switch (duckDbType) {
        case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" ->
            Long.parseLong(text);
        case "UBIGINT" -> new BigDecimal(text);
        case "FLOAT", "DOUBLE" -> Double.parseDouble(text);
        case "DATE" -> LocalDate.parse(text);
        case "TIME" -> LocalTime.parse(text);
        case "TIMESTAMP" -> LocalDateTime.parse(text);
        case "TIMESTAMPTZ" -> OffsetDateTime.parse(text);
        case "UUID" -> UUID.fromString(text);
        default -> duckDbType.startsWith("DECIMAL") ? new BigDecimal(text) : text;
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new UdbException(
          ErrorCode.CONFIG_INVALID,
          "The saved cursor of stream '"
              + stream
              + "' is not a valid "
              + duckDbType
              + "; run a FULL sync to reset it");
    }
  }
}

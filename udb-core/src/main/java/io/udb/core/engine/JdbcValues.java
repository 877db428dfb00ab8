package io.udb.core.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/** Turns JDBC values into the JSON-compatible values of {@link io.udb.api.engine.QueryResult}. */
final class JdbcValues {
  private JdbcValues() {}

  /**
   * Reads one column of the current row as a JSON-compatible value.
   *
   * <p>A {@code TIMESTAMP} is read as a {@link LocalDateTime}: DuckDB's {@link java.sql.Timestamp}
   * is built in the JVM's default time zone, which shifts wall-clock times that fall into a
   * daylight-saving gap there (02:30 on a spring-forward day becomes 03:30).
   */
  static Object read(ResultSet rows, int column) throws SQLException {
    Object value = rows.getObject(column);
    if (value instanceof java.sql.Timestamp) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          rows.getObject(column, LocalDateTime.class));
    }
    return toJsonCompatible(value);
  }

  /**
   * Roughly how many bytes of heap a converted value holds, for the result size cap. Strings count
   * two bytes a character, as the worst case of the JVM's string encodings.
   */
  static long estimateBytes(Object value) {
    if (value == null) {
      return 8;
    }
    if (value instanceof String text) {
      return 40 + 2L * text.length();
    }
    if (value instanceof BigDecimal decimal) {
      return 48 + decimal.unscaledValue().bitLength() / 8;
    }
    if (value instanceof List<?> list) {
      long total = 40 + 8L * list.size();
      for (Object item : list) {
        total += estimateBytes(item);
      }
      return total;
    }
    if (value instanceof Map<?, ?> map) {
      long total = 48;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        total += 32 + estimateBytes(entry.getKey()) + estimateBytes(entry.getValue());
      }
      return total;
    }
    return 24;
  }

  static Object toJsonCompatible(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double
        || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      // nested in a list or struct, where no typed getter exists
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof java.sql.Time time) {
      return DateTimeFormatter.ISO_LOCAL_TIME.format(time.toLocalTime());
    }
    if (value instanceof LocalDateTime local) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
    }
    if (value instanceof LocalTime local) {
      return DateTimeFormatter.ISO_LOCAL_TIME.format(local);
    }
    if (value instanceof OffsetDateTime offset) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(offset);
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Blob blob) {
      return Base64.getEncoder()
          .encodeToString(blob.getBytes(1, (int) Math.min(blob.length(), Integer.MAX_VALUE)));
    }
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      List<Object> list = new ArrayList<>(items.length);
      for (Object item : items) {
        list.add(toJsonCompatible(item));
      }
      return list;
    }
    if (value instanceof DuckDBStruct struct) {
      // DuckDB's own struct carries the field names; java.sql.Struct exposes only the values
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, Object> field : struct.getMap().entrySet()) {
        map.put(field.getKey(), toJsonCompatible(field.getValue()));
      }
      return map;
    }
    if (value instanceof Struct struct) {
      Object[] attributes = struct.getAttributes();
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < attributes.length; i++) {
        map.put("f" + (i + 1), toJsonCompatible(attributes[i]));
      }
      return map;
    }
    if (value instanceof Map<?, ?> source) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : source.entrySet()) {
        map.put(String.valueOf(entry.getKey()), toJsonCompatible(entry.getValue()));
      }
      return map;
    }
    if (value instanceof List<?> source) {
      List<Object> list = new ArrayList<>(source.size());
      for (Object item : source) {
        list.add(toJsonCompatible(item));
      }
      return list;
    }
    return value.toString();
  }
}

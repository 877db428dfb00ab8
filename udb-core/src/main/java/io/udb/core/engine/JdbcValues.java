package io.udb.core.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns JDBC values into the JSON-compatible values of {@link io.udb.api.engine.QueryResult}. */
final class JdbcValues {
  private JdbcValues() {}

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
      return timestamp.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof java.sql.Time time) {
      return time.toLocalTime().toString();
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

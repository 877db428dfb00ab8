package io.udb.spark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns Spark values into the JSON-compatible values of {@link io.udb.api.engine.QueryResult}, the
 * same Java types the DuckDB engine returns: whole numbers as {@link Long}, floating point as
 * {@link Double}, decimals as {@link BigDecimal}, dates and timestamps as ISO-8601 text, arrays as
 * lists and structs as maps keyed by field name, in field order.
 */
final class SparkValues {
  private SparkValues() {}

  static Object toJsonCompatible(Object value) {
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
    if (value instanceof java.sql.Timestamp timestamp) {
      return toJsonCompatible(timestamp.toInstant());
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof LocalDateTime local) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
    }
    if (value instanceof Instant instant) {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Row row) {
      return struct(row);
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : CollectionConverters.asJava(map).entrySet()) {
        out.put(
            String.valueOf(toJsonCompatible(entry.getKey())), toJsonCompatible(entry.getValue()));
      }
      return out;
    }
    if (value instanceof scala.collection.Iterable<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : CollectionConverters.asJava(items)) {
        out.add(toJsonCompatible(item));
      }
      return out;
    }
    return value.toString();
  }

  private static Map<String, Object> struct(Row row) {
    Map<String, Object> out = new LinkedHashMap<>();
    StructField[] fields = row.schema().fields();
    for (int i = 0; i < fields.length; i++) {
      out.put(fields[i].name(), toJsonCompatible(row.get(i)));
    }
    return out;
  }
}

package io.udb.ingest.http;

import io.udb.api.engine.ColumnInfo;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The columns of JSON records, inferred from sample records: one column per top-level field, in
 * order of first appearance. Booleans become BOOLEAN, integers BIGINT, other numbers DOUBLE,
 * ISO-8601 strings DATE, TIMESTAMP or TIMESTAMPTZ, other strings VARCHAR, and nested objects and
 * arrays JSON (their JSON text). Mixed kinds widen (BIGINT with DOUBLE to DOUBLE, DATE with
 * TIMESTAMP to TIMESTAMP), or fall back to VARCHAR.
 *
 * <p>Rows hold {@link Boolean}, {@link Long}, {@link Double}, {@link LocalDate}, {@link
 * LocalDateTime}, {@link OffsetDateTime}, {@link String} or {@code null}; a value that does not fit
 * its column's type is passed as its text, for the loader to reject with a reason.
 */
final class RecordSchema {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIMESTAMP =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
  private static final Pattern TIMESTAMP_TZ =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

  /** A column's kind, from the narrowest to the widest. */
  enum Kind {
    NULL("VARCHAR"),
    BOOLEAN("BOOLEAN"),
    BIGINT("BIGINT"),
    DOUBLE("DOUBLE"),
    DATE("DATE"),
    TIMESTAMP("TIMESTAMP"),
    TIMESTAMPTZ("TIMESTAMPTZ"),
    VARCHAR("VARCHAR"),
    JSON("JSON");

    private final String duckDbType;

    Kind(String duckDbType) {
      this.duckDbType = duckDbType;
    }
  }

  private final Map<String, Kind> kinds = new LinkedHashMap<>();
  private final Set<String> unexpected = new LinkedHashSet<>();
  private boolean frozen;

  /** Learns from one record (an object); before {@link #freeze()} only. */
  void observe(JsonNode record) {
    for (Map.Entry<String, JsonNode> field : record.properties()) {
      if (!field.getKey().isEmpty()) {
        kinds.merge(field.getKey(), kindOf(field.getValue()), RecordSchema::widen);
      }
    }
  }

  /** Fixes the columns; later records are converted to them. */
  void freeze() {
    frozen = true;
  }

  List<ColumnInfo> columns() {
    List<ColumnInfo> columns = new ArrayList<>(kinds.size());
    kinds.forEach((name, kind) -> columns.add(new ColumnInfo(name, kind.duckDbType)));
    return columns;
  }

  /** The fields seen after {@link #freeze()} that are not columns. */
  Set<String> unexpectedFields() {
    return Set.copyOf(unexpected);
  }

  /** One row of values, in column order; fields that are not columns are noted. */
  List<Object> row(JsonNode record) {
    List<Object> row = new ArrayList<>(kinds.size());
    for (Map.Entry<String, Kind> column : kinds.entrySet()) {
      JsonNode value = record.get(column.getKey());
      row.add(value == null || value.isNull() ? null : convert(value, column.getValue()));
    }
    if (frozen) {
      for (String name : record.propertyNames()) {
        if (!kinds.containsKey(name)) {
          unexpected.add(name.isEmpty() ? "(empty name)" : name);
        }
      }
    }
    return row;
  }

  static Kind kindOf(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Kind.NULL;
    }
    if (value.isBoolean()) {
      return Kind.BOOLEAN;
    }
    if (value.isIntegralNumber()) {
      return value.canConvertToLong() ? Kind.BIGINT : Kind.DOUBLE;
    }
    if (value.isNumber()) {
      return Kind.DOUBLE;
    }
    if (value.isString()) {
      String text = value.stringValue();
      if (DATE.matcher(text).matches() && parses(text, Kind.DATE)) {
        return Kind.DATE;
      }
      if (TIMESTAMP.matcher(text).matches() && parses(text, Kind.TIMESTAMP)) {
        return Kind.TIMESTAMP;
      }
      if (TIMESTAMP_TZ.matcher(text).matches() && parses(text, Kind.TIMESTAMPTZ)) {
        return Kind.TIMESTAMPTZ;
      }
      return Kind.VARCHAR;
    }
    return Kind.JSON;
  }

  static Kind widen(Kind a, Kind b) {
    if (a == b || b == Kind.NULL) {
      return a;
    }
    if (a == Kind.NULL) {
      return b;
    }
    if (a == Kind.JSON || b == Kind.JSON) {
      return Kind.JSON;
    }
    if (isOneOf(a, b, Kind.BIGINT, Kind.DOUBLE)) {
      return Kind.DOUBLE;
    }
    if (isOneOf(a, b, Kind.DATE, Kind.TIMESTAMP)) {
      return Kind.TIMESTAMP;
    }
    return Kind.VARCHAR;
  }

  private static boolean isOneOf(Kind a, Kind b, Kind x, Kind y) {
    return (a == x && b == y) || (a == y && b == x);
  }

  private static boolean parses(String text, Kind kind) {
    return temporal(text, kind) != null;
  }

  private static Object temporal(String text, Kind kind) {
    String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.replaceFirst(" ", "T") : text;
    try {
      return switch (kind) {
        case DATE -> LocalDate.parse(iso);
        case TIMESTAMP ->
            iso.length() == 10 ? LocalDate.parse(iso).atStartOfDay() : LocalDateTime.parse(iso);
        case TIMESTAMPTZ -> OffsetDateTime.parse(iso);
        default -> null;
      };
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Object convert(JsonNode value, Kind kind) {
    switch (kind) {
      case BOOLEAN:
        if (value.isBoolean()) {
          return value.booleanValue();
        }
        break;
      case BIGINT:
        if (value.isIntegralNumber() && value.canConvertToLong()) {
          return value.longValue();
        }
        break;
      case DOUBLE:
        if (value.isNumber()) {
          return value.doubleValue();
        }
        break;
      case DATE, TIMESTAMP, TIMESTAMPTZ:
        if (value.isString()) {
          Object parsed = temporal(value.stringValue(), kind);
          if (parsed != null) {
            return parsed;
          }
        }
        break;
      case JSON:
        return value.toString();
      default:
        break;
    }
    return value.isString() ? value.stringValue() : value.toString();
  }
}

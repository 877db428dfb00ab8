package io.udb.core.event;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CloudEvents 1.0 structured JSON form of an {@link EventEnvelope}.
 *
 * <p>Attributes are written in the order {@code specversion, id, source, type, time, subject,
 * datacontenttype, data, tenant, correlationid, schemaversion}; {@code subject} and {@code
 * datacontenttype} are left out when they are null. {@code time} is RFC 3339 in UTC with exactly
 * three fraction digits, e.g. {@code 2026-11-27T10:00:00.123Z}.
 *
 * <p>{@code data} is kept in a canonical form: integers as {@link Long} (or {@link BigInteger}
 * beyond its range), fractions as {@link Double}, nested maps and lists unmodifiable. An envelope
 * whose data is canonical and whose time has millisecond precision decodes to an equal envelope;
 * {@link EventFactory} builds only such envelopes.
 */
public final class CloudEventJson {
  /** The media type of a structured CloudEvent in JSON. */
  public static final String MEDIA_TYPE = "application/cloudevents+json";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private CloudEventJson() {}

  /**
   * Encodes an event as one line of JSON.
   *
   * @param event the event
   * @return the structured CloudEvent
   */
  public static String encode(EventEnvelope event) {
    return Json.write(toMap(event));
  }

  /**
   * The event's attributes as an insertion-ordered map, as {@link #encode} writes them.
   *
   * @param event the event
   * @return the attributes; {@code time} and {@code source} as strings
   */
  public static Map<String, Object> toMap(EventEnvelope event) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("specversion", event.specversion());
    out.put("id", event.id());
    out.put("source", event.source().toString());
    out.put("type", event.type());
    out.put("time", formatTime(event.time()));
    if (event.subject() != null) {
      out.put("subject", event.subject());
    }
    if (event.datacontenttype() != null) {
      out.put("datacontenttype", event.datacontenttype());
    }
    out.put("data", event.data());
    out.put("tenant", event.tenant().value());
    out.put("correlationid", event.correlationid());
    out.put("schemaversion", event.schemaversion());
    return out;
  }

  /**
   * Decodes a structured CloudEvent.
   *
   * @param json the JSON text of the event
   * @return the envelope, with canonical data
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the text is not a CloudEvent
   *     1.0 with a JSON object as data, or {@link ErrorCode#TENANT_INVALID} for a bad tenant
   */
  public static EventEnvelope decode(String json) {
    return fromMap(Json.readObject(json));
  }

  /**
   * Builds an envelope from decoded attributes, the inverse of {@link #toMap}.
   *
   * @param attributes the event's attributes; unknown extension attributes are ignored
   * @return the envelope, with canonical data
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when an attribute is missing or
   *     malformed, or {@link ErrorCode#TENANT_INVALID} for a bad tenant
   */
  public static EventEnvelope fromMap(Map<String, ?> attributes) {
    String specversion = required(attributes, "specversion");
    if (!EventEnvelope.SPEC_VERSION.equals(specversion)) {
      throw invalid(
          "CloudEvent 'specversion' must be '"
              + EventEnvelope.SPEC_VERSION
              + "', got '"
              + specversion
              + "'");
    }
    return new EventEnvelope(
        specversion,
        required(attributes, "id"),
        parseSource(required(attributes, "source")),
        required(attributes, "type"),
        parseTime(required(attributes, "time")),
        optional(attributes, "subject"),
        optional(attributes, "datacontenttype"),
        data(attributes.get("data")),
        TenantId.of(required(attributes, "tenant")),
        required(attributes, "correlationid"),
        required(attributes, "schemaversion"));
  }

  /**
   * Formats an instant as UDB's events write it: RFC 3339 in UTC with millisecond precision.
   *
   * @param instant the instant; finer precision is truncated
   * @return e.g. {@code 2026-11-27T10:00:00.123Z}
   */
  public static String formatTime(Instant instant) {
    return TIME.format(instant);
  }

  /**
   * Brings a JSON-compatible tree into the canonical form of event data, the form it has after a
   * trip through JSON.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the tree holds anything but
   *     maps with string keys, lists, strings, finite numbers, booleans and nulls
   */
  static Map<String, Object> canonicalData(Map<String, ?> data) {
    if (data == null) {
      return Map.of();
    }
    // Checked strictly rather than left to Jackson, which would write any bean it is given:
    // an object passed by mistake could carry a secret into every sink.
    requireJsonCompatible(data, "data");
    return canonicalObject(Json.readObject(Json.write(data)));
  }

  private static void requireJsonCompatible(Object value, String path) {
    if (value == null
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger
        || value instanceof BigDecimal) {
      return;
    }
    if (value instanceof Double || value instanceof Float) {
      if (!Double.isFinite(((Number) value).doubleValue())) {
        throw invalid("Event " + path + " is not a finite number, which JSON cannot hold");
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw invalid("Event " + path + " has a key that is not a string");
        }
        requireJsonCompatible(entry.getValue(), path + "." + key);
      }
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        requireJsonCompatible(list.get(i), path + "[" + i + "]");
      }
      return;
    }
    throw invalid(
        "Event "
            + path
            + " is a "
            + value.getClass().getName()
            + "; event data holds only maps, lists, strings, numbers, booleans and nulls");
  }

  private static Map<String, Object> data(Object raw) {
    if (raw == null) {
      return Map.of();
    }
    if (!(raw instanceof Map<?, ?> map)) {
      throw invalid("CloudEvent 'data' must be a JSON object");
    }
    return canonicalObject(map);
  }

  private static Map<String, Object> canonicalObject(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((key, value) -> out.put(String.valueOf(key), canonical(value)));
    return Collections.unmodifiableMap(out);
  }

  private static Object canonical(Object value) {
    if (value instanceof Map<?, ?> map) {
      return canonicalObject(map);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(canonical(item)));
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
    }
    if (value instanceof BigDecimal decimal) {
      double d = decimal.doubleValue();
      // Beyond double's range the exact value is kept rather than turned into an infinity.
      return Double.isInfinite(d) ? decimal : (Object) d;
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    return value;
  }

  private static String required(Map<String, ?> attributes, String name) {
    String value = optional(attributes, name);
    if (value == null || value.isEmpty()) {
      throw invalid("CloudEvent is missing the attribute '" + name + "'");
    }
    return value;
  }

  private static String optional(Map<String, ?> attributes, String name) {
    Object value = attributes.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw invalid("CloudEvent attribute '" + name + "' must be a string");
    }
    return text;
  }

  private static URI parseSource(String source) {
    try {
      return new URI(source);
    } catch (URISyntaxException e) {
      throw invalid("CloudEvent 'source' must be a URI reference: " + e.getReason());
    }
  }

  private static Instant parseTime(String time) {
    try {
      return OffsetDateTime.parse(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(
          "CloudEvent 'time' must be an RFC 3339 timestamp such as 2026-11-27T10:00:00.123Z");
    }
  }

  private static UdbException invalid(String message) {
    return new UdbException(ErrorCode.INVALID_ARGUMENT, message);
  }
}

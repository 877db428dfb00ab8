package io.udb.core.event;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.event.EventTypes;
import io.udb.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published JSON Schemas (draft 2020-12) of UDB's events, shipped in this jar under {@value
 * #RESOURCE_DIR}: one for the envelope and one per event type and schema version, each type's
 * schema referencing the envelope's by its {@code $id}. Immutable.
 */
public final class EventSchemas {
  /** Where the schemas live on the class path. */
  public static final String RESOURCE_DIR = "io/udb/events/schemas/";

  /** The base of every schema's {@code $id}. */
  public static final String ID_BASE = "https://udb.io/schemas/events/";

  /** The file name of the envelope's schema. */
  public static final String ENVELOPE_FILE = "envelope.v1.json";

  /** The {@code $id} of the envelope's schema. */
  public static final String ENVELOPE_ID = ID_BASE + ENVELOPE_FILE;

  private final String envelope;
  private final Map<String, String> byType;

  private EventSchemas(String envelope, Map<String, String> byType) {
    this.envelope = envelope;
    this.byType = byType;
  }

  /**
   * Loads the schemas of every type in {@link EventTypes#ALL} at the version {@link EventFactory}
   * emits.
   *
   * @return the schemas
   * @throws UdbException with {@link ErrorCode#INTERNAL} when a schema is missing from the class
   *     path or does not carry the expected {@code $id}, i.e. the jar is broken
   */
  public static EventSchemas load() {
    String envelope = read(ENVELOPE_FILE);
    Map<String, String> byType = new LinkedHashMap<>();
    for (String type : EventTypes.ALL) {
      byType.put(type, read(fileOf(type, schemaVersion(type))));
    }
    return new EventSchemas(envelope, Collections.unmodifiableMap(byType));
  }

  /** Each event type's schema text, in the order of {@link EventTypes#ALL}. */
  public Map<String, String> byType() {
    return byType;
  }

  /** The envelope's schema text. */
  public String envelope() {
    return envelope;
  }

  /**
   * The schema version events of a type are emitted with.
   *
   * @param type the event type
   * @return e.g. {@code 1}
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown type
   */
  public String versionOf(String type) {
    return schemaVersion(type);
  }

  /**
   * The {@code $id} of the schema events of a type are emitted with.
   *
   * @param type the event type
   * @return e.g. {@code https://udb.io/schemas/events/udb.job.created.v1.json}
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown type
   */
  public String idOf(String type) {
    return ID_BASE + fileOf(type, schemaVersion(type));
  }

  private static String schemaVersion(String type) {
    String version = EventFactory.SCHEMA_VERSIONS.get(type);
    if (version == null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Unknown event type '" + type + "'; known types: " + EventTypes.ALL);
    }
    return version;
  }

  private static String fileOf(String type, String version) {
    return type + ".v" + version + ".json";
  }

  private static String read(String file) {
    String resource = RESOURCE_DIR + file;
    String text;
    try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UdbException(
            ErrorCode.INTERNAL, "Event schema " + resource + " is missing from the class path");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UdbException(ErrorCode.INTERNAL, "Event schema " + resource + " cannot be read", e);
    }
    Object id = Json.readObject(text).get("$id");
    if (!(ID_BASE + file).equals(id)) {
      throw new UdbException(
          ErrorCode.INTERNAL,
          "Event schema " + resource + " must have $id " + ID_BASE + file + ", has " + id);
    }
    return text;
  }
}

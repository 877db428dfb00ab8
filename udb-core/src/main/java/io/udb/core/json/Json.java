package io.udb.core.json;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * UDB's own JSON encoding of JSON-compatible trees (maps, lists, strings, numbers, booleans,
 * nulls). One immutable, shared mapper: Jackson 3 mappers are immutable and thread-safe.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP_TYPE =
      new TypeReference<>() {};

  private Json() {}

  /** The shared mapper, for callers that need Jackson's full API. */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Encodes a value as compact JSON.
   *
   * @param value a JSON-compatible value
   * @return the JSON text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.INTERNAL, "Value is not JSON-compatible: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Decodes a JSON object.
   *
   * @param json the JSON text of an object
   * @return the object as an insertion-ordered map
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the text is not a JSON object
   */
  public static Map<String, Object> readObject(String json) {
    try {
      return MAPPER.readValue(json, MAP_TYPE);
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}

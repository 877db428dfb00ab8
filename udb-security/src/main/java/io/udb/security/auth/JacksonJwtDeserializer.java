package io.udb.security.auth;

import io.jsonwebtoken.io.AbstractDeserializer;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * jjwt's JSON reader backed by Jackson 3, so that jjwt needs neither {@code jjwt-jackson} nor
 * Jackson 2. Plug it in with {@code Jwts.parser().json(new JacksonJwtDeserializer())}.
 *
 * <p>The default mapper refuses duplicate member names and trailing content: a header or claim set
 * that different JSON parsers could read differently is malformed, not "last one wins". Only JSON
 * objects are accepted. Instances are immutable and thread-safe.
 */
public final class JacksonJwtDeserializer extends AbstractDeserializer<Map<String, ?>> {
  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT =
      new TypeReference<>() {};

  private final JsonMapper mapper;

  /** Creates a deserializer with the strict default mapper. */
  public JacksonJwtDeserializer() {
    this(
        JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build());
  }

  /**
   * Creates a deserializer with a caller's mapper.
   *
   * @param mapper the mapper; it should refuse duplicate member names
   */
  public JacksonJwtDeserializer(JsonMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  @Override
  protected Map<String, ?> doDeserialize(Reader reader) {
    Map<String, Object> value = mapper.readValue(reader, OBJECT);
    if (value == null) {
      // jjwt wraps this in its DeserializationException, which a parser reports as malformed.
      throw new IllegalArgumentException("JSON value is null, expected an object");
    }
    return value;
  }
}

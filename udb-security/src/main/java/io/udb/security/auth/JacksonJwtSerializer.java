package io.udb.security.auth;

import io.jsonwebtoken.io.AbstractSerializer;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * jjwt's JSON writer backed by Jackson 3, so that jjwt needs neither {@code jjwt-jackson} nor
 * Jackson 2. Plug it in with {@code Jwts.builder().json(new JacksonJwtSerializer())}.
 *
 * <p>The target stream is left open: it belongs to jjwt, which keeps encoding after the JSON is
 * written. Instances are immutable and thread-safe.
 */
public final class JacksonJwtSerializer extends AbstractSerializer<Map<String, ?>> {
  private final JsonMapper mapper;

  /** Creates a serializer with the default mapper. */
  public JacksonJwtSerializer() {
    this(JsonMapper.builder().build());
  }

  /**
   * Creates a serializer with a caller's mapper.
   *
   * @param mapper the mapper
   */
  public JacksonJwtSerializer(JsonMapper mapper) {
    this.mapper =
        Objects.requireNonNull(mapper, "mapper")
            .rebuild()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
  }

  @Override
  protected void doSerialize(Map<String, ?> value, OutputStream out) {
    mapper.writeValue(out, value);
  }
}

package io.udb.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.io.DeserializationException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JacksonJwtDeserializerTest {
  private final JacksonJwtDeserializer deserializer = new JacksonJwtDeserializer();

  @Test
  void readsObjectsWithNestedValues() {
    Map<String, ?> value =
        deserializer.deserialize(
            new StringReader("{\"sub\":\"a\",\"exp\":1893456000,\"roles\":[\"viewer\"],\"x\":{}}"));

    assertThat(value)
        .isEqualTo(
            Map.of("sub", "a", "exp", 1893456000, "roles", List.of("viewer"), "x", Map.of()));
  }

  @Test
  void refusesDuplicateMemberNames() {
    assertThatThrownBy(
            () ->
                deserializer.deserialize(new StringReader("{\"alg\":\"HS256\",\"alg\":\"none\"}")))
        .isInstanceOf(DeserializationException.class);
  }

  @Test
  void refusesAnythingButAnObject() {
    for (String json : List.of("[]", "null", "\"text\"", "42", "{\"a\":1} {}", "{")) {
      assertThatThrownBy(() -> deserializer.deserialize(new StringReader(json)))
          .as(json)
          .isInstanceOf(DeserializationException.class);
    }
  }

  @Test
  void roundTripsWithTheSerializer() {
    Map<String, Object> original = Map.of("sub", "a", "roles", List.of("admin"), "n", 7);

    byte[] json = new JacksonJwtSerializer().serialize(original);

    assertThat(deserializer.deserialize(new StringReader(new String(json, StandardCharsets.UTF_8))))
        .isEqualTo(original);
  }
}

package io.udb.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {

  @Test
  void flattensNestedObjectsListsAndScalars() {
    Settings settings =
        ConfigTree.toSettings(
            Json.readObject(
                "{\"url\": \"jdbc:x\", \"fetch-size\": 500, \"ratio\": 0.25, \"ssl\": true,"
                    + " \"tables\": [\"a\", \"b\"], \"note\": null,"
                    + " \"streams\": {\"recent\": {\"query\": \"SELECT 1, 2\"}}}"));

    assertThat(settings.keys())
        .containsExactlyInAnyOrder(
            "url", "fetch-size", "ratio", "ssl", "tables", "streams.recent.query");
    assertThat(settings.getInt("fetch-size", 0)).isEqualTo(500);
    assertThat(settings.getString("ratio", null)).isEqualTo("0.25");
    assertThat(settings.getBoolean("ssl", false)).isTrue();
    assertThat(settings.getList("tables")).containsExactly("a", "b");
    assertThat(settings.getString("streams.recent.query", null)).isEqualTo("SELECT 1, 2");
  }

  @Test
  void refusesShapesSettingsCannotHold() {
    for (Map<String, Object> config :
        List.<Map<String, Object>>of(
            Map.of("a.b", "x"),
            Map.of("", "x"),
            Map.of("list", List.of(Map.of("a", 1))),
            Map.of("list", List.of("a,b")),
            Map.of("nested", Map.of("x.y", 1)))) {
      assertThatThrownBy(() -> ConfigTree.toSettings(config))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }
}

package io.udb.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.event.EventTypes;
import io.udb.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The event contracts: every released schema version still exists and is backward compatible with
 * its snapshot in {@code src/test/resources/io/udb/events/released/}; an incompatible change must
 * be a new version (a new file). Also: file names, {@code $id}s and {@code schemaversion}s agree,
 * every version UDB emits has a schema, and {@code docs/events.md} lists every type and version.
 */
class EventSchemaCompatibilityTest {
  private static final Path CURRENT = Path.of("src/main/resources/io/udb/events/schemas");
  private static final Path RELEASED = Path.of("src/test/resources/io/udb/events/released");
  private static final Path DOCS = Path.of("../docs/events.md");
  private static final Pattern FILE = Pattern.compile("(.+)\\.v([0-9]+)\\.json");

  private static Map<String, Map<String, Object>> schemas(Path dir) throws IOException {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        out.put(
            file.getFileName().toString(),
            Json.readObject(Files.readString(file, StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  @Test
  void everyReleasedSchemaVersionStillExistsAndIsBackwardCompatible() throws IOException {
    Map<String, Map<String, Object>> released = schemas(RELEASED);
    Map<String, Map<String, Object>> current = schemas(CURRENT);
    assertThat(released).isNotEmpty();
    Map<String, List<String>> problems = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Object>> entry : released.entrySet()) {
      Map<String, Object> now = current.get(entry.getKey());
      if (now == null) {
        problems.put(entry.getKey(), List.of("released version removed"));
        continue;
      }
      List<String> breaking = SchemaCompatibility.breakingChanges(entry.getValue(), now);
      if (!breaking.isEmpty()) {
        problems.put(entry.getKey(), breaking);
      }
    }
    assertThat(problems)
        .as(
            "Schema changes that break consumers of a released version; put them in a new"
                + " version file instead")
        .isEmpty();
  }

  @Test
  void fileNamesIdsAndSchemaVersionsAgree() throws IOException {
    for (Map.Entry<String, Map<String, Object>> entry : schemas(CURRENT).entrySet()) {
      Matcher name = FILE.matcher(entry.getKey());
      assertThat(name.matches()).as(entry.getKey() + " is named <type>.v<N>.json").isTrue();
      Map<String, Object> schema = entry.getValue();
      assertThat((String) schema.get("$id")).endsWith("/" + entry.getKey());
      if (!name.group(1).equals("envelope")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
        assertThat(properties.get("type")).isEqualTo(Map.of("const", name.group(1)));
        assertThat(properties.get("schemaversion")).isEqualTo(Map.of("const", name.group(2)));
      }
    }
  }

  @Test
  void everyTypeUdbEmitsHasTheSchemaOfItsVersion() throws IOException {
    Map<String, Map<String, Object>> current = schemas(CURRENT);
    assertThat(EventFactory.SCHEMA_VERSIONS.keySet())
        .containsExactlyInAnyOrderElementsOf(EventTypes.ALL);
    EventFactory.SCHEMA_VERSIONS.forEach(
        (type, version) -> assertThat(current).containsKey(type + ".v" + version + ".json"));
  }

  @Test
  void theEventsDocumentListsEveryTypeAndVersion() throws IOException {
    String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
    List<String> missing = new ArrayList<>();
    for (String file : schemas(CURRENT).keySet()) {
      if (!docs.contains("`" + file + "`")) {
        missing.add(file);
      }
    }
    assertThat(missing).as("schema files not named in docs/events.md").isEmpty();
  }

  // The checker itself must be able to fail: each kind of breaking change is detected.

  private static Map<String, Object> schema(String json) {
    return Json.readObject(json);
  }

  private static final String BASE =
      """
      {"type":"object","required":["a"],"properties":{
        "a":{"type":"string"},
        "b":{"type":["integer","null"]},
        "c":{"enum":["X","Y"]},
        "d":{"type":"object","properties":{"e":{"type":"number"}}}}}
      """;

  @Test
  void addingAnOptionalPropertyOrWideningIsCompatible() {
    String widened =
        """
        {"type":"object","required":["a"],"properties":{
          "a":{"type":["string","null"]},
          "b":{"type":["number","null"]},
          "c":{"enum":["X","Y","Z"]},
          "d":{"type":"object","properties":{"e":{"type":"number"},"f":{"type":"string"}}},
          "g":{"type":"boolean"}}}
        """;
    assertThat(SchemaCompatibility.breakingChanges(schema(BASE), schema(widened))).isEmpty();
    assertThat(SchemaCompatibility.breakingChanges(schema(BASE), schema(BASE))).isEmpty();
  }

  @Test
  void removingAPropertyIsBreakingAtAnyDepth() {
    String removed =
        """
        {"type":"object","required":["a"],"properties":{
          "a":{"type":"string"},"c":{"enum":["X","Y"]},
          "d":{"type":"object","properties":{}}}}
        """;
    assertThat(SchemaCompatibility.breakingChanges(schema(BASE), schema(removed)))
        .containsExactlyInAnyOrder(
            "$.properties.b: removed", "$.properties.d.properties.e: removed");
  }

  @Test
  void requiringAPropertyIsBreaking() {
    String required = BASE.replace("\"required\":[\"a\"]", "\"required\":[\"a\",\"b\"]");
    assertThat(SchemaCompatibility.breakingChanges(schema(BASE), schema(required)))
        .containsExactly("$: newly required [b]");
  }

  @Test
  void narrowingATypeAnEnumOrAddingAConstraintIsBreaking() {
    String narrowed =
        BASE.replace("\"type\":[\"integer\",\"null\"]", "\"type\":\"integer\"")
            .replace("\"enum\":[\"X\",\"Y\"]", "\"enum\":[\"X\"]")
            .replace("\"a\":{\"type\":\"string\"}", "\"a\":{\"type\":\"string\",\"maxLength\":5}")
            .replace("\"e\":{\"type\":\"number\"}", "\"e\":{\"type\":\"integer\"}");
    assertThat(SchemaCompatibility.breakingChanges(schema(BASE), schema(narrowed)))
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).startsWith("$.properties.b: type narrowed"))
        .anySatisfy(p -> assertThat(p).startsWith("$.properties.c: enum narrowed"))
        .anySatisfy(p -> assertThat(p).startsWith("$.properties.a: maxLength changed"))
        .anySatisfy(p -> assertThat(p).startsWith("$.properties.d.properties.e: type narrowed"));
  }
}

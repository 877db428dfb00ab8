package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md in step with the generated configuration metadata. */
class ConfigurationDocTest {
  private static final Path DOC = Path.of("../docs/configuration.md");

  @Test
  void documentsEveryUdbPropertyOfTheMetadata() throws Exception {
    List<Map<String, Object>> properties = metadataProperties();
    assertThat(properties).extracting(p -> p.get("name")).contains("udb.storage.path");
    String doc = Files.readString(DOC);
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> property : properties) {
      String name = (String) property.get("name");
      if (name.startsWith("udb.") && !doc.contains("| `" + name + "` |")) {
        missing.add(name);
      }
    }
    assertThat(missing).as("udb.* properties without a row in docs/configuration.md").isEmpty();
  }

  @Test
  void describesEveryUdbPropertyInTheMetadata() throws Exception {
    for (Map<String, Object> property : metadataProperties()) {
      assertThat((String) property.get("description"))
          .as("Javadoc of %s", property.get("name"))
          .isNotBlank();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> metadataProperties() throws Exception {
    // The processor writes it into this module's classes; other jars carry files of that name too.
    Path file = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
    assertThat(file).as("generated configuration metadata").exists();
    Map<String, Object> metadata = Json.readObject(Files.readString(file));
    return (List<Map<String, Object>>) metadata.get("properties");
  }
}

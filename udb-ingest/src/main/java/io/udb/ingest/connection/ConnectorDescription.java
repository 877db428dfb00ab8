package io.udb.ingest.connection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A connector as {@code GET /udb/sources} lists it.
 *
 * @param name the connector's name
 * @param configurationSchema its configuration's JSON Schema (draft 2020-12), parsed
 */
public record ConnectorDescription(String name, Map<String, Object> configurationSchema) {
  /** Validates and copies. */
  public ConnectorDescription {
    Objects.requireNonNull(name, "name");
    configurationSchema = Collections.unmodifiableMap(new LinkedHashMap<>(configurationSchema));
  }

  /** The JSON form: {@code {name, configurationSchema}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("configurationSchema", configurationSchema);
    return out;
  }
}

package io.udb.ingest.connection;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tenant's stored connection to a source: which connector, its configuration (plain settings
 * only), the names of the secrets it uses (never their values) and the cursor state of each stream
 * after the last sync.
 *
 * @param id the connection's id
 * @param connector the connector's name, e.g. {@code jdbc}
 * @param config the configuration in its JSON form, as validated against the connector's schema
 * @param secretRefs secret slot (e.g. {@code password}) to the name of the tenant's secret
 * @param createdAt when it was created
 * @param state the cursor state by stream, empty before the first incremental sync
 */
public record Connection(
    String id,
    String connector,
    Map<String, Object> config,
    Map<String, String> secretRefs,
    Instant createdAt,
    Map<String, String> state) {

  /** Validates and copies. */
  public Connection {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(connector, "connector");
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    secretRefs = Collections.unmodifiableMap(new TreeMap<>(secretRefs));
    Objects.requireNonNull(createdAt, "createdAt");
    state = Collections.unmodifiableMap(new TreeMap<>(state));
  }

  /**
   * This connection with another cursor state.
   *
   * @param newState the state by stream
   * @return the new record
   */
  public Connection withState(Map<String, String> newState) {
    return new Connection(id, connector, config, secretRefs, createdAt, newState);
  }

  /**
   * The JSON form for the HTTP API.
   *
   * @return {@code {connectionId, connector, config, secretRefs, createdAt, state}}
   */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connectionId", id);
    out.put("connector", connector);
    out.put("config", config);
    out.put("secretRefs", secretRefs);
    out.put("createdAt", createdAt.toString());
    out.put("state", state);
    return out;
  }
}

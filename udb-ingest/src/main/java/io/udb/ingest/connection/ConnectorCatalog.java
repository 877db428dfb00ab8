package io.udb.ingest.connection;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.core.json.Json;
import io.udb.core.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connectors available to tenants, with their configuration schemas: every {@link
 * ConnectorFactory} found through {@code META-INF/services} or registered in a {@link
 * PluginRegistry}, one connector per name. Immutable after creation and thread-safe; closing it
 * closes the connectors that are {@link AutoCloseable}.
 */
public final class ConnectorCatalog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorCatalog.class);

  private final Map<String, Connector> connectors;
  private final Map<String, ConfigSchemaValidator> validators = new ConcurrentHashMap<>();

  private ConnectorCatalog(Map<String, Connector> connectors) {
    this.connectors = java.util.Collections.unmodifiableMap(new TreeMap<>(connectors));
  }

  /**
   * Creates every connector of the registry.
   *
   * @param registry the plugin registry
   * @param context what each connector factory is given (its settings are the connectors' own, e.g.
   *     {@code http.allow-private-networks})
   * @return the catalog
   */
  public static ConnectorCatalog discover(PluginRegistry registry, PluginContext context) {
    return new ConnectorCatalog(registry.catalog(ConnectorFactory.class).createAll(context));
  }

  /**
   * A catalog of given connectors, keyed by their names.
   *
   * @param connectors the connectors; names must be unique
   * @return the catalog
   */
  public static ConnectorCatalog of(Collection<? extends Connector> connectors) {
    Map<String, Connector> byName = new TreeMap<>();
    for (Connector connector : connectors) {
      if (byName.put(connector.name(), connector) != null) {
        throw new UdbException(
            ErrorCode.PLUGIN_AMBIGUOUS, "Two connectors are named '" + connector.name() + "'");
      }
    }
    return new ConnectorCatalog(byName);
  }

  /** The connectors' names, sorted. */
  public List<String> names() {
    return List.copyOf(connectors.keySet());
  }

  /**
   * A connector by name.
   *
   * @param name the name a tenant asked for
   * @return the connector
   * @throws UdbException with {@code INVALID_ARGUMENT} listing the available names
   */
  public Connector require(String name) {
    Connector connector = name == null ? null : connectors.get(name);
    if (connector == null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Unknown connector '" + name + "'; available: " + connectors.keySet());
    }
    return connector;
  }

  /**
   * The validator of a connector's configuration schema.
   *
   * @param name the connector's name
   * @return the validator
   */
  public ConfigSchemaValidator validator(String name) {
    Connector connector = require(name);
    return validators.computeIfAbsent(
        name, n -> ConfigSchemaValidator.of(connector.configurationSchema()));
  }

  /** Every connector with its configuration schema, by name. */
  public List<ConnectorDescription> describe() {
    List<ConnectorDescription> out = new ArrayList<>();
    connectors.forEach(
        (name, connector) ->
            out.add(
                new ConnectorDescription(name, Json.readObject(connector.configurationSchema()))));
    return out;
  }

  @Override
  public void close() {
    for (Connector connector : connectors.values()) {
      if (connector instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          LOG.warn("Closing connector {} failed: {}", connector.name(), e.getMessage());
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ConnectorCatalog" + Objects.toString(connectors.keySet());
  }
}

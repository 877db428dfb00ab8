package io.udb.ingest.jdbc;

import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;

/**
 * Creates the {@code jdbc} connector. Settings: {@code jdbc.allowed-subprotocols} and {@code
 * jdbc.denied-subprotocols} (see {@link JdbcPolicy}).
 */
public final class JdbcConnectorFactory implements ConnectorFactory {
  /** For {@link java.util.ServiceLoader}. */
  public JdbcConnectorFactory() {}

  @Override
  public String name() {
    return JdbcConnector.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Connector create(PluginContext context) {
    return new JdbcConnector(JdbcPolicy.from(context.settings()));
  }
}

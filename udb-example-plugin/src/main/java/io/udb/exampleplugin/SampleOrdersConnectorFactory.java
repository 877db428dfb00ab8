package io.udb.exampleplugin;

import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;

/**
 * Registers the {@code sample-orders} connector ({@code
 * META-INF/services/io.udb.api.connector.ConnectorFactory}). It has no plugin-wide settings: each
 * connection carries its own seed and window.
 */
public final class SampleOrdersConnectorFactory implements ConnectorFactory {

  /** Creates the factory; cheap and free of side effects, as ServiceLoader requires. */
  public SampleOrdersConnectorFactory() {}

  @Override
  public String name() {
    return SampleOrdersConnector.NAME;
  }

  @Override
  public Connector create(PluginContext context) {
    return new SampleOrdersConnector();
  }
}

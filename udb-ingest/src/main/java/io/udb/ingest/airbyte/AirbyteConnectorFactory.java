package io.udb.ingest.airbyte;

import io.udb.api.config.Settings;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.ingest.http.NetworkPolicy;
import io.udb.ingest.jdbc.JdbcConnector;
import io.udb.ingest.jdbc.JdbcPolicy;
import java.util.Map;

/**
 * Creates the {@code airbyte} connector with the {@code jdbc} destination reader. Settings: {@code
 * airbyte.allow-private-networks} (default false; set it for a self-hosted Airbyte on the private
 * network, see {@link NetworkPolicy}) and the {@code jdbc.*} settings of {@link JdbcPolicy} for the
 * destination reader.
 */
public final class AirbyteConnectorFactory implements ConnectorFactory {
  /** For {@link java.util.ServiceLoader}. */
  public AirbyteConnectorFactory() {}

  @Override
  public String name() {
    return AirbyteConnector.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Connector create(PluginContext context) {
    Settings settings = context.settings();
    return new AirbyteConnector(
        new NetworkPolicy(settings.getBoolean("airbyte.allow-private-networks", false)),
        Map.of(JdbcConnector.NAME, new JdbcConnector(JdbcPolicy.from(settings))),
        context.clock());
  }
}

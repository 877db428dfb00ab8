package io.udb.ingest.file;

import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.ingest.load.FileFormat;
import java.nio.file.Path;

/**
 * The built-in {@code json} connector: JSON and NDJSON files inside the folder set by {@code
 * connector.json.allowed-base}.
 */
public final class JsonConnectorFactory implements ConnectorFactory {
  /** Creates the factory; cheap and without side effects. */
  public JsonConnectorFactory() {}

  @Override
  public String name() {
    return "json";
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Connector create(PluginContext context) {
    return new FileConnector(
        name(),
        FileFormat.JSON,
        context.settings().raw(FileConnector.ALLOWED_BASE).map(Path::of).orElse(null));
  }
}

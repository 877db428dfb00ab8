package io.udb.ingest.file;

import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.ingest.load.FileFormat;
import java.nio.file.Path;

/**
 * The built-in {@code parquet} connector: Parquet files inside the folder set by {@code
 * connector.parquet.allowed-base}.
 */
public final class ParquetConnectorFactory implements ConnectorFactory {
  /** Creates the factory; cheap and without side effects. */
  public ParquetConnectorFactory() {}

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Connector create(PluginContext context) {
    return new FileConnector(
        name(),
        FileFormat.PARQUET,
        context.settings().raw(FileConnector.ALLOWED_BASE).map(Path::of).orElse(null));
  }
}

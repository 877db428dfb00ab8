package io.udb.ingest.file;

import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.ingest.load.FileFormat;
import java.nio.file.Path;

/**
 * The built-in {@code csv} connector: CSV and TSV files inside the folder set by {@code
 * connector.csv.allowed-base}.
 */
public final class CsvConnectorFactory implements ConnectorFactory {
  /** Creates the factory; cheap and without side effects. */
  public CsvConnectorFactory() {}

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Connector create(PluginContext context) {
    return new FileConnector(
        name(),
        FileFormat.CSV,
        context.settings().raw(FileConnector.ALLOWED_BASE).map(Path::of).orElse(null));
  }
}

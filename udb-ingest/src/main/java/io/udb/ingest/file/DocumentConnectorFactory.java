package io.udb.ingest.file;

import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.ingest.document.DocumentSettings;
import java.nio.file.Path;

/**
 * The built-in {@code documents} connector: documents inside the folder set by {@code
 * connector.documents.allowed-base}, with the limits of {@link DocumentSettings} read from the same
 * settings ({@code connector.documents.max-input-bytes}, {@code ...fragment-size}, ...).
 */
public final class DocumentConnectorFactory implements ConnectorFactory {
  /** Creates the factory; cheap and without side effects. */
  public DocumentConnectorFactory() {}

  @Override
  public String name() {
    return DocumentConnector.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Connector create(PluginContext context) {
    return new DocumentConnector(
        context.settings().raw(FileConnector.ALLOWED_BASE).map(Path::of).orElse(null),
        DocumentSettings.from(context.settings()),
        context.clock());
  }
}

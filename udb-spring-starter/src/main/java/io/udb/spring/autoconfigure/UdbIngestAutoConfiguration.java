package io.udb.spring.autoconfigure;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.plugin.PluginCatalog;
import io.udb.core.plugin.PluginRegistry;
import io.udb.ingest.analyze.SyncStage;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.connection.ConnectorCatalog;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.file.IngestSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * File ingest and stored connections (udb-ingest), when it is on the classpath. Connectors are the
 * {@link ConnectorFactory} plugins found through {@code META-INF/services}, joined by the host's
 * {@link ConnectorFactory} and {@link Connector} beans (whose names win over discovered ones). Each
 * connector reads its settings from {@code udb.settings.connector.<name>.*} (also visible to every
 * connector as {@code <name>.*}, e.g. {@code connector.http.allow-private-networks}).
 */
@AutoConfiguration(after = UdbAutoConfiguration.class)
@ConditionalOnClass({FileIngestService.class, DataBox.class})
@ConditionalOnBean(DataBox.class)
public final class UdbIngestAutoConfiguration {

  /** Creates the configuration; Spring calls it. */
  public UdbIngestAutoConfiguration() {}

  /**
   * File and upload ingest.
   *
   * @param dataBox the box
   * @param properties the properties ({@code udb.ingest.*})
   * @return the service
   */
  @Bean
  @ConditionalOnMissingBean
  public FileIngestService fileIngestService(DataBox dataBox, UdbProperties properties) {
    return new FileIngestService(dataBox, ingestSettings(properties.getIngest()));
  }

  /**
   * The connectors tenants may use.
   *
   * @param udbSettings the settings, for {@code connector.*}
   * @param properties the properties, for the storage root
   * @param dataBox the box, for its clock
   * @param resourceLoader gives the application's class loader
   * @param factories host connector factories
   * @param connectors host connector instances
   * @return the catalog, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public ConnectorCatalog connectorCatalog(
      Settings udbSettings,
      UdbProperties properties,
      DataBox dataBox,
      ResourceLoader resourceLoader,
      ObjectProvider<ConnectorFactory> factories,
      ObjectProvider<Connector> connectors) {
    ClassLoader classLoader = resourceLoader.getClassLoader();
    PluginRegistry registry =
        PluginRegistry.forClassLoader(
            classLoader != null ? classLoader : UdbIngestAutoConfiguration.class.getClassLoader());
    factories.orderedStream().forEach(f -> registry.register(ConnectorFactory.class, f));
    connectors
        .orderedStream()
        .forEach(c -> registry.registerInstance(ConnectorFactory.class, c.name(), c));
    PluginCatalog<Connector> catalog = registry.catalog(ConnectorFactory.class);
    Settings shared = udbSettings.withPrefix("connector.");
    Path root =
        properties.getStorage().isInMemory() ? null : Path.of(properties.getStorage().getPath());
    List<Connector> created = new ArrayList<>();
    try {
      for (String name : catalog.names()) {
        Settings own = merged(shared, udbSettings.withPrefix("connector." + name + "."));
        created.add(catalog.create(name, new PluginContext(own, root, dataBox.clock())));
      }
    } catch (RuntimeException e) {
      ConnectorCatalog.of(created).close();
      throw e;
    }
    return ConnectorCatalog.of(created);
  }

  /**
   * Stored connections: discover, connect and sync.
   *
   * @param dataBox the box
   * @param connectorCatalog the connectors
   * @return the service
   */
  @Bean
  @ConditionalOnMissingBean
  public ConnectionService connectionService(DataBox dataBox, ConnectorCatalog connectorCatalog) {
    return new ConnectionService(dataBox, connectorCatalog);
  }

  static IngestSettings ingestSettings(UdbProperties.Ingest ingest) {
    IngestSettings d = IngestSettings.defaults();
    try {
      return new IngestSettings(
          ingest.getMaxUploadSize() != null
              ? ingest.getMaxUploadSize().toBytes()
              : d.maxUploadBytes(),
          ingest.getMaxRows() != null ? ingest.getMaxRows() : d.maxRows());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "udb.ingest.max-upload-size and udb.ingest.max-rows must be positive");
    }
  }

  /** The shared {@code connector.*} keys with the connector's own keys over them. */
  private static Settings merged(Settings shared, Settings own) {
    Map<String, String> values = new HashMap<>();
    for (String key : shared.keys()) {
      values.put(key, shared.raw(key).orElseThrow());
    }
    for (String key : own.keys()) {
      values.put(key, own.raw(key).orElseThrow());
    }
    return Settings.of(values);
  }

  /**
   * The analyze pipeline's {@code sync} stage, on this context's connections, so that stored
   * connections see the connector settings of {@code udb.settings.connector.*}.
   *
   * @param connectionService the connections
   * @return the stage
   */
  @Bean
  @ConditionalOnMissingBean
  public SyncStage udbSyncStage(ConnectionService connectionService) {
    return new SyncStage(connectionService);
  }
}

package io.udb.spring.web;

import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.engine.AnalyticsEngineFactory;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.job.JobStoreFactory;
import io.udb.api.secret.SecretsProviderFactory;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.plugin.PluginCatalog;
import io.udb.core.plugin.PluginDescription;
import io.udb.core.plugin.PluginRegistry;
import io.udb.security.authz.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET {base}/status}: version, plugins discovered per SPI, plugins in use, features. */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class StatusController {
  private static final List<String> FEATURES =
      List.of("ingest", "sources", "profile", "quality", "drift", "kpis", "analyze");

  private final UdbServices services;
  private final String version;

  /**
   * The controller.
   *
   * @param services the UDB beans
   */
  public StatusController(UdbServices services) {
    this.services = services;
    this.version = version();
  }

  /** The status; needs {@code status.read} (viewer). */
  @GetMapping("/status")
  public ResponseEntity<byte[]> status(HttpServletRequest request) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    services.authorize(caller, Operation.STATUS_READ, SecuredBox.RATE_READ);
    DataBox box = services.box();
    PluginRegistry registry = PluginRegistry.forClassLoader(DataBox.class.getClassLoader());
    Map<String, Object> discovered = new LinkedHashMap<>();
    put(discovered, registry.catalog(AnalyticsEngineFactory.class));
    put(discovered, registry.catalog(JobStoreFactory.class));
    put(discovered, registry.catalog(ArtifactStoreFactory.class));
    put(discovered, registry.catalog(EventSinkFactory.class));
    put(discovered, registry.catalog(SecretsProviderFactory.class));
    put(discovered, registry.catalog(ConnectorFactory.class));
    Map<String, Object> features = new LinkedHashMap<>();
    for (String feature : FEATURES) {
      features.put(feature, services.has(feature));
    }
    features.put("authentication", box.security().authenticator().isPresent());
    features.put("oauth", box.security().oauth().isPresent());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version);
    out.put("plugins", discovered);
    out.put("pluginsInUse", box.plugins().stream().map(StatusController::plugin).toList());
    out.put("features", features);
    return JsonBodies.ok(out);
  }

  private static void put(Map<String, Object> out, PluginCatalog<?> catalog) {
    out.put(catalog.kind(), catalog.describe().stream().map(StatusController::plugin).toList());
  }

  private static Map<String, Object> plugin(PluginDescription description) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", description.name());
    out.put("priority", description.priority());
    out.put("className", description.className());
    out.put("source", description.source().name());
    return out;
  }

  /** The version of udb-core: from its jar's Maven metadata, else its manifest. */
  private static String version() {
    try (InputStream in =
        DataBox.class.getResourceAsStream("/META-INF/maven/io.udb/udb-core/pom.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String value = properties.getProperty("version");
        if (value != null) {
          return value;
        }
      }
    } catch (IOException e) {
      // fall back to the manifest below
    }
    String manifest = DataBox.class.getPackage().getImplementationVersion();
    return manifest != null ? manifest : "development";
  }
}

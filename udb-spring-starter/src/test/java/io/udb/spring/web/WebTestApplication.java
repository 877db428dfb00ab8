package io.udb.spring.web;

import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.plugin.PluginRegistry;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.connection.ConnectorCatalog;
import io.udb.ingest.file.FileIngestService;
import io.udb.kpi.service.KpiService;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.Profiler;
import io.udb.security.auth.JwtIssuer;
import io.udb.security.auth.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application of the web tests. Until the starter's core auto-configuration is on this branch,
 * it defines the UDB beans itself, as a host would: an in-memory {@link DataBox} verifying HS256
 * tokens, with an in-memory secrets provider, an OAuth2 provider on a loopback address (never
 * called: only {@code initiate} and refused callbacks are exercised), and the rate limits of the
 * property {@code udb-test.rate-limit} (requests per minute per class, default 600).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WebTestApplication {
  /** Tenant of most tests. */
  public static final TenantId ACME = TenantId.of("acme");

  /** The other tenant, which must see nothing of {@link #ACME}. */
  public static final TenantId GLOBEX = TenantId.of("globex");

  /** HS256 secret (32 bytes, base64). */
  public static final String SECRET =
      Base64.getEncoder()
          .encodeToString("udb-web-test-hmac-secret-32bytes".getBytes(StandardCharsets.US_ASCII));

  /** The token issuer's {@code iss}. */
  public static final String ISSUER = "https://issuer.web.test";

  @Bean(destroyMethod = "close")
  DataBox dataBox(Environment environment) {
    Map<String, String> settings = new HashMap<>();
    settings.put("security.auth.hmac-secret", SECRET);
    settings.put("security.auth.issuer", ISSUER);
    String perMinute = environment.getProperty("udb-test.rate-limit", "600");
    settings.put("security.rate-limit.default.capacity", perMinute);
    settings.put("security.rate-limit.default.refill-period", "1m");
    settings.put("security.oauth.providers.demo.authorize-url", "http://127.0.0.1:9/authorize");
    settings.put("security.oauth.providers.demo.token-url", "http://127.0.0.1:9/token");
    settings.put("security.oauth.providers.demo.client-id", "udb-web-test");
    settings.put("security.oauth.providers.demo.redirect-uri", "http://127.0.0.1:9/callback");
    return DataBox.builder()
        .inMemory()
        .eventSinks(List.of())
        .secretsProvider("memory")
        .settings(Settings.of(settings))
        .build();
  }

  @Bean
  FileIngestService fileIngestService(DataBox box) {
    return new FileIngestService(box);
  }

  @Bean(destroyMethod = "close")
  ConnectorCatalog connectorCatalog() {
    return ConnectorCatalog.discover(
        PluginRegistry.forClassLoader(ConnectorFactory.class.getClassLoader()),
        new PluginContext(Settings.of(Map.of()), null, Clock.systemUTC()));
  }

  @Bean
  ConnectionService connectionService(DataBox box, ConnectorCatalog catalog) {
    return new ConnectionService(box, catalog);
  }

  @Bean
  Profiler profiler() {
    return new Profiler();
  }

  @Bean
  QualityService qualityService() {
    return new QualityService();
  }

  @Bean
  DriftService driftService() {
    return new DriftService();
  }

  @Bean
  KpiService kpiService() {
    return new KpiService();
  }

  /**
   * A signed token of the test issuer.
   *
   * @param subject the subject
   * @param tenant the tenant
   * @param role the role
   * @return the compact JWT
   */
  public static String token(String subject, TenantId tenant, Role role) {
    JwtIssuer issuer =
        new JwtIssuer(
            JwtSettings.from(Settings.of(Map.of("hmac-secret", SECRET, "issuer", ISSUER))));
    return issuer.issue(Principal.of(subject, tenant, role), Duration.ofMinutes(30));
  }
}

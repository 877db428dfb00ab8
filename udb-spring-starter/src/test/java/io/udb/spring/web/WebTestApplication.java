package io.udb.spring.web;

import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.security.auth.JwtIssuer;
import io.udb.security.auth.JwtSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.PropertySource;

/**
 * The application of the web tests: nothing but Spring Boot's and UDB's auto-configuration, set up
 * by {@code web-test.properties} (in-memory storage, HS256 tokens of {@link #ISSUER}, an in-memory
 * secrets provider, an OAuth2 provider on a loopback address, and the rate limit of the property
 * {@code udb-test.rate-limit}, requests per minute per class, default 600).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@PropertySource("classpath:io/udb/spring/web/web-test.properties")
public class WebTestApplication {
  /** Tenant of most tests. */
  public static final TenantId ACME = TenantId.of("acme");

  /** The other tenant, which must see nothing of {@link #ACME}. */
  public static final TenantId GLOBEX = TenantId.of("globex");

  /** HS256 secret (32 bytes, base64), as in {@code web-test.properties}. */
  public static final String SECRET =
      Base64.getEncoder()
          .encodeToString("udb-web-test-hmac-secret-32bytes".getBytes(StandardCharsets.US_ASCII));

  /** The token issuer's {@code iss}. */
  public static final String ISSUER = "https://issuer.web.test";

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

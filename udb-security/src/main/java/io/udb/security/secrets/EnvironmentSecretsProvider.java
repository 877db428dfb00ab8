package io.udb.security.secrets;

import io.udb.api.TenantId;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves secrets from environment variables; read-only.
 *
 * <p>The secret {@code name} of tenant {@code tenant} is the variable {@code
 * UDB_SECRET_<TENANT>_<NAME>}, where {@code <TENANT>} is the tenant id and {@code <NAME>} the
 * secret name, both upper-cased with every character other than {@code A-Z} and {@code 0-9}
 * replaced by {@code _}: tenant {@code acme}, secret {@code db.password} → {@code
 * UDB_SECRET_ACME_DB_PASSWORD}. An empty variable counts as absent.
 *
 * <p>Tenant isolation: the mapping is unambiguous only for tenant ids made of letters and digits.
 * For {@code acme-corp} the variable {@code UDB_SECRET_ACME_CORP_X} could equally be secret {@code
 * corp_x} of tenant {@code acme}, so a tenant could read another's secret by choosing its name.
 * Tenant ids containing {@code -} or {@code _} therefore resolve nothing from this provider (a WARN
 * is logged once per such tenant); use the {@code encrypted-file} provider for them.
 *
 * <p>The environment is copied once at construction; immutable and thread-safe.
 */
public final class EnvironmentSecretsProvider implements SecretsProvider {
  /** The name that selects this provider. */
  public static final String NAME = "env";

  /** The prefix of every variable this provider reads. */
  public static final String PREFIX = "UDB_SECRET_";

  private static final Logger LOG = LoggerFactory.getLogger(EnvironmentSecretsProvider.class);

  private final Map<String, String> environment;
  private final Set<TenantId> warned = ConcurrentHashMap.newKeySet();

  /** Reads the process environment. */
  public EnvironmentSecretsProvider() {
    this(System.getenv());
  }

  /**
   * Reads the given variables instead of the process environment.
   *
   * @param environment variable name to value
   */
  public EnvironmentSecretsProvider(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * The variable that holds a tenant's secret.
   *
   * @param tenant the tenant
   * @param name a valid secret name (see {@link SecretNames})
   * @return the variable name, or empty when the tenant id contains {@code -} or {@code _}
   */
  public static Optional<String> variableName(TenantId tenant, String name) {
    Objects.requireNonNull(tenant, "tenant");
    SecretNames.requireValid(name);
    if (!tenant.value().chars().allMatch(Character::isLetterOrDigit)) {
      return Optional.empty();
    }
    return Optional.of(PREFIX + normalize(tenant.value()) + "_" + normalize(name));
  }

  private static String normalize(String part) {
    StringBuilder out = new StringBuilder(part.length());
    for (char c : part.toUpperCase(Locale.ROOT).toCharArray()) {
      out.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return out.toString();
  }

  @Override
  public Optional<SecretValue> resolve(TenantId tenant, String name) {
    Optional<String> variable = variableName(tenant, name);
    if (variable.isEmpty()) {
      if (warned.add(tenant)) {
        LOG.warn(
            "Environment secrets are not available to tenant '{}': ids with '-' or '_' would make"
                + " variable names ambiguous between tenants. Use the encrypted-file provider",
            tenant);
      }
      return Optional.empty();
    }
    String value = environment.get(variable.get());
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(SecretValue.of(value));
  }

  @Override
  public String toString() {
    long count = environment.keySet().stream().filter(k -> k.startsWith(PREFIX)).count();
    return "EnvironmentSecretsProvider[variables=" + count + "]";
  }
}

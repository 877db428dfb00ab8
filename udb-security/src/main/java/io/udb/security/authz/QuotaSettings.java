package io.udb.security.authz;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Default quotas and per-tenant overrides.
 *
 * <p>Settings: {@code quota.default.<name>} for every tenant and {@code quota.<tenant>.<name>} to
 * override one limit for one tenant (its other limits stay the defaults), where {@code <name>} is
 * {@code max-storage-bytes} (accepts {@code KB}/{@code MB}/{@code GB}), {@code max-rows-per-table},
 * {@code max-concurrent-jobs} or {@code max-queries-per-minute}. A value is a non-negative number
 * or {@code unlimited}; an absent default is unlimited. A tenant literally named {@code default}
 * shares the {@code quota.default.*} keys and so always has the defaults. Immutable and
 * thread-safe.
 */
public final class QuotaSettings {

  private static final String PREFIX = "quota.";
  private static final String DEFAULTS = "default";
  private static final String UNLIMITED = "unlimited";
  private static final Map<String, String> QUOTA_BY_KEY =
      Map.of(
          "max-storage-bytes", TenantQuotas.STORAGE_BYTES,
          "max-rows-per-table", TenantQuotas.ROWS_PER_TABLE,
          "max-concurrent-jobs", TenantQuotas.CONCURRENT_JOBS,
          "max-queries-per-minute", TenantQuotas.QUERIES_PER_MINUTE);

  private final TenantQuotas defaults;
  private final Map<TenantId, TenantQuotas> overrides;

  /**
   * Creates settings.
   *
   * @param defaults the quotas of every tenant without an override
   * @param overrides the complete quotas of the tenants that differ
   */
  public QuotaSettings(TenantQuotas defaults, Map<TenantId, TenantQuotas> overrides) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.overrides = Map.copyOf(overrides);
  }

  /** No quotas for anyone. */
  public static QuotaSettings unlimited() {
    return new QuotaSettings(TenantQuotas.unlimited(), Map.of());
  }

  /**
   * Reads {@code quota.default.*} and {@code quota.<tenant>.*}.
   *
   * @param settings the settings (keys outside {@code quota.} are ignored)
   * @return the quotas
   * @throws ConfigurationException naming the key when a key or value is not valid
   */
  public static QuotaSettings from(Settings settings) {
    TenantQuotas defaults = TenantQuotas.unlimited();
    Map<TenantId, Map<String, OptionalLong>> perTenant = new HashMap<>();
    for (String key : new TreeSet<>(settings.keys())) {
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String[] parts = key.substring(PREFIX.length()).split("\\.", 2);
      String quota = parts.length == 2 ? QUOTA_BY_KEY.get(parts[1]) : null;
      if (quota == null) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Unknown setting '"
                + key
                + "'; expected quota.default.<name> or quota.<tenant>.<name> with <name> one of "
                + new TreeSet<>(QUOTA_BY_KEY.keySet()));
      }
      OptionalLong limit = readLimit(settings, key);
      if (parts[0].equals(DEFAULTS)) {
        defaults = defaults.with(quota, limit);
      } else {
        perTenant.computeIfAbsent(tenant(key, parts[0]), t -> new HashMap<>()).put(quota, limit);
      }
    }
    Map<TenantId, TenantQuotas> overrides = new HashMap<>();
    for (Map.Entry<TenantId, Map<String, OptionalLong>> entry : perTenant.entrySet()) {
      TenantQuotas quotas = defaults;
      for (Map.Entry<String, OptionalLong> limit : entry.getValue().entrySet()) {
        quotas = quotas.with(limit.getKey(), limit.getValue());
      }
      overrides.put(entry.getKey(), quotas);
    }
    return new QuotaSettings(defaults, overrides);
  }

  /**
   * The quotas of a tenant.
   *
   * @param tenant the tenant
   * @return its override, or the defaults
   */
  public TenantQuotas forTenant(TenantId tenant) {
    return overrides.getOrDefault(tenant, defaults);
  }

  /** The quotas of every tenant without an override. */
  public TenantQuotas defaults() {
    return defaults;
  }

  private static OptionalLong readLimit(Settings settings, String key) {
    String raw = settings.raw(key).orElseThrow().trim();
    if (raw.toLowerCase(Locale.ROOT).equals(UNLIMITED)) {
      return OptionalLong.empty();
    }
    long value = settings.getLong(key, 0);
    if (value < 0) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '" + key + "' has value '" + raw + "'; expected a number >= 0 or unlimited");
    }
    return OptionalLong.of(value);
  }

  private static TenantId tenant(String key, String raw) {
    try {
      return TenantId.of(raw);
    } catch (UdbException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '" + key + "' names '" + raw + "', which is not a valid tenant id");
    }
  }
}

package io.udb.ingest.jdbc;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which JDBC drivers tenants may use. Embedded engines whose URLs name local files (DuckDB, SQLite,
 * H2, HSQLDB, Derby) are refused by default: a tenant could otherwise open any file the process can
 * read, including other tenants' databases.
 *
 * @param allowed the sub-protocols allowed (e.g. {@code postgresql}); empty allows every one not
 *     denied
 * @param denied the sub-protocols refused
 */
public record JdbcPolicy(Set<String> allowed, Set<String> denied) {
  /** The sub-protocols refused unless configured otherwise. */
  public static final List<String> DEFAULT_DENIED =
      List.of("duckdb", "sqlite", "h2", "hsqldb", "derby");

  /** Copies and normalizes. */
  public JdbcPolicy {
    allowed = normalize(allowed);
    denied = normalize(denied);
  }

  /** Every driver except the embedded ones of {@link #DEFAULT_DENIED}. */
  public static JdbcPolicy defaults() {
    return new JdbcPolicy(Set.of(), Set.copyOf(DEFAULT_DENIED));
  }

  /**
   * Reads {@code jdbc.allowed-subprotocols} and {@code jdbc.denied-subprotocols} (comma-separated;
   * the denied list defaults to {@link #DEFAULT_DENIED}).
   *
   * @param settings the connectors' settings
   * @return the policy
   */
  public static JdbcPolicy from(Settings settings) {
    List<String> denied =
        settings.raw("jdbc.denied-subprotocols").isPresent()
            ? settings.getList("jdbc.denied-subprotocols")
            : DEFAULT_DENIED;
    return new JdbcPolicy(
        Set.copyOf(settings.getList("jdbc.allowed-subprotocols")), Set.copyOf(denied));
  }

  /**
   * Refuses a sub-protocol the policy does not allow.
   *
   * @param subprotocol e.g. {@code postgresql}
   * @throws ConfigurationException with {@code CONFIG_INVALID}
   */
  public void check(String subprotocol) {
    String name = subprotocol.toLowerCase(Locale.ROOT);
    if (denied.contains(name) || (!allowed.isEmpty() && !allowed.contains(name))) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "JDBC URLs of type 'jdbc:"
              + name
              + ":' are not allowed here"
              + (allowed.isEmpty() ? "" : "; allowed: " + allowed.stream().sorted().toList()));
    }
  }

  private static Set<String> normalize(Set<String> names) {
    return names.stream()
        .map(n -> n.trim().toLowerCase(Locale.ROOT))
        .filter(n -> !n.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}

package io.udb.ingest.jdbc;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.secret.SecretValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parsed configuration of a {@code jdbc} connection.
 *
 * @param url the JDBC URL
 * @param user the user name, or {@code null}
 * @param password the password from the {@code password} secret, or {@code null}
 * @param driverProperties further driver properties ({@code properties.*})
 * @param catalog the catalog tables are discovered in, or {@code null} for the connection's own
 * @param schema the schema tables are discovered in, or {@code null} for the connection's own
 * @param tables the tables and views offered, empty for all
 * @param streams configured streams (queries, or tables with a cursor) by name
 * @param fetchSize rows per round trip and per batch
 * @param queryTimeout the longest a source query may run; zero for no limit
 */
record JdbcSettings(
    String url,
    String user,
    SecretValue password,
    Map<String, String> driverProperties,
    String catalog,
    String schema,
    List<String> tables,
    Map<String, StreamSettings> streams,
    int fetchSize,
    Duration queryTimeout) {

  /** The secret slot of the password. */
  static final String PASSWORD_SECRET = "password";

  /**
   * A configured stream.
   *
   * @param name the stream's name
   * @param query the source query, or {@code null} for a table
   * @param table the table, or {@code null} for a query
   * @param cursorField the column that orders incremental reads, or {@code null}
   */
  record StreamSettings(String name, String query, String table, String cursorField) {}

  JdbcSettings {
    Objects.requireNonNull(url, "url");
    driverProperties = Map.copyOf(driverProperties);
    tables = List.copyOf(tables);
    streams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(streams));
  }

  static JdbcSettings of(ConnectorConfig config) {
    Settings settings = config.settings();
    String url = settings.requireString("url").trim();
    if (!url.startsWith("jdbc:")) {
      throw invalid("Setting 'url' must be a JDBC URL starting with 'jdbc:'");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    Settings props = settings.withPrefix("properties.");
    for (String key : new TreeSet<>(props.keys())) {
      if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("user")) {
        throw invalid(
            "Set the user with 'user' and the password through the secret reference '"
                + PASSWORD_SECRET
                + "', not in 'properties'");
      }
      properties.put(key, props.raw(key).orElseThrow());
    }
    Map<String, StreamSettings> streams = new LinkedHashMap<>();
    Settings streamSettings = settings.withPrefix("streams.");
    Set<String> names = new TreeSet<>();
    for (String key : streamSettings.keys()) {
      int dot = key.indexOf('.');
      if (dot <= 0) {
        throw invalid("Setting 'streams." + key + "' must be 'streams.<name>.<query|table|...>'");
      }
      names.add(key.substring(0, dot));
    }
    for (String name : names) {
      Settings stream = streamSettings.withPrefix(name + ".");
      for (String key : stream.keys()) {
        if (!Set.of("query", "table", "cursor-field").contains(key)) {
          throw invalid(
              "Unknown setting 'streams."
                  + name
                  + "."
                  + key
                  + "'; a stream has 'query' or 'table', and optionally 'cursor-field'");
        }
      }
      String query = blankToNull(stream.getString("query", null));
      String table = blankToNull(stream.getString("table", null));
      if ((query == null) == (table == null)) {
        throw invalid("Stream '" + name + "' needs exactly one of 'query' and 'table'");
      }
      streams.put(
          name,
          new StreamSettings(
              name,
              query == null ? null : trimQuery(query),
              table,
              blankToNull(stream.getString("cursor-field", null))));
    }
    int fetchSize = settings.getInt("fetch-size", 1000);
    if (fetchSize < 1 || fetchSize > 100_000) {
      throw invalid("Setting 'fetch-size' must be between 1 and 100000, got " + fetchSize);
    }
    return new JdbcSettings(
        url,
        blankToNull(settings.getString("user", null)),
        config.secrets().get(PASSWORD_SECRET),
        properties,
        blankToNull(settings.getString("catalog", null)),
        blankToNull(settings.getString("schema", null)),
        settings.getList("tables"),
        streams,
        fetchSize,
        settings.getDuration("query-timeout", Duration.ZERO));
  }

  /** The properties to connect with, including the credentials. */
  Properties connectionProperties() {
    Properties properties = new Properties();
    properties.putAll(driverProperties);
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password.reveal());
    }
    return properties;
  }

  /** The JDBC sub-protocol, e.g. {@code postgresql} of {@code jdbc:postgresql://...}. */
  String subprotocol() {
    int end = url.indexOf(':', 5);
    return end < 0 ? url.substring(5) : url.substring(5, end);
  }

  /** The URL without user info, query parameters or properties, safe to show. */
  String displayUrl() {
    return redactUrl(url);
  }

  static String redactUrl(String url) {
    String cut = url;
    for (char stop : new char[] {'?', ';'}) {
      int at = cut.indexOf(stop);
      if (at >= 0) {
        cut = cut.substring(0, at);
      }
    }
    int scheme = cut.indexOf("//");
    int at = cut.indexOf('@', scheme < 0 ? 0 : scheme);
    if (scheme >= 0 && at > scheme) {
      cut = cut.substring(0, scheme + 2) + cut.substring(at + 1);
    }
    return cut;
  }

  private static String trimQuery(String query) {
    String trimmed = query.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
    }
    return trimmed;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }

  @Override
  public String toString() {
    return "JdbcSettings[url=" + displayUrl() + ", user=" + user + "]";
  }
}

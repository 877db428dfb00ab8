package io.udb.ingest.airbyte;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.secret.SecretValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parsed configuration of an {@code airbyte} connection.
 *
 * @param apiUrl the API's base URL, ending in {@code /v1}
 * @param connectionId the Airbyte connection to sync
 * @param token the API's bearer token (secret {@code token})
 * @param pollInterval the first wait between status polls
 * @param maxPollInterval the longest wait between status polls
 * @param timeout the longest the Airbyte job may take
 * @param requestTimeout the timeout of each API call
 * @param maxRetries retries of each API call on 429, 5xx and connection failures
 * @param cancelOnTimeout whether the Airbyte job is cancelled when the timeout passes
 * @param destinationConnector the connector that reads the synced destination
 * @param destination the destination reader's configuration
 */
record AirbyteSettings(
    URI apiUrl,
    String connectionId,
    SecretValue token,
    Duration pollInterval,
    Duration maxPollInterval,
    Duration timeout,
    Duration requestTimeout,
    int maxRetries,
    boolean cancelOnTimeout,
    String destinationConnector,
    ConnectorConfig destination) {

  /** The secret slot of the Airbyte API token. */
  static final String TOKEN_SECRET = "token";

  /** The prefix of the destination reader's secret slots, e.g. {@code destination.password}. */
  static final String DESTINATION_SECRETS = "destination.";

  static AirbyteSettings of(ConnectorConfig config) {
    Settings settings = config.settings();
    URI apiUrl = apiUrl(settings.getString("api-url", "https://api.airbyte.com/v1").trim());
    String connectionId = settings.requireString("connection-id").trim();
    SecretValue token = config.secrets().get(TOKEN_SECRET);
    if (token == null) {
      throw invalid("The Airbyte API token must be given as the secret reference 'token'");
    }
    Duration poll = settings.getDuration("poll-interval", Duration.ofSeconds(5));
    Duration maxPoll = settings.getDuration("max-poll-interval", Duration.ofMinutes(1));
    if (poll.isZero() || maxPoll.compareTo(poll) < 0) {
      throw invalid("'poll-interval' must be positive and at most 'max-poll-interval'");
    }
    String destinationConnector =
        settings.getString("destination.connector", "jdbc").trim().toLowerCase(Locale.ROOT);
    Map<String, SecretValue> destinationSecrets = new LinkedHashMap<>();
    config
        .secrets()
        .forEach(
            (slot, value) -> {
              if (slot.startsWith(DESTINATION_SECRETS)) {
                destinationSecrets.put(slot.substring(DESTINATION_SECRETS.length()), value);
              }
            });
    Settings destinationSettings = settings.withPrefix("destination.config.");
    if (destinationSettings.keys().isEmpty()) {
      throw invalid(
          "Set 'destination.config' to read the synced tables, e.g. the JDBC URL of the"
              + " Postgres destination");
    }
    return new AirbyteSettings(
        apiUrl,
        connectionId,
        token,
        poll,
        maxPoll,
        settings.getDuration("timeout", Duration.ofHours(6)),
        settings.getDuration("request-timeout", Duration.ofSeconds(30)),
        settings.getInt("max-retries", 5),
        settings.getBoolean("cancel-on-timeout", true),
        destinationConnector,
        new ConnectorConfig(destinationSettings, destinationSecrets));
  }

  private static URI apiUrl(String raw) {
    try {
      URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        throw invalid(
            "Setting 'api-url' must be an http or https URL, e.g. https://api.airbyte.com/v1");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid("Setting 'api-url' is not a valid URL: " + e.getReason());
    }
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }

  @Override
  public String toString() {
    return "AirbyteSettings[api=" + apiUrl.getHost() + ", connection=" + connectionId + "]";
  }
}

package io.udb.ingest.http;

import io.udb.api.config.Settings;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.plugin.PluginContext;

/**
 * Creates the {@code http} connector. Settings: {@code http.allow-private-networks} (default false,
 * see {@link NetworkPolicy}) and {@code http.max-response-bytes} (default 64 MB). Found through
 * {@link java.util.ServiceLoader} it has no OAuth2; a host with OAuth2 providers registers {@code
 * new HttpConnectorFactory(AccessTokenSource.of(flow))} explicitly, which wins over the discovered
 * one.
 */
public final class HttpConnectorFactory implements ConnectorFactory {
  private final AccessTokenSource tokens;

  /** For {@link java.util.ServiceLoader}: no OAuth2. */
  public HttpConnectorFactory() {
    this(null);
  }

  /**
   * A factory whose connectors authenticate OAuth2 connections with the given tokens.
   *
   * @param tokens the tenant's OAuth2 access tokens, or {@code null} for none
   */
  public HttpConnectorFactory(AccessTokenSource tokens) {
    this.tokens = tokens;
  }

  @Override
  public String name() {
    return HttpConnector.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public Connector create(PluginContext context) {
    Settings settings = context.settings();
    return new HttpConnector(
        new NetworkPolicy(settings.getBoolean("http.allow-private-networks", false)),
        tokens,
        context.clock(),
        settings.getLong("http.max-response-bytes", HttpConnector.DEFAULT_MAX_RESPONSE_BYTES));
  }
}

package io.udb.security.secrets;

import io.udb.api.plugin.PluginContext;
import io.udb.api.secret.SecretsProvider;
import io.udb.api.secret.SecretsProviderFactory;

/**
 * Creates the built-in {@code env} secrets provider over the process environment; it has no
 * settings.
 */
public final class EnvironmentSecretsProviderFactory implements SecretsProviderFactory {

  /** Creates the factory. */
  public EnvironmentSecretsProviderFactory() {}

  @Override
  public String name() {
    return EnvironmentSecretsProvider.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public SecretsProvider create(PluginContext context) {
    return new EnvironmentSecretsProvider();
  }
}

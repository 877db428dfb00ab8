package io.udb.security.secrets;

import io.udb.api.plugin.PluginContext;
import io.udb.api.secret.SecretsProvider;
import io.udb.api.secret.SecretsProviderFactory;

/** Creates the built-in {@code memory} secrets provider; it has no settings. */
public final class InMemorySecretsProviderFactory implements SecretsProviderFactory {

  /** Creates the factory. */
  public InMemorySecretsProviderFactory() {}

  @Override
  public String name() {
    return InMemorySecretsProvider.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public SecretsProvider create(PluginContext context) {
    return new InMemorySecretsProvider();
  }
}

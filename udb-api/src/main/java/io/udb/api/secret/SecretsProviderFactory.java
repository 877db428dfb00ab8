package io.udb.api.secret;

import io.udb.api.plugin.PluginFactory;

/**
 * Creates a {@link SecretsProvider}; registered in {@code
 * META-INF/services/io.udb.api.secret.SecretsProviderFactory}.
 */
public interface SecretsProviderFactory extends PluginFactory<SecretsProvider> {}

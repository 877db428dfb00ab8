package io.udb.security.secrets;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.plugin.PluginContext;
import io.udb.api.secret.SecretsProvider;
import io.udb.api.secret.SecretsProviderFactory;

/**
 * Creates the built-in {@code encrypted-file} secrets provider. Settings (below {@code
 * secrets.encrypted-file.}): {@code root} (default {@code <storage root>/secrets}), {@code
 * master-keyset} or {@code master-keyset-file} (one is required), {@code insecure-dev-mode}
 * (default {@code false}). See {@link EncryptedFileSecretsProvider}.
 *
 * <p>Google Tink is an optional dependency: this factory names no Tink class, so that it can be
 * listed without Tink on the classpath; {@link #create(PluginContext)} reports a missing Tink as
 * {@link ErrorCode#PLUGIN_BROKEN}.
 */
public final class EncryptedFileSecretsProviderFactory implements SecretsProviderFactory {
  private static final String TINK_PROBE = "com.google.crypto.tink.Aead";

  /** Creates the factory. */
  public EncryptedFileSecretsProviderFactory() {}

  @Override
  public String name() {
    return EncryptedFileSecretsProvider.NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public SecretsProvider create(PluginContext context) {
    try {
      Class.forName(TINK_PROBE, false, EncryptedFileSecretsProviderFactory.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(
          ErrorCode.PLUGIN_BROKEN,
          "The encrypted-file secrets provider needs Google Tink (com.google.crypto.tink:tink"
              + " 1.18 or later) on the classpath; add it to the application's dependencies",
          e);
    }
    return EncryptedFileSecretsProvider.create(context.settings(), context.storageRoot());
  }
}

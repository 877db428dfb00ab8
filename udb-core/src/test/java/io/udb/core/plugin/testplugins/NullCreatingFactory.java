package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** A factory whose {@code create} breaks its contract by returning {@code null}. */
public final class NullCreatingFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return "null-maker";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    return null;
  }
}

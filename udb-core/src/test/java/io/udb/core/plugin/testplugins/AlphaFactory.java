package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** A well-behaved factory named {@code alpha}. */
public final class AlphaFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return "alpha";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    return new MapArtifactStore("alpha", context.clock());
  }
}

package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** A factory whose constructor throws. */
public final class ThrowingConstructorFactory implements ArtifactStoreFactory {

  /** Always fails. */
  public ThrowingConstructorFactory() {
    throw new IllegalStateException("boom");
  }

  @Override
  public String name() {
    return "thrower";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    return new MapArtifactStore("thrower", context.clock());
  }
}

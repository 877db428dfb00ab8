package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** A factory that ServiceLoader cannot instantiate: it has no no-argument constructor. */
public final class NoDefaultConstructorFactory implements ArtifactStoreFactory {
  private final String name;

  /**
   * Creates the factory.
   *
   * @param name its name
   */
  public NoDefaultConstructorFactory(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    return new MapArtifactStore(name, context.clock());
  }
}

package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** A factory whose name is blank. */
public final class BlankNameFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return " ";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    return new MapArtifactStore("blank", context.clock());
  }
}

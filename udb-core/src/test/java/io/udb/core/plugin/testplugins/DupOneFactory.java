package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** One of two factories named {@code dup} at the same priority. */
public final class DupOneFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return "dup";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    return new MapArtifactStore("dup-one", context.clock());
  }
}

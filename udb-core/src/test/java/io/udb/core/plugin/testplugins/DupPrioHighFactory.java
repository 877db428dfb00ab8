package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** The winning factory named {@code dup-prio}. */
public final class DupPrioHighFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return "dup-prio";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    return new MapArtifactStore("dup-prio-high", context.clock());
  }
}

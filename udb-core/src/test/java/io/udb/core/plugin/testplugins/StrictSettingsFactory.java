package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** A factory that rejects its settings with a configuration error of its own. */
public final class StrictSettingsFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return "strict";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    context.settings().requireString("root");
    return new MapArtifactStore("strict", context.clock());
  }
}

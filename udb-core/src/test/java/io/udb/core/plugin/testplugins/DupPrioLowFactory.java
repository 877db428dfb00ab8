package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** The losing factory named {@code dup-prio}: creating it fails the test. */
public final class DupPrioLowFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return "dup-prio";
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    throw new IllegalStateException("the lower-priority dup-prio must never be created");
  }
}

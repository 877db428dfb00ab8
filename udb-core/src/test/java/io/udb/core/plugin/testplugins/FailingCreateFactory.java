package io.udb.core.plugin.testplugins;

import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;

/** A factory whose {@code create} fails, so that tests can tell whether it was called. */
public final class FailingCreateFactory implements ArtifactStoreFactory {

  @Override
  public String name() {
    return "failing";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public ArtifactStore create(PluginContext context) {
    throw new IllegalStateException("disk on fire");
  }
}

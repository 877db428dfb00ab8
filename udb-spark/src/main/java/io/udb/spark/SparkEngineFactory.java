package io.udb.spark;

import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.AnalyticsEngineFactory;
import io.udb.api.plugin.PluginContext;

/**
 * The {@code spark} engine plugin: starts a {@link SparkEngine} from its settings ({@code master},
 * {@code app-name}, {@code namespace-prefix}, {@code conf.<spark key>}; see {@link
 * SparkEngineSettings#from}).
 */
public final class SparkEngineFactory implements AnalyticsEngineFactory {
  /** Creates the factory; cheap and free of side effects. */
  public SparkEngineFactory() {}

  @Override
  public String name() {
    return SparkEngine.NAME;
  }

  @Override
  public AnalyticsEngine create(PluginContext context) {
    return SparkEngine.start(SparkEngineSettings.from(context.settings()));
  }
}

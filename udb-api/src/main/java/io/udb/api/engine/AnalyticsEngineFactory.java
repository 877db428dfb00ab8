package io.udb.api.engine;

import io.udb.api.plugin.PluginFactory;

/**
 * Creates an {@link AnalyticsEngine}; registered in {@code
 * META-INF/services/io.udb.api.engine.AnalyticsEngineFactory}. Built-in: {@code duckdb}.
 */
public interface AnalyticsEngineFactory extends PluginFactory<AnalyticsEngine> {}

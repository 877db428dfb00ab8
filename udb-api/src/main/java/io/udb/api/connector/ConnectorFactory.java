package io.udb.api.connector;

import io.udb.api.plugin.PluginFactory;

/**
 * Creates a {@link Connector}; registered in {@code
 * META-INF/services/io.udb.api.connector.ConnectorFactory}. Unlike the other SPIs, every connector
 * found is available at once; names must be unique.
 */
public interface ConnectorFactory extends PluginFactory<Connector> {}

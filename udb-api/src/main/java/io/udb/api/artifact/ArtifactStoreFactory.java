package io.udb.api.artifact;

import io.udb.api.plugin.PluginFactory;

/**
 * Creates an {@link ArtifactStore}; registered in {@code
 * META-INF/services/io.udb.api.artifact.ArtifactStoreFactory}. Built-in: {@code filesystem}.
 */
public interface ArtifactStoreFactory extends PluginFactory<ArtifactStore> {}

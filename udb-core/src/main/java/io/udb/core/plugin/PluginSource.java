package io.udb.core.plugin;

/** Where a plugin candidate came from. */
public enum PluginSource {
  /** Registered in code through {@link PluginRegistry}; wins over any discovered candidate. */
  EXPLICIT,
  /** Found through a {@code META-INF/services} entry. */
  SERVICE_LOADER
}

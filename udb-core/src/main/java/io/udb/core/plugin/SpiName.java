package io.udb.core.plugin;

import io.udb.api.plugin.PluginFactory;

/**
 * How an SPI is named in messages.
 *
 * @param display the plugin kind, e.g. {@code ArtifactStore} for {@code ArtifactStoreFactory}
 * @param servicesEntry the resource that lists providers, e.g. {@code
 *     META-INF/services/io.udb.api.artifact.ArtifactStoreFactory}
 */
record SpiName(String display, String servicesEntry) {
  private static final String FACTORY = "Factory";

  static SpiName of(Class<? extends PluginFactory<?>> spi) {
    String simple = spi.getSimpleName();
    String display =
        simple.endsWith(FACTORY) && simple.length() > FACTORY.length()
            ? simple.substring(0, simple.length() - FACTORY.length())
            : simple;
    return new SpiName(display, "META-INF/services/" + spi.getName());
  }
}

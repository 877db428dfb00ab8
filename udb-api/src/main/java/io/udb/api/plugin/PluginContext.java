package io.udb.api.plugin;

import io.udb.api.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * What a plugin receives when it is created.
 *
 * @param settings the plugin's own settings, with its configuration prefix removed
 * @param storageRoot the DataBox's storage root; plugins keep their files below it; {@code null}
 *     for a purely in-memory DataBox
 * @param clock the clock to use for timestamps, so that tests can fix time
 */
public record PluginContext(Settings settings, Path storageRoot, Clock clock) {
  /** Validates the arguments. */
  public PluginContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
  }
}

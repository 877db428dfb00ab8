package io.udb.core.plugin;

import java.util.Objects;

/**
 * One usable plugin candidate, as shown on a status page.
 *
 * @param name the name configuration selects it by
 * @param priority its {@link io.udb.api.plugin.PluginFactory#priority()}; {@code 0} for a
 *     registered ready-made instance
 * @param className the factory's class, or the instance's class for a ready-made instance
 * @param source where it came from
 */
public record PluginDescription(String name, int priority, String className, PluginSource source) {
  /** Validates the arguments. */
  public PluginDescription {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(source, "source");
  }
}

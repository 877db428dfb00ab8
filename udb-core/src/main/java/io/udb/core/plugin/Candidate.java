package io.udb.core.plugin;

import io.udb.api.plugin.PluginFactory;

/**
 * A usable factory together with what was read from it once, so that later selection never calls
 * into plugin code again except for the chosen {@code create}.
 *
 * @param name the factory's name
 * @param priority the factory's priority
 * @param className the class reported in messages
 * @param source where it came from
 * @param readyMade whether it hands out an instance the host registered (and therefore owns)
 * @param factory the factory
 * @param <T> the plugin type
 */
record Candidate<T>(
    String name,
    int priority,
    String className,
    PluginSource source,
    boolean readyMade,
    PluginFactory<T> factory) {

  PluginDescription describe() {
    return new PluginDescription(name, priority, className, source);
  }
}

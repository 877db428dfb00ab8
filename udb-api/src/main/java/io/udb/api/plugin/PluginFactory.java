package io.udb.api.plugin;

/**
 * A factory for one kind of plugin, found through {@link java.util.ServiceLoader}. UDB instantiates
 * the factories it finds to read their {@link #name()}, but calls {@link #create(PluginContext)}
 * only for the one selected by configuration.
 *
 * <p>Contract: the constructor is public, takes no arguments, is cheap and has no side effects;
 * {@link #name()} is constant; {@link #create(PluginContext)} validates its settings and throws
 * {@link io.udb.api.ConfigurationException} naming the bad key.
 *
 * @param <T> the plugin type
 */
public interface PluginFactory<T> {

  /** The name by which configuration selects this plugin, e.g. {@code filesystem}. */
  String name();

  /**
   * The priority among factories of the same name; the highest wins. Ties are an error. Default
   * {@code 0}; built-ins use {@code -100} so that any third-party plugin of the same name wins.
   */
  default int priority() {
    return 0;
  }

  /**
   * Creates the plugin.
   *
   * @param context the plugin's settings and environment
   * @return a ready-to-use plugin
   */
  T create(PluginContext context);
}

package io.udb.core.plugin;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.plugin.PluginContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The plugins of one SPI, as found when the catalog was made: explicitly registered ones and those
 * found through {@code META-INF/services}, plus the entries that could not be loaded.
 *
 * <p>Selection by name: an explicit registration wins; otherwise the highest {@code priority()}
 * wins; a tie at the highest priority is an error. Only the selected factory's {@code create} is
 * called. Immutable and thread-safe; {@code create} may be called any number of times.
 *
 * @param <T> the plugin type
 */
public final class PluginCatalog<T> {
  private static final Comparator<Candidate<?>> PREFERENCE =
      Comparator.<Candidate<?>, String>comparing(Candidate::name)
          .thenComparing(Candidate::source)
          .thenComparing(Comparator.<Candidate<?>>comparingInt(Candidate::priority).reversed())
          .thenComparing(Candidate::className);

  private final SpiName spi;
  private final List<Candidate<T>> candidates;
  private final List<BrokenPlugin> broken;

  PluginCatalog(SpiName spi, List<Candidate<T>> candidates, List<BrokenPlugin> broken) {
    this.spi = Objects.requireNonNull(spi, "spi");
    List<Candidate<T>> sorted = new ArrayList<>(candidates);
    sorted.sort(PREFERENCE);
    this.candidates = List.copyOf(sorted);
    this.broken = List.copyOf(broken);
  }

  /** The kind of plugin, as named in messages, e.g. {@code ArtifactStore}. */
  public String kind() {
    return spi.display();
  }

  /** The names of all usable plugins, sorted, each once. */
  public List<String> names() {
    return List.copyOf(
        candidates.stream().map(Candidate::name).collect(Collectors.toCollection(TreeSet::new)));
  }

  /**
   * Every usable candidate, sorted by name, explicit ones first, then by descending priority. A
   * name may appear more than once; the first of a name is the one {@link #create} uses unless the
   * first two tie.
   */
  public List<PluginDescription> describe() {
    return candidates.stream().map(Candidate::describe).toList();
  }

  /** The {@code META-INF/services} entries that could not be used, in discovery order. */
  public List<BrokenPlugin> broken() {
    return broken;
  }

  /**
   * Creates the plugin with the given name.
   *
   * @param name the name configuration selected
   * @param context what the plugin is given
   * @return the new plugin, or the registered instance of that name
   * @throws ConfigurationException {@link ErrorCode#PLUGIN_NOT_FOUND} when no usable candidate has
   *     that name, {@link ErrorCode#PLUGIN_AMBIGUOUS} when two discovered candidates share the
   *     highest priority, {@link ErrorCode#PLUGIN_BROKEN} when the factory fails; a {@link
   *     UdbException} thrown by the factory passes through unchanged
   */
  public T create(String name, PluginContext context) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(context, "context");
    return start(select(name), context);
  }

  /**
   * Creates one plugin of every name, for SPIs whose plugins are all used at once (connectors,
   * event sinks). Every name is resolved before any factory runs, so an ambiguity creates nothing;
   * when a factory fails, the plugins already created by factories are closed.
   *
   * @param context what each plugin is given
   * @return the plugins by name, in name order
   * @throws ConfigurationException as for {@link #create}
   */
  public Map<String, T> createAll(PluginContext context) {
    Objects.requireNonNull(context, "context");
    List<Candidate<T>> selected = names().stream().map(this::select).toList();
    Map<String, T> plugins = new LinkedHashMap<>();
    List<T> owned = new ArrayList<>();
    for (Candidate<T> candidate : selected) {
      T plugin;
      try {
        plugin = start(candidate, context);
      } catch (RuntimeException e) {
        closeAll(owned, e);
        throw e;
      }
      plugins.put(candidate.name(), plugin);
      if (!candidate.readyMade()) {
        owned.add(plugin);
      }
    }
    return Collections.unmodifiableMap(plugins);
  }

  private Candidate<T> select(String name) {
    List<Candidate<T>> named = candidates.stream().filter(c -> c.name().equals(name)).toList();
    if (named.isEmpty()) {
      throw notFound(name);
    }
    // Sorted by PREFERENCE: an explicit candidate, if any, is first (and unique per name).
    Candidate<T> best = named.get(0);
    if (best.source() == PluginSource.EXPLICIT) {
      return best;
    }
    List<Candidate<T>> tied = named.stream().filter(c -> c.priority() == best.priority()).toList();
    if (tied.size() > 1) {
      throw ambiguous(name, tied);
    }
    return best;
  }

  private T start(Candidate<T> candidate, PluginContext context) {
    T plugin;
    try {
      plugin = candidate.factory().create(context);
    } catch (UdbException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw failedToStart(candidate, failureMessage(e), e);
    }
    if (plugin == null) {
      throw failedToStart(candidate, "create() returned null", null);
    }
    return plugin;
  }

  private ConfigurationException notFound(String name) {
    StringBuilder message =
        new StringBuilder("No ")
            .append(spi.display())
            .append(" plugin named '")
            .append(name)
            .append("'. Found: ")
            .append(names())
            .append(". Add the jar that provides it to the classpath (a ")
            .append(spi.servicesEntry())
            .append(" entry) or register it explicitly.");
    if (!broken.isEmpty()) {
      message
          .append(" Could not load: ")
          .append(broken.stream().map(BrokenPlugin::summary).collect(Collectors.joining("; ")))
          .append('.');
    }
    return new ConfigurationException(ErrorCode.PLUGIN_NOT_FOUND, message.toString());
  }

  private ConfigurationException ambiguous(String name, List<Candidate<T>> tied) {
    List<String> classes = tied.stream().map(Candidate::className).sorted().toList();
    String listed =
        String.join(", ", classes.subList(0, classes.size() - 1))
            + " and "
            + classes.get(classes.size() - 1);
    return new ConfigurationException(
        ErrorCode.PLUGIN_AMBIGUOUS,
        spi.display()
            + " plugin '"
            + name
            + "' is ambiguous: "
            + listed
            + " have the same priority ("
            + tied.get(0).priority()
            + "). Remove all but one of their jars from the classpath, give the one to use a"
            + " higher priority(), or register it explicitly.");
  }

  private static ConfigurationException failedToStart(
      Candidate<?> candidate, String reason, Throwable cause) {
    return new ConfigurationException(
        ErrorCode.PLUGIN_BROKEN,
        "Plugin '"
            + candidate.name()
            + "' ("
            + candidate.className()
            + ") failed to start: "
            + reason,
        cause);
  }

  private static String failureMessage(Throwable t) {
    // A linkage error's message is a bare class name; its type says what went wrong.
    if (t instanceof RuntimeException && t.getMessage() != null && !t.getMessage().isBlank()) {
      return t.getMessage();
    }
    return ServiceDiscovery.describe(t);
  }

  private static void closeAll(List<?> plugins, RuntimeException failure) {
    for (Object plugin : plugins) {
      if (plugin instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          failure.addSuppressed(e);
        }
      }
    }
  }
}

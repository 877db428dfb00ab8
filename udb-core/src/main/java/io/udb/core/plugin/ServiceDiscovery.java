package io.udb.core.plugin;

import io.udb.api.plugin.PluginFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ServiceLoader} for one SPI and keeps going past every broken entry, so that one bad
 * jar neither hides the good plugins nor goes unreported.
 */
final class ServiceDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscovery.class);

  /*
   * ServiceLoader retries a step that failed before it consumed anything (e.g. reading the list of
   * services files), so a loader that fails the same way every time would keep discovery going
   * forever. No real class path has this many broken entries in a row.
   */
  private static final int MAX_CONSECUTIVE_FAILURES = 1_000;

  // The JDK's own wording (stable since Java 9, with or without "Provider " in front); a message
  // that matches none is reported verbatim.
  private static final Pattern NOT_FOUND = Pattern.compile("(?:Provider )?(\\S+) not found");
  private static final Pattern NOT_SUBTYPE = Pattern.compile("(?:Provider )?(\\S+) not a subtype");
  private static final Pattern NO_CONSTRUCTOR =
      Pattern.compile("(\\S+) Unable to get public no-arg constructor");

  /**
   * What discovery found.
   *
   * @param candidates the usable factories, in discovery order
   * @param broken the entries that could not be used, in discovery order, without repeats
   * @param <T> the plugin type
   */
  record Result<T>(List<Candidate<T>> candidates, List<BrokenPlugin> broken) {
    Result {
      candidates = List.copyOf(candidates);
      broken = List.copyOf(broken);
    }
  }

  private ServiceDiscovery() {}

  static <F extends PluginFactory<T>, T> Result<T> discover(Class<F> spi, ClassLoader loader) {
    List<Candidate<T>> candidates = new ArrayList<>();
    Set<BrokenPlugin> broken = new LinkedHashSet<>();
    // The spliterator, unlike a stream pipeline, can be advanced again after it threw.
    Spliterator<ServiceLoader.Provider<F>> providers =
        ServiceLoader.load(spi, loader).stream().spliterator();
    int consecutiveFailures = 0;
    boolean more = true;
    while (more) {
      try {
        more =
            providers.tryAdvance(
                provider -> instantiate(spi, provider, candidates::add, broken::add));
        consecutiveFailures = 0;
      } catch (ServiceConfigurationError e) {
        broken.add(fromLookupError(spi, e));
        consecutiveFailures++;
      } catch (LinkageError e) {
        // Class.forName failed inside ServiceLoader, e.g. the provider extends a missing class.
        broken.add(new BrokenPlugin(null, "a provider could not be linked: " + describe(e)));
        consecutiveFailures++;
      }
      if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
        LOG.warn(
            "Stopped looking for {} providers after {} failures in a row",
            spi.getName(),
            consecutiveFailures);
        more = false;
      }
    }
    return new Result<>(candidates, new ArrayList<>(broken));
  }

  private static <F extends PluginFactory<T>, T> void instantiate(
      Class<F> spi,
      ServiceLoader.Provider<F> provider,
      Consumer<Candidate<T>> found,
      Consumer<BrokenPlugin> failed) {
    String className = provider.type().getName();
    F factory;
    try {
      factory = provider.get();
    } catch (ServiceConfigurationError e) {
      failed.accept(new BrokenPlugin(className, constructorFailure(e)));
      return;
    }
    String name;
    int priority;
    try {
      name = factory.name();
    } catch (RuntimeException | LinkageError e) {
      failed.accept(new BrokenPlugin(className, "name() threw " + describe(e)));
      return;
    }
    if (name == null || name.isBlank()) {
      failed.accept(new BrokenPlugin(className, "name() returned a blank name"));
      return;
    }
    try {
      priority = factory.priority();
    } catch (RuntimeException | LinkageError e) {
      failed.accept(new BrokenPlugin(className, "priority() threw " + describe(e)));
      return;
    }
    LOG.debug("Found {} '{}' ({}, priority {})", spi.getName(), name, className, priority);
    found.accept(
        new Candidate<T>(name, priority, className, PluginSource.SERVICE_LOADER, false, factory));
  }

  private static String constructorFailure(ServiceConfigurationError e) {
    Throwable cause = e.getCause();
    if (cause instanceof ExceptionInInitializerError init && init.getCause() != null) {
      return "static initializer threw " + describe(init.getCause());
    }
    if (cause != null) {
      return "constructor threw " + describe(cause);
    }
    return e.getMessage();
  }

  private static BrokenPlugin fromLookupError(Class<?> spi, ServiceConfigurationError e) {
    String message = String.valueOf(e.getMessage());
    String prefix = spi.getName() + ": ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    Matcher m = NOT_FOUND.matcher(message);
    if (m.matches()) {
      return new BrokenPlugin(m.group(1), "class not found");
    }
    m = NOT_SUBTYPE.matcher(message);
    if (m.matches()) {
      return new BrokenPlugin(m.group(1), "does not implement " + spi.getName());
    }
    m = NO_CONSTRUCTOR.matcher(message);
    if (m.matches()) {
      return new BrokenPlugin(m.group(1), "has no public no-argument constructor");
    }
    Throwable cause = e.getCause();
    return new BrokenPlugin(null, cause == null ? message : message + ": " + describe(cause));
  }

  /** {@code SimpleName: message}, or the simple name alone when there is no message. */
  static String describe(Throwable t) {
    String message = t.getMessage();
    String type = t.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }
}

package io.udb.core.plugin;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.plugin.PluginContext;
import io.udb.api.plugin.PluginFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds plugin factories for UDB's SPIs in one class loader and holds the ones registered in code.
 * Each registry is independent: there is no global state, so two DataBoxes in one JVM can see
 * different plugins.
 *
 * <p>A name registered explicitly always wins over factories of that name found through {@code
 * META-INF/services}, whatever their priority. Registering a name twice for the same SPI is an
 * error. Thread-safe.
 */
public final class PluginRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  private final ClassLoader classLoader;
  private final Object lock = new Object();

  /** Per SPI, explicit candidates by name; guarded by {@link #lock}. */
  private final Map<Class<?>, Map<String, Candidate<?>>> explicit = new HashMap<>();

  private PluginRegistry(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
  }

  /**
   * A registry that discovers plugins in the given class loader.
   *
   * @param classLoader where {@code META-INF/services} entries and their classes are looked up
   * @return a registry with nothing registered explicitly
   */
  public static PluginRegistry forClassLoader(ClassLoader classLoader) {
    return new PluginRegistry(classLoader);
  }

  /**
   * Registers a factory in code, e.g. a Spring bean. Its name wins over discovered factories.
   *
   * @param spi the SPI, e.g. {@code ArtifactStoreFactory.class}
   * @param factory the factory
   * @param <F> the SPI type
   * @param <T> the plugin type
   * @return this registry
   * @throws ConfigurationException {@link ErrorCode#PLUGIN_BROKEN} when the factory's name is blank
   *     or reading it fails; {@link ErrorCode#PLUGIN_AMBIGUOUS} when the name is already registered
   *     for this SPI
   */
  public <F extends PluginFactory<T>, T> PluginRegistry register(Class<F> spi, F factory) {
    Objects.requireNonNull(spi, "spi");
    F checked = spi.cast(Objects.requireNonNull(factory, "factory"));
    String className = checked.getClass().getName();
    String name;
    int priority;
    try {
      name = checked.name();
      priority = checked.priority();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          ErrorCode.PLUGIN_BROKEN,
          "Cannot register "
              + SpiName.of(spi).display()
              + " factory "
              + className
              + ": "
              + ServiceDiscovery.describe(e),
          e);
    }
    add(spi, new Candidate<T>(name, priority, className, PluginSource.EXPLICIT, false, checked));
    return this;
  }

  /**
   * Registers a ready-made plugin under a name; {@code create} hands out this same instance and the
   * registry never closes it (its owner does). The name wins over discovered factories.
   *
   * @param spi the SPI whose plugins the instance stands among, e.g. {@code
   *     ArtifactStoreFactory.class}
   * @param name the name configuration selects it by
   * @param instance the plugin
   * @param <F> the SPI type
   * @param <T> the plugin type
   * @return this registry
   * @throws ConfigurationException as for {@link #register}
   */
  public <F extends PluginFactory<T>, T> PluginRegistry registerInstance(
      Class<F> spi, String name, T instance) {
    Objects.requireNonNull(spi, "spi");
    Objects.requireNonNull(instance, "instance");
    add(
        spi,
        new Candidate<T>(
            name,
            0,
            instance.getClass().getName(),
            PluginSource.EXPLICIT,
            true,
            new InstanceFactory<>(name, instance)));
    return this;
  }

  /**
   * Discovers the plugins of an SPI and joins them with the explicit registrations made so far.
   * Discovery runs on every call and instantiates each discovered factory to read its name and
   * priority; keep the catalog rather than asking again.
   *
   * @param spi the SPI, e.g. {@code ArtifactStoreFactory.class}
   * @param <F> the SPI type
   * @param <T> the plugin type
   * @return a snapshot of the SPI's plugins
   */
  public <F extends PluginFactory<T>, T> PluginCatalog<T> catalog(Class<F> spi) {
    Objects.requireNonNull(spi, "spi");
    SpiName spiName = SpiName.of(spi);
    List<Candidate<T>> candidates = new ArrayList<>();
    synchronized (lock) {
      for (Candidate<?> candidate : explicit.getOrDefault(spi, Map.of()).values()) {
        candidates.add(typed(candidate));
      }
    }
    ServiceDiscovery.Result<T> found = ServiceDiscovery.discover(spi, classLoader);
    candidates.addAll(found.candidates());
    for (BrokenPlugin broken : found.broken()) {
      LOG.warn("Skipping {} plugin {}", spiName.display(), broken.summary());
    }
    return new PluginCatalog<>(spiName, candidates, found.broken());
  }

  private <T> void add(Class<? extends PluginFactory<T>> spi, Candidate<T> candidate) {
    SpiName spiName = SpiName.of(spi);
    String name = candidate.name();
    if (name == null || name.isBlank()) {
      throw new ConfigurationException(
          ErrorCode.PLUGIN_BROKEN,
          "Cannot register "
              + spiName.display()
              + " plugin "
              + candidate.className()
              + ": its name is blank");
    }
    synchronized (lock) {
      Map<String, Candidate<?>> byName = explicit.computeIfAbsent(spi, k -> new LinkedHashMap<>());
      Candidate<?> existing = byName.get(name);
      if (existing != null) {
        throw new ConfigurationException(
            ErrorCode.PLUGIN_AMBIGUOUS,
            spiName.display()
                + " plugin '"
                + name
                + "' is already registered ("
                + existing.className()
                + "); cannot also register "
                + candidate.className()
                + ". Register each name once.");
      }
      byName.put(name, candidate);
    }
  }

  // add() files only Candidate<T> under a Class<F> with F extends PluginFactory<T>, so the
  // candidates found under spi have the T that catalog(spi) infers.
  @SuppressWarnings("unchecked")
  private static <T> Candidate<T> typed(Candidate<?> candidate) {
    return (Candidate<T>) candidate;
  }

  /** Hands out a registered instance. */
  private record InstanceFactory<T>(String name, T instance) implements PluginFactory<T> {
    @Override
    public T create(PluginContext context) {
      return instance;
    }
  }
}

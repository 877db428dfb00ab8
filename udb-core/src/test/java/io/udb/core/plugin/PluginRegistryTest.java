package io.udb.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.config.Settings;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.core.plugin.testplugins.AlphaFactory;
import io.udb.core.plugin.testplugins.BlankNameFactory;
import io.udb.core.plugin.testplugins.DupOneFactory;
import io.udb.core.plugin.testplugins.DupPrioHighFactory;
import io.udb.core.plugin.testplugins.DupPrioLowFactory;
import io.udb.core.plugin.testplugins.DupTwoFactory;
import io.udb.core.plugin.testplugins.FailingCreateFactory;
import io.udb.core.plugin.testplugins.MapArtifactStore;
import io.udb.core.plugin.testplugins.NoDefaultConstructorFactory;
import io.udb.core.plugin.testplugins.NotAFactory;
import io.udb.core.plugin.testplugins.NullCreatingFactory;
import io.udb.core.plugin.testplugins.RecordingSinkFactory;
import io.udb.core.plugin.testplugins.StrictSettingsFactory;
import io.udb.core.plugin.testplugins.ThrowingConstructorFactory;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {
  private static final String PKG = "io.udb.core.plugin.testplugins.";
  private static final String ALPHA = AlphaFactory.class.getName();
  private static final String DUP_ONE = DupOneFactory.class.getName();
  private static final String DUP_TWO = DupTwoFactory.class.getName();
  private static final String DUP_PRIO_LOW = DupPrioLowFactory.class.getName();
  private static final String DUP_PRIO_HIGH = DupPrioHighFactory.class.getName();
  private static final String FAILING = FailingCreateFactory.class.getName();
  private static final String THROWING_CONSTRUCTOR = ThrowingConstructorFactory.class.getName();
  private static final String MISSING = PKG + "DoesNotExist";

  private static final PluginContext CONTEXT =
      new PluginContext(
          Settings.empty(),
          null,
          Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));

  @TempDir Path tempDir;

  private final List<URLClassLoader> loaders = new ArrayList<>();

  @AfterEach
  void closeLoaders() throws IOException {
    for (URLClassLoader loader : loaders) {
      loader.close();
    }
  }

  @Test
  void findsPluginsListedInServicesFile() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(registryListing(ArtifactStoreFactory.class, ALPHA, DUP_PRIO_HIGH));

    assertThat(catalog.names()).containsExactly("alpha", "dup-prio");
    assertThat(catalog.kind()).isEqualTo("ArtifactStore");
    assertThat(catalog.broken()).isEmpty();
    assertThat(label(catalog.create("alpha", CONTEXT))).isEqualTo("alpha");
  }

  @Test
  void namesAreSortedAndListedOnceIncludingExplicitOnes() {
    PluginRegistry registry =
        registryListing(
            ArtifactStoreFactory.class, DUP_PRIO_LOW, ALPHA, DUP_ONE, DUP_TWO, DUP_PRIO_HIGH);
    registry.registerInstance(ArtifactStoreFactory.class, "beta", store("beta"));
    registry.register(ArtifactStoreFactory.class, new CountingFactory("alpha", 0));

    assertThat(artifactStores(registry).names())
        .containsExactly("alpha", "beta", "dup", "dup-prio");
  }

  @Test
  void discoveryPastBrokenEntryStillFindsGoodOne() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(
            registryListing(
                ArtifactStoreFactory.class,
                THROWING_CONSTRUCTOR,
                MISSING,
                NotAFactory.class.getName(),
                BlankNameFactory.class.getName(),
                NoDefaultConstructorFactory.class.getName(),
                ALPHA));

    assertThat(catalog.names()).containsExactly("alpha");
    assertThat(label(catalog.create("alpha", CONTEXT))).isEqualTo("alpha");
    assertThat(catalog.broken())
        .containsExactly(
            new BrokenPlugin(THROWING_CONSTRUCTOR, "constructor threw IllegalStateException: boom"),
            new BrokenPlugin(MISSING, "class not found"),
            new BrokenPlugin(
                NotAFactory.class.getName(),
                "does not implement io.udb.api.artifact.ArtifactStoreFactory"),
            new BrokenPlugin(BlankNameFactory.class.getName(), "name() returned a blank name"),
            new BrokenPlugin(
                NoDefaultConstructorFactory.class.getName(),
                "has no public no-argument constructor"));
  }

  @Test
  void notFoundListsAvailableNamesAndHowToAddOne() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(registryListing(ArtifactStoreFactory.class, ALPHA, DUP_PRIO_HIGH));

    assertThatThrownBy(() -> catalog.create("s3", CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_NOT_FOUND)
        .hasMessage(
            "No ArtifactStore plugin named 's3'. Found: [alpha, dup-prio]. Add the jar that"
                + " provides it to the classpath (a"
                + " META-INF/services/io.udb.api.artifact.ArtifactStoreFactory entry) or register"
                + " it explicitly.");
  }

  @Test
  void notFoundAlsoListsEntriesThatCouldNotBeLoaded() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(
            registryListing(ArtifactStoreFactory.class, ALPHA, THROWING_CONSTRUCTOR, MISSING));

    assertThatThrownBy(() -> catalog.create("s3", CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_NOT_FOUND)
        .hasMessage(
            "No ArtifactStore plugin named 's3'. Found: [alpha]. Add the jar that provides it to"
                + " the classpath (a META-INF/services/io.udb.api.artifact.ArtifactStoreFactory"
                + " entry) or register it explicitly. Could not load:"
                + " io.udb.core.plugin.testplugins.ThrowingConstructorFactory (constructor threw"
                + " IllegalStateException: boom); io.udb.core.plugin.testplugins.DoesNotExist"
                + " (class not found).");
  }

  @Test
  void notFoundNamesTheSpiItWasAskedFor() {
    PluginCatalog<?> catalog =
        registryListing(EventSinkFactory.class).catalog(EventSinkFactory.class);

    assertThatThrownBy(() -> catalog.create("kafka", CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_NOT_FOUND)
        .hasMessage(
            "No EventSink plugin named 'kafka'. Found: []. Add the jar that provides it to the"
                + " classpath (a META-INF/services/io.udb.api.event.EventSinkFactory entry) or"
                + " register it explicitly.");
  }

  @Test
  void factoryOfAnotherSpiIsReportedAsBroken() {
    PluginCatalog<?> catalog =
        registryListing(EventSinkFactory.class, ALPHA, RecordingSinkFactory.class.getName())
            .catalog(EventSinkFactory.class);

    assertThat(catalog.names()).containsExactly("recording");
    assertThat(catalog.broken())
        .containsExactly(
            new BrokenPlugin(ALPHA, "does not implement io.udb.api.event.EventSinkFactory"));
  }

  @Test
  void samePriorityDuplicatesAreAmbiguous() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(registryListing(ArtifactStoreFactory.class, DUP_TWO, ALPHA, DUP_ONE));

    assertThatThrownBy(() -> catalog.create("dup", CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_AMBIGUOUS)
        .hasMessage(
            "ArtifactStore plugin 'dup' is ambiguous: io.udb.core.plugin.testplugins.DupOneFactory"
                + " and io.udb.core.plugin.testplugins.DupTwoFactory have the same priority (0)."
                + " Remove all but one of their jars from the classpath, give the one to use a"
                + " higher priority(), or register it explicitly.");
  }

  @Test
  void highestPriorityWinsAndOnlyItIsCreated() {
    // The low-priority factory's create() throws, so calling it would fail this test.
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(registryListing(ArtifactStoreFactory.class, DUP_PRIO_LOW, DUP_PRIO_HIGH));

    assertThat(label(catalog.create("dup-prio", CONTEXT))).isEqualTo("dup-prio-high");
  }

  @Test
  void creatingOnePluginCallsNoOtherFactory() {
    PluginRegistry registry =
        registryListing(ArtifactStoreFactory.class, FAILING, DUP_PRIO_LOW, ALPHA);
    CountingFactory counting = new CountingFactory("counted", 0);
    registry.register(ArtifactStoreFactory.class, counting);
    PluginCatalog<ArtifactStore> catalog = artifactStores(registry);

    assertThat(label(catalog.create("alpha", CONTEXT))).isEqualTo("alpha");
    assertThat(counting.calls.get()).isZero();

    catalog.create("counted", CONTEXT);
    catalog.create("counted", CONTEXT);
    assertThat(counting.calls.get()).isEqualTo(2);
  }

  @Test
  void explicitFactoryWinsOverDiscoveredOnesWhateverTheirPriority() {
    PluginRegistry registry =
        registryListing(ArtifactStoreFactory.class, DUP_PRIO_LOW, DUP_PRIO_HIGH, DUP_ONE, DUP_TWO);
    CountingFactory explicitDupPrio = new CountingFactory("dup-prio", -1_000);
    CountingFactory explicitDup = new CountingFactory("dup", -1_000);
    registry.register(ArtifactStoreFactory.class, explicitDupPrio);
    registry.register(ArtifactStoreFactory.class, explicitDup);
    PluginCatalog<ArtifactStore> catalog = artifactStores(registry);

    assertThat(label(catalog.create("dup-prio", CONTEXT))).isEqualTo("counting-dup-prio");
    // Explicit registration also settles what would otherwise be ambiguous.
    assertThat(label(catalog.create("dup", CONTEXT))).isEqualTo("counting-dup");
    assertThat(explicitDupPrio.calls.get()).isEqualTo(1);
    assertThat(explicitDup.calls.get()).isEqualTo(1);
  }

  @Test
  void registeredInstanceWinsAndIsHandedOutAsIs() {
    PluginRegistry registry = registryListing(ArtifactStoreFactory.class, DUP_PRIO_HIGH);
    MapArtifactStore mine = store("mine");
    registry.registerInstance(ArtifactStoreFactory.class, "dup-prio", mine);
    PluginCatalog<ArtifactStore> catalog = artifactStores(registry);

    assertThat(catalog.create("dup-prio", CONTEXT)).isSameAs(mine);
    assertThat(catalog.create("dup-prio", CONTEXT)).isSameAs(mine);
  }

  @Test
  void registrationsAfterCatalogAreNotInIt() {
    PluginRegistry registry = registryListing(ArtifactStoreFactory.class, ALPHA);
    PluginCatalog<ArtifactStore> before = artifactStores(registry);
    registry.registerInstance(ArtifactStoreFactory.class, "beta", store("beta"));

    assertThat(before.names()).containsExactly("alpha");
    assertThat(artifactStores(registry).names()).containsExactly("alpha", "beta");
  }

  @Test
  void refusesSecondRegistrationOfTheSameName() {
    PluginRegistry registry = registryListing(ArtifactStoreFactory.class);
    registry.registerInstance(ArtifactStoreFactory.class, "alpha", store("first"));

    assertThatThrownBy(() -> registry.register(ArtifactStoreFactory.class, new AlphaFactory()))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_AMBIGUOUS)
        .hasMessage(
            "ArtifactStore plugin 'alpha' is already registered"
                + " (io.udb.core.plugin.testplugins.MapArtifactStore); cannot also register"
                + " io.udb.core.plugin.testplugins.AlphaFactory. Register each name once.");
  }

  @Test
  void refusesRegistrationWithBlankName() {
    PluginRegistry registry = registryListing(ArtifactStoreFactory.class);

    assertThatThrownBy(
            () -> registry.registerInstance(ArtifactStoreFactory.class, " ", store("blank")))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_BROKEN)
        .hasMessage(
            "Cannot register ArtifactStore plugin io.udb.core.plugin.testplugins.MapArtifactStore:"
                + " its name is blank");
  }

  @Test
  void registrationsAreKeptPerSpi() {
    PluginRegistry registry = registryListing(ArtifactStoreFactory.class);
    registry.registerInstance(ArtifactStoreFactory.class, "shared-name", store("store"));
    registry.register(EventSinkFactory.class, new RecordingSinkFactory());

    assertThat(artifactStores(registry).names()).containsExactly("shared-name");
    assertThat(registry.catalog(EventSinkFactory.class).names()).containsExactly("recording");
  }

  @Test
  void failingCreateIsReportedAsBrokenPlugin() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(registryListing(ArtifactStoreFactory.class, ALPHA, FAILING));

    assertThatThrownBy(() -> catalog.create("failing", CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_BROKEN)
        .hasMessage(
            "Plugin 'failing' (io.udb.core.plugin.testplugins.FailingCreateFactory) failed to"
                + " start: disk on fire")
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("disk on fire");
  }

  @Test
  void createReturningNullIsReportedAsBrokenPlugin() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(
            registryListing(ArtifactStoreFactory.class, NullCreatingFactory.class.getName()));

    assertThatThrownBy(() -> catalog.create("null-maker", CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_BROKEN)
        .hasMessage(
            "Plugin 'null-maker' (io.udb.core.plugin.testplugins.NullCreatingFactory) failed to"
                + " start: create() returned null");
  }

  @Test
  void configurationErrorOfPluginPassesThroughUnchanged() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(
            registryListing(ArtifactStoreFactory.class, StrictSettingsFactory.class.getName()));

    assertThatThrownBy(() -> catalog.create("strict", CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.CONFIG_INVALID)
        .hasMessage("Missing required setting 'root'");
  }

  @Test
  void describeListsEveryCandidateWithItsSource() {
    PluginRegistry registry =
        registryListing(ArtifactStoreFactory.class, DUP_PRIO_LOW, ALPHA, DUP_PRIO_HIGH);
    registry.registerInstance(ArtifactStoreFactory.class, "dup-prio", store("mine"));

    assertThat(artifactStores(registry).describe())
        .containsExactly(
            new PluginDescription("alpha", 0, ALPHA, PluginSource.SERVICE_LOADER),
            new PluginDescription(
                "dup-prio", 0, MapArtifactStore.class.getName(), PluginSource.EXPLICIT),
            new PluginDescription("dup-prio", 10, DUP_PRIO_HIGH, PluginSource.SERVICE_LOADER),
            new PluginDescription("dup-prio", -100, DUP_PRIO_LOW, PluginSource.SERVICE_LOADER));
  }

  @Test
  void createAllMakesOnePluginPerNameByTheSameRules() {
    PluginCatalog<ArtifactStore> catalog =
        artifactStores(
            registryListing(ArtifactStoreFactory.class, DUP_PRIO_LOW, ALPHA, DUP_PRIO_HIGH));

    Map<String, ArtifactStore> all = catalog.createAll(CONTEXT);

    assertThat(all.keySet()).containsExactly("alpha", "dup-prio");
    assertThat(all.values().stream().map(PluginRegistryTest::label))
        .containsExactly("alpha", "dup-prio-high");
  }

  @Test
  void createAllRefusesAmbiguityBeforeCreatingAnything() {
    PluginRegistry registry = registryListing(ArtifactStoreFactory.class, DUP_ONE, DUP_TWO);
    CountingFactory first = new CountingFactory("aaa", 0);
    registry.register(ArtifactStoreFactory.class, first);
    PluginCatalog<ArtifactStore> catalog = artifactStores(registry);

    assertThatThrownBy(() -> catalog.createAll(CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_AMBIGUOUS)
        .hasMessage(
            "ArtifactStore plugin 'dup' is ambiguous: io.udb.core.plugin.testplugins.DupOneFactory"
                + " and io.udb.core.plugin.testplugins.DupTwoFactory have the same priority (0)."
                + " Remove all but one of their jars from the classpath, give the one to use a"
                + " higher priority(), or register it explicitly.");
    assertThat(first.calls.get()).isZero();
  }

  @Test
  void createAllClosesWhatItCreatedWhenAFactoryFails() {
    PluginRegistry registry = registryListing(ArtifactStoreFactory.class, FAILING);
    CountingFactory first = new CountingFactory("aaa", 0);
    MapArtifactStore hostOwned = store("host-owned");
    registry.register(ArtifactStoreFactory.class, first);
    registry.registerInstance(ArtifactStoreFactory.class, "bbb", hostOwned);
    PluginCatalog<ArtifactStore> catalog = artifactStores(registry);

    assertThatThrownBy(() -> catalog.createAll(CONTEXT))
        .isInstanceOf(ConfigurationException.class)
        .hasFieldOrPropertyWithValue("code", ErrorCode.PLUGIN_BROKEN);
    assertThat(first.created).singleElement().satisfies(s -> assertThat(s.isClosed()).isTrue());
    assertThat(hostOwned.isClosed()).isFalse();
  }

  @Test
  void discoveryEndsWhenServicesFilesCannotBeListed() {
    ClassLoader unreadable =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          public Enumeration<URL> getResources(String name) throws IOException {
            throw new IOException("disk unreadable");
          }
        };

    PluginCatalog<ArtifactStore> catalog =
        artifactStores(PluginRegistry.forClassLoader(unreadable));

    assertThat(catalog.names()).isEmpty();
    assertThat(catalog.broken())
        .containsExactly(
            new BrokenPlugin(
                null, "Error locating configuration files: IOException: disk unreadable"));
  }

  @Test
  void displayNameDropsFactorySuffix() {
    assertThat(SpiName.of(ArtifactStoreFactory.class))
        .isEqualTo(
            new SpiName(
                "ArtifactStore", "META-INF/services/io.udb.api.artifact.ArtifactStoreFactory"));
    assertThat(SpiName.of(EventSinkFactory.class).display()).isEqualTo("EventSink");
  }

  private static PluginCatalog<ArtifactStore> artifactStores(PluginRegistry registry) {
    return registry.catalog(ArtifactStoreFactory.class);
  }

  private static String label(ArtifactStore store) {
    return ((MapArtifactStore) store).label();
  }

  private static MapArtifactStore store(String label) {
    return new MapArtifactStore(label, CONTEXT.clock());
  }

  /**
   * A registry over a fresh class loader whose only services file for {@code spi} lists exactly the
   * given classes. The classes themselves come from the test class path (the parent).
   */
  private PluginRegistry registryListing(Class<?> spi, String... classNames) {
    Path root = tempDir.resolve("cp-" + loaders.size());
    Path services = root.resolve("META-INF/services/" + spi.getName());
    try {
      Files.createDirectories(services.getParent());
      Files.writeString(
          services,
          "# written by PluginRegistryTest\n"
              + Arrays.stream(classNames).collect(Collectors.joining("\n", "", "\n")),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    URLClassLoader loader = new OwnServicesOnlyLoader(url(root), getClass().getClassLoader());
    loaders.add(loader);
    return PluginRegistry.forClassLoader(loader);
  }

  private static URL url(Path root) {
    try {
      return root.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads classes parent-first, but lists resources only from its own folder, so that services
   * files on the test class path (e.g. udb-core's built-ins) do not leak into a scenario.
   */
  private static final class OwnServicesOnlyLoader extends URLClassLoader {
    OwnServicesOnlyLoader(URL root, ClassLoader parent) {
      super(new URL[] {root}, parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return findResources(name);
    }
  }

  /** An explicitly registered factory that counts its create() calls and keeps what it made. */
  private static final class CountingFactory implements ArtifactStoreFactory {
    private final String name;
    private final int priority;
    final AtomicInteger calls = new AtomicInteger();
    final List<MapArtifactStore> created = new ArrayList<>();

    CountingFactory(String name, int priority) {
      this.name = name;
      this.priority = priority;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public ArtifactStore create(PluginContext context) {
      calls.incrementAndGet();
      MapArtifactStore store = new MapArtifactStore("counting-" + name, context.clock());
      created.add(store);
      return store;
    }
  }
}

package io.udb.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.config.Settings;
import io.udb.api.plugin.PluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreFactoryTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  @Test
  void isDiscoveredByServiceLoaderAsFilesystemWithBuiltInPriority() {
    List<ArtifactStoreFactory> found =
        ServiceLoader.load(ArtifactStoreFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(f -> f instanceof FileSystemArtifactStoreFactory)
            .toList();

    assertThat(found).hasSize(1);
    assertThat(found.get(0).name()).isEqualTo("filesystem");
    assertThat(found.get(0).priority()).isEqualTo(-100);
  }

  @Test
  void usesConfiguredRoot() throws IOException {
    Path configured = tmp.resolve("configured");
    PluginContext context =
        new PluginContext(
            Settings.of(Map.of("root", configured.toString())), tmp.resolve("storage"), CLOCK);

    try (ArtifactStore store = new FileSystemArtifactStoreFactory().create(context)) {
      assertThat(((FileSystemArtifactStore) store).root()).isEqualTo(configured.toRealPath());
    }
    assertThat(tmp.resolve("storage")).doesNotExist();
  }

  @Test
  void defaultsToArtifactsBelowStorageRoot() throws IOException {
    PluginContext context = new PluginContext(Settings.empty(), tmp.resolve("storage"), CLOCK);

    try (ArtifactStore store = new FileSystemArtifactStoreFactory().create(context)) {
      assertThat(((FileSystemArtifactStore) store).root())
          .isEqualTo(tmp.resolve("storage").resolve("artifacts").toRealPath());
    }
  }

  @Test
  void refusesMissingRootAndStorageRoot() {
    PluginContext context = new PluginContext(Settings.empty(), null, CLOCK);

    assertThatThrownBy(() -> new FileSystemArtifactStoreFactory().create(context))
        .isInstanceOf(ConfigurationException.class)
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }

  @Test
  void refusesRootThatIsAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
    PluginContext context =
        new PluginContext(Settings.of(Map.of("root", file.toString())), null, CLOCK);

    assertThatThrownBy(() -> new FileSystemArtifactStoreFactory().create(context))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'root'")
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }
}

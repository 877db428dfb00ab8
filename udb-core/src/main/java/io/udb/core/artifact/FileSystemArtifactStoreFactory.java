package io.udb.core.artifact;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.plugin.PluginContext;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates the built-in {@code filesystem} {@link ArtifactStore}. Setting {@code root}: the folder
 * for all artifacts; default {@code <storageRoot>/artifacts}.
 */
public final class FileSystemArtifactStoreFactory implements ArtifactStoreFactory {
  /** The name that selects this store. */
  public static final String NAME = "filesystem";

  /** The setting naming the root folder. */
  public static final String ROOT = "root";

  /** Creates the factory; it does nothing until {@link #create(PluginContext)}. */
  public FileSystemArtifactStoreFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  /**
   * Creates the store below the configured or default root.
   *
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} when neither {@code root}
   *     nor a storage root is given, or the root is not a usable folder
   */
  @Override
  public ArtifactStore create(PluginContext context) {
    Path root = root(context);
    try {
      return new FileSystemArtifactStore(root, context.clock());
    } catch (UdbException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '" + ROOT + "' names a folder that cannot be used: " + e.getMessage(),
          e);
    }
  }

  private static Path root(PluginContext context) {
    Optional<String> configured = context.settings().raw(ROOT).filter(v -> !v.isBlank());
    if (configured.isPresent()) {
      try {
        return Path.of(configured.get().strip());
      } catch (InvalidPathException e) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting '" + ROOT + "' is not a valid path: " + e.getReason(),
            e);
      }
    }
    if (context.storageRoot() == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The filesystem artifact store needs a folder: set '"
              + ROOT
              + "' or give the DataBox a storage root");
    }
    return context.storageRoot().resolve("artifacts");
  }
}

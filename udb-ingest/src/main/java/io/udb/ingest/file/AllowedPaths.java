package io.udb.ingest.file;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.connector.ConnectorConfig;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves a connection's {@code path} (a file or a glob) inside the deployment's allowed folder,
 * and nowhere else: {@code ..} segments are refused outright, and every file found must still be
 * inside the folder once symbolic links are followed. Tenants never name arbitrary paths.
 */
final class AllowedPaths {
  /** The most files one path may match. */
  static final int MAX_FILES = 1000;

  /** The placeholder in an allowed folder that stands for the connection's tenant. */
  static final String TENANT_PLACEHOLDER = "{tenant}";

  private AllowedPaths() {}

  /**
   * The allowed folder of one connection: the configured folder with {@value #TENANT_PLACEHOLDER}
   * replaced by the connection's tenant (tenant ids are {@code [a-z0-9_-]}, so no path tricks).
   *
   * @param configured the configured folder, or {@code null}
   * @param config the connection's configuration
   * @param settingName the setting, for messages
   * @return the folder, or {@code null} when none is configured
   * @throws ConfigurationException when the folder names the tenant and the configuration has none
   */
  static Path forTenant(Path configured, ConnectorConfig config, String settingName) {
    if (configured == null || !configured.toString().contains(TENANT_PLACEHOLDER)) {
      return configured;
    }
    TenantId tenant =
        config
            .tenant()
            .orElseThrow(
                () ->
                    invalid(
                        settingName
                            + " names "
                            + TENANT_PLACEHOLDER
                            + " but the connection has no tenant"));
    return Path.of(configured.toString().replace(TENANT_PLACEHOLDER, tenant.value()));
  }

  /**
   * The regular files a path names.
   *
   * @param base the allowed folder, or {@code null} when none is configured
   * @param pattern a path relative to the folder, optionally with glob characters ({@code *},
   *     {@code ?}, {@code [..]}, <code>{a,b}</code>, {@code **})
   * @param settingName the setting that configures {@code base}, for messages
   * @return the files, sorted
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} when no folder is
   *     configured, the path leaves it, or nothing matches
   */
  static List<Path> resolve(Path base, String pattern, String settingName) {
    if (base == null) {
      throw invalid(
          "No folder is allowed for file connections; set " + settingName + " in the deployment");
    }
    if (pattern == null || pattern.isBlank() || pattern.indexOf('\0') >= 0) {
      throw invalid("Setting 'path' must name a file or a glob inside the allowed folder");
    }
    Path root = realBase(base);
    String relative = pattern.replace('\\', '/');
    if (relative.startsWith("/")) {
      Path absolute = path(relative).normalize();
      if (!absolute.startsWith(root) && !absolute.startsWith(base.toAbsolutePath().normalize())) {
        throw outside(pattern);
      }
      relative =
          (absolute.startsWith(root) ? root : base.toAbsolutePath().normalize())
              .relativize(absolute)
              .toString();
    }
    List<String> segments = new ArrayList<>();
    for (String segment : relative.split("/")) {
      if (segment.equals("..")) {
        throw outside(pattern);
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    if (segments.isEmpty()) {
      throw invalid("Setting 'path' must name a file or a glob inside the allowed folder");
    }
    int firstGlob = 0;
    while (firstGlob < segments.size() && !isGlob(segments.get(firstGlob))) {
      firstGlob++;
    }
    Path fixed = root;
    for (String segment : segments.subList(0, firstGlob)) {
      fixed = fixed.resolve(path(segment));
    }
    if (firstGlob == segments.size()) {
      Path file = inside(root, fixed, pattern);
      if (!Files.isRegularFile(file)) {
        throw invalid("No file '" + pattern + "' in the allowed folder");
      }
      return List.of(file);
    }
    return walk(
        root, fixed, String.join("/", segments.subList(firstGlob, segments.size())), pattern);
  }

  private static List<Path> walk(Path root, Path dir, String glob, String pattern) {
    if (!Files.isDirectory(dir)) {
      throw invalid("No file matches '" + pattern + "' in the allowed folder");
    }
    Path start = inside(root, dir, pattern);
    PathMatcher matcher;
    try {
      matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (IllegalArgumentException e) {
      throw invalid("Setting 'path' is not a valid glob: " + e.getMessage());
    }
    int depth = glob.contains("**") ? Integer.MAX_VALUE : glob.split("/").length;
    List<Path> files = new ArrayList<>();
    try (Stream<Path> found = Files.walk(start, depth)) {
      for (Path file : (Iterable<Path>) found::iterator) {
        if (Files.isRegularFile(file) && matcher.matches(start.relativize(file))) {
          files.add(inside(root, file, pattern));
          if (files.size() > MAX_FILES) {
            throw invalid("'" + pattern + "' matches more than " + MAX_FILES + " files");
          }
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw invalid("The files of '" + pattern + "' cannot be listed: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw invalid("No file matches '" + pattern + "' in the allowed folder");
    }
    files.sort(null);
    return files;
  }

  /** The real path of a file, which must be inside the real allowed folder. */
  private static Path inside(Path root, Path file, String pattern) {
    if (!file.normalize().startsWith(root)) {
      throw outside(pattern);
    }
    if (!Files.exists(file)) {
      return file;
    }
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(root)) {
        throw outside(pattern);
      }
      return real;
    } catch (IOException e) {
      throw invalid("Cannot read '" + pattern + "': " + e.getMessage());
    }
  }

  private static Path realBase(Path base) {
    try {
      return base.toRealPath();
    } catch (IOException e) {
      throw invalid("The allowed folder for file connections does not exist");
    }
  }

  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw invalid("Setting 'path' is not a valid path: " + e.getReason());
    }
  }

  private static boolean isGlob(String segment) {
    return segment.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static ConfigurationException outside(String pattern) {
    return invalid(
        "Setting 'path' ('" + pattern + "') leads outside the folder allowed for file connections");
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }
}

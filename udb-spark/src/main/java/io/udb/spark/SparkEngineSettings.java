package io.udb.spark;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the Spark engine builds its {@code SparkSession} when the host does not supply one.
 *
 * @param master the master URL: {@code local[*]}, {@code local[2]}, {@code spark://host:7077},
 *     {@code yarn}, {@code k8s://https://host:443}
 * @param appName the application name shown by the cluster
 * @param namespacePrefix the prefix of every tenant's Spark database, e.g. {@code udb_}
 * @param conf extra Spark configuration, applied last (e.g. {@code spark.executor.memory})
 */
public record SparkEngineSettings(
    String master, String appName, String namespacePrefix, Map<String, String> conf) {

  /** The default master: local mode on every core. */
  public static final String DEFAULT_MASTER = "local[*]";

  /** The default tenant namespace prefix. */
  public static final String DEFAULT_NAMESPACE_PREFIX = "udb_";

  /** Validates and copies. */
  public SparkEngineSettings {
    Objects.requireNonNull(master, "master");
    Objects.requireNonNull(appName, "appName");
    Objects.requireNonNull(namespacePrefix, "namespacePrefix");
    if (master.isBlank()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting 'master' must be a Spark master URL such as local[*] or spark://host:7077");
    }
    if (!namespacePrefix.matches("[a-z][a-z0-9_]{0,31}")) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting 'namespace-prefix' must be 1-32 characters of a-z, 0-9 and '_' starting with a"
              + " letter; got '"
              + namespacePrefix
              + "'");
    }
    conf = Map.copyOf(new LinkedHashMap<>(conf));
  }

  /** Local mode on every core, default names, no extra configuration. */
  public static SparkEngineSettings defaults() {
    return new SparkEngineSettings(DEFAULT_MASTER, "udb", DEFAULT_NAMESPACE_PREFIX, Map.of());
  }

  /**
   * Reads the settings of the {@code spark} engine plugin: {@code master}, {@code app-name}, {@code
   * namespace-prefix}, and every {@code conf.<spark key>} as extra Spark configuration.
   *
   * @param settings the plugin's settings
   * @return the engine settings
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} naming a bad setting
   */
  public static SparkEngineSettings from(Settings settings) {
    Map<String, String> conf = new LinkedHashMap<>();
    for (String key : settings.keys()) {
      if (key.startsWith("conf.") && key.length() > "conf.".length()) {
        conf.put(key.substring("conf.".length()), settings.getString(key, ""));
      }
    }
    return new SparkEngineSettings(
        settings.getString("master", DEFAULT_MASTER).trim(),
        settings.getString("app-name", "udb").trim(),
        settings.getString("namespace-prefix", DEFAULT_NAMESPACE_PREFIX).trim(),
        conf);
  }
}

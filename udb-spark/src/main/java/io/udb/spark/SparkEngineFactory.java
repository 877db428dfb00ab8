package io.udb.spark;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.AnalyticsEngineFactory;
import io.udb.api.engine.TableRef;
import io.udb.api.plugin.PluginContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code spark} engine plugin: starts a {@link SparkEngine} from its settings ({@code master},
 * {@code app-name}, {@code namespace-prefix}, {@code conf.<spark key>}; see {@link
 * SparkEngineSettings#from}) and registers the datasets the settings declare: {@code
 * datasets.<tenant>.<table>.path} (required), {@code datasets.<tenant>.<table>.format} (default
 * {@code parquet}; {@code table} for a catalog table named by {@code path}) and {@code
 * datasets.<tenant>.<table>.option.<name>} (reader options).
 */
public final class SparkEngineFactory implements AnalyticsEngineFactory {
  private static final String DATASETS = "datasets.";

  /** Creates the factory; cheap and free of side effects. */
  public SparkEngineFactory() {}

  @Override
  public String name() {
    return SparkEngine.NAME;
  }

  /**
   * Starts the engine and registers the configured datasets.
   *
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} naming a malformed or
   *     unreadable dataset setting; the engine is closed again
   */
  @Override
  public AnalyticsEngine create(PluginContext context) {
    Map<String, Map<String, String>> datasets = datasets(context.settings());
    SparkEngine engine = SparkEngine.start(SparkEngineSettings.from(context.settings()));
    try {
      for (Map.Entry<String, Map<String, String>> entry : datasets.entrySet()) {
        register(engine, entry.getKey(), entry.getValue());
      }
      return engine;
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  /** The dataset settings grouped by {@code <tenant>.<table>}, in key order. */
  private static Map<String, Map<String, String>> datasets(Settings settings) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (String key : settings.keys()) {
      if (!key.startsWith(DATASETS)) {
        continue;
      }
      String[] parts = key.substring(DATASETS.length()).split("\\.", 3);
      if (parts.length < 3 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting '"
                + key
                + "' must be datasets.<tenant>.<table>.path, .format or .option.<name>");
      }
      out.computeIfAbsent(parts[0] + "." + parts[1], k -> new LinkedHashMap<>())
          .put(parts[2], settings.getString(key, ""));
    }
    return out;
  }

  private static void register(
      SparkEngine engine, String tenantAndTable, Map<String, String> values) {
    String prefix = DATASETS + tenantAndTable + ".";
    String path = values.get("path");
    if (path == null || path.isBlank()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Setting '" + prefix + "path' is required");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (Map.Entry<String, String> value : values.entrySet()) {
      String name = value.getKey();
      if (name.startsWith("option.")) {
        options.put(name.substring("option.".length()), value.getValue());
      } else if (!name.equals("path") && !name.equals("format")) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Unknown setting '" + prefix + name + "'; use path, format or option.<name>");
      }
    }
    int dot = tenantAndTable.indexOf('.');
    try {
      engine.register(
          TenantId.of(tenantAndTable.substring(0, dot)),
          TableRef.of(tenantAndTable.substring(dot + 1)),
          new SparkDataset(values.getOrDefault("format", "parquet"), path.trim(), options));
    } catch (UdbException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Settings '" + prefix + "*' do not describe a readable dataset: " + e.getMessage(),
          e);
    }
  }
}

package io.udb.exampleplugin;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.event.EventSink;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.plugin.PluginContext;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Registers the {@code cloudevents-file} sink ({@code
 * META-INF/services/io.udb.api.event.EventSinkFactory}). Settings, below {@code
 * event-sink.cloudevents-file.}:
 *
 * <ul>
 *   <li>{@code path}: the file; relative paths are below the DataBox's storage root (default {@code
 *       events/cloudevents.jsonl});
 *   <li>{@code types}: comma-separated event types to keep, e.g. {@code
 *       udb.analyze.completed,udb.analyze.failed} (default: all);
 *   <li>{@code fsync}: {@code true} to force every line to the disk (default {@code false}).
 * </ul>
 */
public final class CloudEventsFileSinkFactory implements EventSinkFactory {
  /** The name configuration selects this sink by. */
  public static final String NAME = "cloudevents-file";

  /** The file below the storage root when {@code path} is not set. */
  public static final String DEFAULT_PATH = "events/cloudevents.jsonl";

  private static final Set<String> KEYS = Set.of("path", "types", "fsync");

  /** Creates the factory; cheap and free of side effects, as ServiceLoader requires. */
  public CloudEventsFileSinkFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EventSink create(PluginContext context) {
    Settings settings = context.settings();
    for (String key : settings.keys()) {
      if (!KEYS.contains(key)) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Unknown setting '" + key + "' of the cloudevents-file sink; known: " + KEYS);
      }
    }
    String raw = settings.getString("path", DEFAULT_PATH);
    Path path;
    try {
      path = Path.of(raw);
    } catch (InvalidPathException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Setting 'path' has value '" + raw + "'; not a file path", e);
    }
    if (!path.isAbsolute()) {
      if (context.storageRoot() == null) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting 'path' is relative ('"
                + raw
                + "') but the DataBox has no storage root;"
                + " give an absolute path");
      }
      path = context.storageRoot().resolve(path);
    }
    Set<String> types = new HashSet<>(settings.getList("types"));
    return new CloudEventsFileSink(path, types, settings.getBoolean("fsync", false));
  }
}

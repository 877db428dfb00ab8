package io.udb.core.event;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.event.EventSink;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.plugin.PluginContext;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The built-in {@code logging} sink: {@link LoggingEventSink}. Setting {@code level}: {@code info}
 * (default) or {@code debug}.
 */
public final class LoggingEventSinkFactory implements EventSinkFactory {
  /** The name configuration selects this sink by. */
  public static final String NAME = "logging";

  /** Creates the factory. */
  public LoggingEventSinkFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public EventSink create(PluginContext context) {
    String raw = context.settings().getString("level", "info");
    Level level =
        switch (raw.trim().toLowerCase(Locale.ROOT)) {
          case "info" -> Level.INFO;
          case "debug" -> Level.DEBUG;
          default ->
              throw new ConfigurationException(
                  ErrorCode.CONFIG_INVALID,
                  "Setting 'level' has value '" + raw + "'; expected info or debug");
        };
    return new LoggingEventSink(level);
  }
}

package io.udb.core.event;

import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes each event as one line of CloudEvents JSON to the SLF4J logger {@value #LOGGER_NAME}, so
 * that a log shipper can forward events without a broker. Thread-safe.
 */
public final class LoggingEventSink implements EventSink {
  /** The logger events are written to. */
  public static final String LOGGER_NAME = "udb.events";

  private final Logger logger;
  private final Level level;

  /**
   * A sink logging at the given level.
   *
   * @param level {@link Level#INFO} or {@link Level#DEBUG}
   * @throws IllegalArgumentException for any other level
   */
  public LoggingEventSink(Level level) {
    Objects.requireNonNull(level, "level");
    if (level != Level.INFO && level != Level.DEBUG) {
      throw new IllegalArgumentException("Events are logged at INFO or DEBUG, not " + level);
    }
    this.level = level;
    this.logger = LoggerFactory.getLogger(LOGGER_NAME);
  }

  /** The level events are logged at. */
  public Level level() {
    return level;
  }

  @Override
  public void publish(EventEnvelope event) {
    // Encoding costs more than the check; skip it when the line would be discarded.
    if (logger.isEnabledForLevel(level)) {
      logger.atLevel(level).log("{}", CloudEventJson.encode(event));
    }
  }
}

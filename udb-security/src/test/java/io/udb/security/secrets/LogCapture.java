package io.udb.security.secrets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Records every log event of a logger and its children at all levels while open. */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level previous;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture(String loggerName) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    this.previous = logger.getLevel();
    logger.setLevel(Level.TRACE);
    appender.start();
    logger.addAppender(appender);
  }

  /** The formatted messages, with the text of any attached throwable. */
  List<String> messages() {
    return appender.list.stream()
        .map(
            e ->
                e.getLevel()
                    + " "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                        ? ""
                        : " " + e.getThrowableProxy().getMessage()))
        .toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }
}

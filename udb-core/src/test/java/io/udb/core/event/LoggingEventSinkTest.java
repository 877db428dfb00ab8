package io.udb.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.api.plugin.PluginContext;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingEventSinkTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingEventSink.LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final TestEvents events = new TestEvents();
  private Level previousLevel;

  @BeforeEach
  void captureLog() {
    previousLevel = logger.getLevel();
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(appender);
    logger.setLevel(previousLevel);
  }

  private static LoggingEventSink create(Map<String, String> settings) {
    return (LoggingEventSink)
        new LoggingEventSinkFactory()
            .create(new PluginContext(Settings.of(settings), null, Clock.systemUTC()));
  }

  @Test
  void writesEachEventAsOneLineOfCloudEventsJsonAtInfo() {
    logger.setLevel(Level.INFO);
    EventEnvelope event = events.denied("sql.query\nwith a line break");

    create(Map.of()).publish(event);

    assertThat(appender.list).hasSize(1);
    ILoggingEvent line = appender.list.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getLoggerName()).isEqualTo("udb.events");
    assertThat(line.getFormattedMessage())
        .isEqualTo(CloudEventJson.encode(event))
        .doesNotContain("\n");
    assertThat(CloudEventJson.decode(line.getFormattedMessage())).isEqualTo(event);
  }

  @Test
  void debugLevelLogsOnlyWhenTheLoggerAllowsDebug() {
    LoggingEventSink sink = create(Map.of("level", "DEBUG"));

    logger.setLevel(Level.INFO);
    sink.publish(events.denied("first"));
    logger.setLevel(Level.DEBUG);
    sink.publish(events.denied("second"));

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.DEBUG);
              assertThat(line.getFormattedMessage()).contains("\"operation\":\"second\"");
            });
  }

  @Test
  void factoryIsTheLowPriorityBuiltInNamedLogging() {
    LoggingEventSinkFactory factory = new LoggingEventSinkFactory();

    assertThat(factory.name()).isEqualTo("logging");
    assertThat(factory.priority()).isEqualTo(-100);
    assertThat(create(Map.of()).level()).isEqualTo(org.slf4j.event.Level.INFO);
  }

  @Test
  void factoryRefusesAnotherLevel() {
    assertThatThrownBy(() -> create(Map.of("level", "warn")))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
        .hasMessageContaining("'level'")
        .hasMessageContaining("warn");
  }

  @Test
  void sinkRefusesALevelOtherThanInfoOrDebug() {
    assertThatThrownBy(() -> new LoggingEventSink(org.slf4j.event.Level.ERROR))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

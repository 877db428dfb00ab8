package io.udb.kafka;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.event.EventSink;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.plugin.PluginContext;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code kafka} event sink: {@link KafkaEventSink}, configured by {@link KafkaSinkSettings}
 * under {@code event-sink.kafka.}. Select it with {@code DataBox.builder().eventSinks(List.of(
 * "kafka"))}.
 */
public final class KafkaEventSinkFactory implements EventSinkFactory {
  /** The name configuration selects this sink by. */
  public static final String NAME = "kafka";

  /** Creates the factory; cheap, no side effects. */
  public KafkaEventSinkFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public EventSink create(PluginContext context) {
    KafkaSinkSettings settings = KafkaSinkSettings.from(context.settings());
    try {
      return new KafkaEventSink(settings);
    } catch (ConfigException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "A 'producer.*' setting of the Kafka event sink is invalid: " + e.getMessage(),
          e);
    } catch (KafkaException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The Kafka event sink cannot create its producer for "
              + settings.bootstrapServers()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}

package io.udb.core.event;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.event.EventSink;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.plugin.PluginContext;

/**
 * The built-in {@code memory} sink: {@link InMemoryEventSink}. Setting {@code capacity}: the most
 * events held, at least 1, default {@value InMemoryEventSink#DEFAULT_CAPACITY}.
 */
public final class InMemoryEventSinkFactory implements EventSinkFactory {
  /** The name configuration selects this sink by. */
  public static final String NAME = "memory";

  /** Creates the factory. */
  public InMemoryEventSinkFactory() {}

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
    int capacity = context.settings().getInt("capacity", InMemoryEventSink.DEFAULT_CAPACITY);
    if (capacity < 1) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting 'capacity' has value '" + capacity + "'; expected a number of at least 1");
    }
    return new InMemoryEventSink(capacity);
  }
}

package io.udb.core.plugin.testplugins;

import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.plugin.PluginContext;
import java.util.ArrayList;
import java.util.List;

/** An event sink factory named {@code recording}, for SPIs other than artifact stores. */
public final class RecordingSinkFactory implements EventSinkFactory {
  @Override
  public String name() {
    return "recording";
  }

  @Override
  public EventSink create(PluginContext context) {
    List<EventEnvelope> events = new ArrayList<>();
    return events::add;
  }
}

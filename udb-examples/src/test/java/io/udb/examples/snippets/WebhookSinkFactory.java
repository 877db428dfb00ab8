package io.udb.examples.snippets;

import io.udb.api.event.EventSink;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.plugin.PluginContext;
import java.net.URI;
import java.time.Duration;

// docs/plugins.md: a plugin factory.
// spotless:off
// snippet:begin WebhookSinkFactory
public final class WebhookSinkFactory implements EventSinkFactory {
  public String name() { return "webhook"; }
  public EventSink create(PluginContext context) {
    URI target = URI.create(context.settings().requireString("url"));
    Duration timeout = context.settings().getDuration("timeout", Duration.ofSeconds(5));
    return new WebhookSink(target, timeout);
  }
}
// snippet:end
// spotless:on

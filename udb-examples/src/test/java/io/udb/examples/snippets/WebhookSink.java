package io.udb.examples.snippets;

import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import io.udb.core.event.CloudEventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The sink of the docs/plugins.md example: POSTs each event as CloudEvents JSON, without waiting.
 */
final class WebhookSink implements EventSink {
  private final URI target;
  private final Duration timeout;
  private final HttpClient client;

  WebhookSink(URI target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void publish(EventEnvelope event) {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .header("Content-Type", CloudEventJson.MEDIA_TYPE)
            .POST(HttpRequest.BodyPublishers.ofString(CloudEventJson.encode(event)))
            .build();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
  }
}

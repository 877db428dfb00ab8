package io.udb.core.job;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every ended span and lets a test wait until a given span has ended, which an exporter alone
 * cannot signal. Thread-safe.
 */
final class SpanRecorder implements SpanProcessor {
  private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("udb.job.id");

  private final List<SpanData> ended = new ArrayList<>();

  private SpanRecorder() {}

  /** A recorder and the SDK that feeds it. */
  static Sdk create() {
    SpanRecorder recorder = new SpanRecorder();
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(recorder).build();
    return new Sdk(
        recorder, provider, OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  }

  /** The recorder with the OpenTelemetry instance to hand to a DataBox. */
  record Sdk(SpanRecorder spans, SdkTracerProvider provider, OpenTelemetry openTelemetry)
      implements AutoCloseable {
    @Override
    public void close() {
      provider.close();
    }
  }

  /**
   * Waits until a span of the given name and job has ended.
   *
   * @return whether it ended within the timeout
   */
  synchronized boolean awaitEnded(String name, String jobId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ended.stream()
        .noneMatch(s -> s.getName().equals(name) && jobId.equals(s.getAttributes().get(JOB_ID)))) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public synchronized void onEnd(ReadableSpan span) {
    ended.add(span.toSpanData());
    notifyAll();
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }
}

package io.udb.core.observe;

import java.time.Duration;

/** Records nothing: the default when the host gives no registry. */
enum NoopMetrics implements UdbMetrics {
  INSTANCE;

  @Override
  public void count(String name, double amount, String... tags) {}

  @Override
  public void time(String name, Duration duration, String... tags) {}

  @Override
  public void record(String name, double value, String... tags) {}
}

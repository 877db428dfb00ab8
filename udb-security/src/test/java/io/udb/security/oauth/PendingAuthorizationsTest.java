package io.udb.security.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PendingAuthorizationsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final PendingAuthorizations store =
      new PendingAuthorizations(clock, Duration.ofMinutes(10), 100);

  private PendingAuthorization pending() {
    return new PendingAuthorization(
        TenantId.of("t1"),
        "alice",
        "acme",
        NimbusOAuthClient.newCodeVerifier(),
        URI.create("https://app.example.com/cb"),
        clock.instant(),
        clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void takeReturnsTheRecordOnceThenTheConsumedMarker() {
    PendingAuthorization pending = pending();
    store.put("s1", pending);

    assertThat(store.take("s1")).isEqualTo(pending);
    assertThat(store.take("s1")).isInstanceOf(PendingAuthorizations.Consumed.class);
    assertThat(store.take("never-issued")).isNull();
  }

  @Test
  void onlyOneOfManyConcurrentTakersGetsTheRecord() throws Exception {
    store.put("s1", pending());
    int takers = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(takers);
    try {
      List<Future<PendingAuthorizations.Slot>> results = new ArrayList<>();
      for (int i = 0; i < takers; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.take("s1");
                }));
      }
      go.countDown();
      int winners = 0;
      for (Future<PendingAuthorizations.Slot> result : results) {
        if (result.get() instanceof PendingAuthorization) {
          winners++;
        }
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void keepsExpiredStatesForTwiceTheTtlThenForgetsThem() {
    PendingAuthorization pending = pending();
    store.put("s1", pending);

    clock.advance(Duration.ofMinutes(15));
    assertThat(store.take("s1")).isEqualTo(pending);

    store.put("s2", pending());
    clock.advance(Duration.ofMinutes(21));
    assertThat(store.take("s2")).isNull();
  }

  @Test
  void aCodeIsPresentedOncePerProvider() {
    assertThat(store.firstPresentation("acme", "code-1")).isTrue();
    assertThat(store.firstPresentation("acme", "code-1")).isFalse();
    assertThat(store.firstPresentation("other", "code-1")).isTrue();
    assertThat(store.firstPresentation("acme", "code-2")).isTrue();
  }
}

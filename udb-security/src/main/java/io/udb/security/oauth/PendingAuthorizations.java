package io.udb.security.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-memory store of pending authorizations, keyed by {@code state}. Taking a state replaces it
 * with a {@link Consumed} marker in one atomic step, so exactly one caller ever gets the record and
 * a second presentation is recognisably a replay. Entries (pending or consumed) are kept for twice
 * the time to live, so that an expired or replayed state can be told from an unknown one; validity
 * itself is decided by {@link PendingAuthorization#expiresAt()}.
 */
final class PendingAuthorizations {

  /** What a state maps to. */
  sealed interface Slot permits PendingAuthorization, Consumed {}

  /**
   * A state that was already presented.
   *
   * @param at when
   */
  record Consumed(Instant at) implements Slot {}

  private final ConcurrentMap<String, Slot> slots;
  private final ConcurrentMap<String, Boolean> presentedCodes;
  private final Clock clock;

  PendingAuthorizations(Clock clock, Duration ttl, int maxSize) {
    this.clock = clock;
    Ticker ticker =
        () -> {
          Instant now = clock.instant();
          return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    Cache<String, Slot> cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(ttl.multipliedBy(2))
            .maximumSize(maxSize)
            .build();
    this.slots = cache.asMap();
    Cache<String, Boolean> codes =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(ttl.multipliedBy(2))
            .maximumSize(maxSize)
            .build();
    this.presentedCodes = codes.asMap();
  }

  /** Stores (or, in tests, replaces) the pending authorization of a state. */
  void put(String state, PendingAuthorization pending) {
    slots.put(state, pending);
  }

  /**
   * Takes a state: returns its pending authorization and marks it consumed, or returns the {@link
   * Consumed} marker of a state already taken, or {@code null} for a state never issued (or long
   * forgotten).
   */
  Slot take(String state) {
    while (true) {
      Slot slot = slots.get(state);
      if (slot == null || slot instanceof Consumed) {
        return slot;
      }
      if (slots.replace(state, slot, new Consumed(clock.instant()))) {
        return slot;
      }
      // Another caller took it between get and replace; the next read sees its marker.
    }
  }

  /**
   * Records that a provider's authorization code is presented, atomically.
   *
   * @return true the first time, false when the same code was presented before
   */
  boolean firstPresentation(String provider, String code) {
    return presentedCodes.putIfAbsent(provider + '\n' + sha256(code), Boolean.TRUE) == null;
  }

  private static String sha256(String value) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}

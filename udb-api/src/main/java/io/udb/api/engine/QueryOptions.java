package io.udb.api.engine;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Limits for one user query. Each is capped by the engine's own configured maximum.
 *
 * @param maxRows the most rows to return; more rows make the result {@code truncated}
 * @param timeout the longest the query may run before it is cancelled
 * @param allowedTables the only tables the query may read (lower-cased names), or {@code null} for
 *     every table of the tenant; the engine checks the tables of the parsed statement against it
 */
public record QueryOptions(int maxRows, Duration timeout, Set<String> allowedTables) {
  /**
   * Validates the limits.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a negative row cap or a
   *     timeout that is not positive
   */
  public QueryOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (maxRows < 0) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "maxRows must not be negative");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "timeout must be positive");
    }
    if (allowedTables != null) {
      allowedTables =
          allowedTables.stream()
              .map(t -> t.toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
    }
  }

  /**
   * Options without a table restriction.
   *
   * @param maxRows the row cap
   * @param timeout the timeout
   */
  public QueryOptions(int maxRows, Duration timeout) {
    this(maxRows, timeout, null);
  }

  /**
   * Options with the given row cap and the engine's default timeout.
   *
   * @param maxRows the row cap
   * @return the options
   */
  public static QueryOptions maxRows(int maxRows) {
    return new QueryOptions(maxRows, Duration.ofDays(1));
  }

  /** No caller-side limits: the engine's configured limits apply. */
  public static QueryOptions defaults() {
    return new QueryOptions(Integer.MAX_VALUE, Duration.ofDays(1));
  }

  /**
   * A copy that may read only the given tables.
   *
   * @param tables the allowed table names
   * @return the options
   */
  public QueryOptions restrictedTo(Set<String> tables) {
    return new QueryOptions(maxRows, timeout, Objects.requireNonNull(tables, "tables"));
  }
}

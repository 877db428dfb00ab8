package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a drift run against a baseline replaces that baseline by the current table: after {@code
 * everyRuns} runs against the same version, or once the version is older than {@code olderThan},
 * whichever comes first. The new version is saved after the run (which is still judged against the
 * old one); at most {@code keepVersions} versions are kept, the oldest pruned.
 *
 * @param everyRuns refresh after this many runs against a version; 0 for never
 * @param olderThan refresh a version older than this; null for never
 * @param keepVersions versions to keep per dataset, at least 1
 */
public record RefreshPolicy(int everyRuns, Duration olderThan, int keepVersions) {
  /** Versions kept unless the policy says otherwise. */
  public static final int DEFAULT_KEEP_VERSIONS = 10;

  /** Validates the policy. */
  public RefreshPolicy {
    if (everyRuns < 0) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "everyRuns must be 0 (never) or more");
    }
    if (olderThan != null && (olderThan.isNegative() || olderThan.isZero())) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "olderThan must be a positive duration");
    }
    if (keepVersions < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "keepVersions must be at least 1");
    }
  }

  /** Never refresh. */
  public static RefreshPolicy none() {
    return new RefreshPolicy(0, null, DEFAULT_KEEP_VERSIONS);
  }

  /**
   * Refresh after {@code runs} runs against the same version.
   *
   * @param runs at least 1
   * @return the policy
   */
  public static RefreshPolicy everyRuns(int runs) {
    if (runs < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "everyRuns must be at least 1");
    }
    return new RefreshPolicy(runs, null, DEFAULT_KEEP_VERSIONS);
  }

  /**
   * Refresh a version once it is older than {@code age}.
   *
   * @param age a positive duration
   * @return the policy
   */
  public static RefreshPolicy olderThan(Duration age) {
    return new RefreshPolicy(0, age, DEFAULT_KEEP_VERSIONS);
  }

  /** This policy keeping {@code versions} versions. */
  public RefreshPolicy withKeepVersions(int versions) {
    return new RefreshPolicy(everyRuns, olderThan, versions);
  }

  /**
   * Whether a version is due for refresh.
   *
   * @param runs runs against it so far, this one included
   * @param createdAt when it was saved
   * @param now the current time
   * @return true when either limit is reached
   */
  public boolean due(long runs, Instant createdAt, Instant now) {
    boolean byRuns = everyRuns > 0 && runs >= everyRuns;
    boolean byAge = olderThan != null && !createdAt.plus(olderThan).isAfter(now);
    return byRuns || byAge;
  }

  /** The policy as JSON ({@code olderThan} as an ISO-8601 duration). */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("everyRuns", everyRuns);
    json.put("olderThan", olderThan == null ? null : olderThan.toString());
    json.put("keepVersions", keepVersions);
    return json;
  }

  /**
   * Reads {@code {"everyRuns"?, "olderThan"? (ISO-8601, e.g. P7D), "keepVersions"?}}.
   *
   * @param json the object
   * @return the policy
   */
  public static RefreshPolicy fromJson(Map<?, ?> json) {
    int every = json.get("everyRuns") == null ? 0 : (int) JsonNumbers.toLong(json.get("everyRuns"));
    Duration age = null;
    if (json.get("olderThan") != null) {
      try {
        age = Duration.parse(String.valueOf(json.get("olderThan")));
      } catch (DateTimeParseException e) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "olderThan must be an ISO-8601 duration such as P7D or PT12H",
            e);
      }
    }
    int keep =
        json.get("keepVersions") == null
            ? DEFAULT_KEEP_VERSIONS
            : (int) JsonNumbers.toLong(json.get("keepVersions"));
    return new RefreshPolicy(every, age, keep);
  }
}

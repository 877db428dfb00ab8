package io.udb.quality.profile;

/**
 * The meters a profile job records through {@link io.udb.core.observe.UdbMetrics}, beside the
 * core's {@code udb.jobs}, {@code udb.job.duration} and {@code udb.stage.duration}.
 */
public final class ProfileMetrics {
  /** Counter of profile jobs that ended; tag {@code status} ({@code succeeded}, {@code failed}). */
  public static final String RUNS = "udb.profile.runs";

  /** Distribution of the row counts of profiled tables. */
  public static final String ROWS = "udb.profile.rows";

  /** Counter of profiled cells (rows times columns), for metering; tag {@code tenant}. */
  public static final String CELLS = "udb.profile.cells";

  private ProfileMetrics() {}
}

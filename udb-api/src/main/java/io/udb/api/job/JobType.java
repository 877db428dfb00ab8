package io.udb.api.job;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The kind of work a job does, e.g. {@code ingest} or {@code analyze}. Open-ended so that plugins
 * can add their own; names are lower-case words used as metric tags.
 *
 * @param name the type's name
 */
public record JobType(String name) {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_.-]{0,39}");

  /** Ingest of a file or stream into a table. */
  public static final JobType INGEST = new JobType("ingest");

  /** Sync of a stored connection. */
  public static final JobType SYNC = new JobType("sync");

  /** Profiling of a table. */
  public static final JobType PROFILE = new JobType("profile");

  /** Data-quality checks. */
  public static final JobType QUALITY = new JobType("quality");

  /** Drift between two tables or a table and its baseline. */
  public static final JobType DRIFT = new JobType("drift");

  /** KPI computation. */
  public static final JobType KPI = new JobType("kpi");

  /** The whole analyze pipeline. */
  public static final JobType ANALYZE = new JobType("analyze");

  /** Retention and housekeeping. */
  public static final JobType MAINTENANCE = new JobType("maintenance");

  /**
   * Validates the name.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when it is not valid
   */
  public JobType {
    Objects.requireNonNull(name, "job type");
    if (!VALID.matcher(name).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Job type must be 1-40 characters of a-z, 0-9, '_', '.', '-', starting with a letter");
    }
  }

  /**
   * Parses a type.
   *
   * @param name the name
   * @return the type
   */
  public static JobType of(String name) {
    return new JobType(name);
  }

  @Override
  public String toString() {
    return name;
  }
}

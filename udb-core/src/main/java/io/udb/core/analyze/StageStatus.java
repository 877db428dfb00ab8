package io.udb.core.analyze;

import java.util.Locale;

/** How a stage of an analyze job ended. */
public enum StageStatus {
  /** It ran and did its work. */
  SUCCEEDED,
  /** It did not run: skipped by the request, or nothing to do. */
  SKIPPED,
  /** It failed, and with it the job. */
  FAILED,
  /** The job was cancelled while it ran. */
  CANCELLED;

  /** The lower-case name used in results, events and metric tags, e.g. {@code succeeded}. */
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

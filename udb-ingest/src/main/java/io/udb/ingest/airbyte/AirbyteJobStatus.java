package io.udb.ingest.airbyte;

import java.util.Locale;

/**
 * The status of an Airbyte job, as the Airbyte API v1 reports it ({@code JobStatusEnum}). {@code
 * incomplete} means an attempt failed and Airbyte will try again, so it is not final.
 */
public enum AirbyteJobStatus {
  /** Accepted, not started. */
  PENDING(false),
  /** Waiting for a worker. */
  QUEUED(false),
  /** Syncing. */
  RUNNING(false),
  /** An attempt failed; Airbyte retries. */
  INCOMPLETE(false),
  /** Failed for good. */
  FAILED(true),
  /** Done. */
  SUCCEEDED(true),
  /** Cancelled (by UDB or in Airbyte). */
  CANCELLED(true),
  /** A status this version does not know; treated as still running. */
  UNKNOWN(false);

  private final boolean terminal;

  AirbyteJobStatus(boolean terminal) {
    this.terminal = terminal;
  }

  /** Whether the job will not change any more. */
  public boolean terminal() {
    return terminal;
  }

  /** The API's spelling, e.g. {@code running}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the API's spelling.
   *
   * @param value e.g. {@code succeeded}
   * @return the status, {@link #UNKNOWN} for a value this version does not know
   */
  public static AirbyteJobStatus of(String value) {
    if (value == null) {
      return UNKNOWN;
    }
    String name = value.trim().toUpperCase(Locale.ROOT);
    for (AirbyteJobStatus status : values()) {
      if (status.name().equals(name) && status != UNKNOWN) {
        return status;
      }
    }
    return UNKNOWN;
  }
}

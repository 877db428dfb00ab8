package io.udb.api.job;

import io.udb.api.ErrorCode;
import java.util.Objects;

/**
 * Why a job failed.
 *
 * @param code the stable error code
 * @param message what went wrong, safe to show to the job's tenant
 * @param stage the pipeline stage that failed, or {@code null} when the job has no stages
 */
public record JobError(ErrorCode code, String message, String stage) {
  /** Validates the arguments. */
  public JobError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}

package io.udb.core.analyze;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Set;

/**
 * A stage's failure as the analyze job reports it: the stage's name in the message, the original
 * error's code when it says more than "something failed", {@link ErrorCode#ANALYZE_FAILED}
 * otherwise.
 *
 * <p>The original is attached as suppressed, not as the cause: the job manager blames the innermost
 * job stage whose failure is in the cause chain, and the stage to blame here is the pipeline's
 * ({@code profile}), not one of its own steps ({@code moments}).
 */
final class StageFailure extends UdbException {
  private static final long serialVersionUID = 1L;

  /** Codes that name no cause; a failure with one of them is reported as ANALYZE_FAILED. */
  private static final Set<ErrorCode> GENERIC =
      Set.of(ErrorCode.INTERNAL, ErrorCode.JOB_FAILED, ErrorCode.ANALYZE_FAILED);

  private final String stage;

  private StageFailure(ErrorCode code, String message, String stage) {
    super(code, message);
    this.stage = stage;
  }

  static StageFailure of(String stage, RuntimeException failure) {
    StageFailure wrapped;
    if (failure instanceof UdbException udb) {
      ErrorCode code = GENERIC.contains(udb.code()) ? ErrorCode.ANALYZE_FAILED : udb.code();
      wrapped = new StageFailure(code, "Stage " + stage + " failed: " + udb.getMessage(), stage);
    } else {
      wrapped =
          new StageFailure(
              ErrorCode.ANALYZE_FAILED,
              "Stage "
                  + stage
                  + " failed unexpectedly ("
                  + failure.getClass().getSimpleName()
                  + "); the server log has details under the job's correlation id",
              stage);
    }
    wrapped.addSuppressed(failure);
    return wrapped;
  }

  /** The pipeline stage that failed. */
  String stage() {
    return stage;
  }
}

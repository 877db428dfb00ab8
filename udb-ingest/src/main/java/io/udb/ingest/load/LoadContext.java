package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.job.JobContext;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a {@link TenantLoader} needs of the work it runs in: the tenant, the job (if any) for the
 * rejects and events, progress and cooperative cancellation. Used from the loader's thread only.
 */
public interface LoadContext {

  /** The tenant whose database is loaded. */
  TenantId tenant();

  /** The job the load runs in, recorded with rejects and events; empty outside a job. */
  Optional<String> jobId();

  /** The correlation id of events. */
  String correlationId();

  /**
   * Reports progress of the load.
   *
   * @param fraction between 0 and 1
   */
  void progress(double fraction);

  /** Whether cancellation was requested. */
  boolean isCancelled();

  /**
   * Throws {@link UdbException} with {@link ErrorCode#JOB_CANCELLED} when cancellation was
   * requested.
   */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new UdbException(ErrorCode.JOB_CANCELLED, "The load was cancelled");
    }
  }

  /**
   * The context of a job.
   *
   * @param job the running job
   * @return a context reporting to the job
   */
  static LoadContext of(JobContext job) {
    Objects.requireNonNull(job, "job");
    return new LoadContext() {
      @Override
      public TenantId tenant() {
        return job.tenant();
      }

      @Override
      public Optional<String> jobId() {
        return Optional.of(job.jobId().value());
      }

      @Override
      public String correlationId() {
        return job.correlationId();
      }

      @Override
      public void progress(double fraction) {
        job.progress(Math.max(0.0, Math.min(1.0, fraction)));
      }

      @Override
      public boolean isCancelled() {
        return job.isCancelled();
      }

      @Override
      public void throwIfCancelled() {
        job.throwIfCancelled();
      }
    };
  }

  /**
   * A context for a load outside any job (called synchronously): no progress, no cancellation.
   *
   * @param tenant the tenant
   * @return the context
   */
  static LoadContext direct(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    String correlationId = UUID.randomUUID().toString();
    return new LoadContext() {
      @Override
      public TenantId tenant() {
        return tenant;
      }

      @Override
      public Optional<String> jobId() {
        return Optional.empty();
      }

      @Override
      public String correlationId() {
        return correlationId;
      }

      @Override
      public void progress(double fraction) {
        // nobody follows a synchronous load
      }

      @Override
      public boolean isCancelled() {
        return false;
      }
    };
  }
}

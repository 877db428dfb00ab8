package io.udb.ingest.airbyte;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.job.JobContext;
import java.util.function.Supplier;

/**
 * A job context whose progress covers only a share of the job's: the destination read reports 0..1
 * and the job moves from {@code start} to {@code start + share}.
 */
final class ScaledJobContext implements JobContext {
  private final JobContext delegate;
  private final double start;
  private final double share;

  ScaledJobContext(JobContext delegate, double start, double share) {
    this.delegate = delegate;
    this.start = start;
    this.share = share;
  }

  @Override
  public JobId jobId() {
    return delegate.jobId();
  }

  @Override
  public TenantId tenant() {
    return delegate.tenant();
  }

  @Override
  public String correlationId() {
    return delegate.correlationId();
  }

  @Override
  public void progress(double fraction) {
    double clamped = Math.max(0.0, Math.min(1.0, fraction));
    delegate.progress(start + share * clamped);
  }

  @Override
  public <T> T stage(String name, Supplier<T> work) {
    return delegate.stage(name, work);
  }

  @Override
  public ArtifactInfo writeArtifact(String name, String contentType, byte[] content) {
    return delegate.writeArtifact(name, contentType, content);
  }

  @Override
  public boolean isCancelled() {
    return delegate.isCancelled();
  }

  @Override
  public void throwIfCancelled() {
    delegate.throwIfCancelled();
  }
}

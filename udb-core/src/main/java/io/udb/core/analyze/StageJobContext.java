package io.udb.core.analyze;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.job.JobContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * The analyze job as one stage (or one table of a stage) sees it: progress from 0 to 1 maps onto
 * the stage's share of the job, artifact names get the table's prefix when several tables are
 * analysed, and every artifact written is recorded for the stage's report. Everything else is the
 * job's own.
 */
final class StageJobContext implements JobContext {
  private final JobContext job;
  private final double from;
  private final double to;
  private final String prefix;
  private final List<ArtifactInfo> written;

  StageJobContext(
      JobContext job, double from, double to, String prefix, List<ArtifactInfo> written) {
    this.job = job;
    this.from = from;
    this.to = to;
    this.prefix = prefix;
    this.written = written;
  }

  /** A part of this context's range, with an artifact prefix. */
  StageJobContext part(double partFrom, double partTo, String partPrefix) {
    double width = to - from;
    return new StageJobContext(
        job, from + width * partFrom, from + width * partTo, partPrefix, written);
  }

  double from() {
    return from;
  }

  double to() {
    return to;
  }

  @Override
  public JobId jobId() {
    return job.jobId();
  }

  @Override
  public TenantId tenant() {
    return job.tenant();
  }

  @Override
  public String correlationId() {
    return job.correlationId();
  }

  @Override
  public void progress(double fraction) {
    double clamped = Double.isNaN(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
    job.progress(from + (to - from) * clamped);
  }

  @Override
  public <T> T stage(String name, Supplier<T> work) {
    return job.stage(name, work);
  }

  @Override
  public ArtifactInfo writeArtifact(String name, String contentType, byte[] content) {
    ArtifactInfo info = job.writeArtifact(prefix + name, contentType, content);
    written.add(info);
    return info;
  }

  @Override
  public boolean isCancelled() {
    return job.isCancelled();
  }

  @Override
  public void throwIfCancelled() {
    job.throwIfCancelled();
  }
}

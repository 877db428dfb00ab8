package io.udb.spring.web;

import io.udb.api.job.Job;
import io.udb.api.job.JobError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job JSON of the contract: {@code jobId, type, state, progress, createdAt, startedAt, ...}.
 */
final class JobJson {
  private JobJson() {}

  /**
   * The JSON form of a job.
   *
   * @param job the job
   * @param now the current time, for the duration of a running job
   * @return {@code {"jobId","type","state","progress","createdAt","startedAt","finishedAt",
   *     "durationMs","result","error"}}, timestamps in ISO-8601, {@code error} as {@code
   *     {"code","message","stage"}} or null
   */
  static Map<String, Object> of(Job job, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobId", job.id().value());
    out.put("type", job.type().name());
    out.put("state", job.state().name());
    out.put("progress", job.progress());
    out.put("createdAt", text(job.createdAt()));
    out.put("startedAt", text(job.startedAt()));
    out.put("finishedAt", text(job.finishedAt()));
    out.put("durationMs", job.duration(now).map(d -> d.toMillis()).orElse(null));
    out.put("result", job.result());
    JobError error = job.error();
    if (error == null) {
      out.put("error", null);
    } else {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("code", error.code().name());
      e.put("message", error.message());
      e.put("stage", error.stage());
      out.put("error", e);
    }
    return out;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}

package io.udb.api.connector;

import io.udb.api.job.JobContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to read in one sync.
 *
 * @param streams the streams to read; empty means all
 * @param mode full or incremental
 * @param state the cursor state saved by the previous sync, by stream
 * @param job the job the sync runs in, for progress and cancellation
 */
public record SyncRequest(
    List<String> streams, SyncMode mode, Map<String, String> state, JobContext job) {
  /** Validates and copies. */
  public SyncRequest {
    streams = List.copyOf(streams);
    Objects.requireNonNull(mode, "mode");
    state = Map.copyOf(state);
    Objects.requireNonNull(job, "job");
  }
}

package io.udb.api.connector;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one sync.
 *
 * @param loads one load result per stream read
 * @param state the cursor state to save for the next incremental sync, by stream
 */
public record SyncResult(List<LoadResult> loads, Map<String, String> state) {
  /** Copies. */
  public SyncResult {
    loads = List.copyOf(loads);
    state = Map.copyOf(state);
  }
}

package io.udb.quality.drift;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which baseline a drift run compared against, and what its refresh policy did.
 *
 * @param dataset the dataset
 * @param version the version compared against
 * @param createdAt when that version was saved
 * @param runs runs against that version so far, this one included
 * @param refreshedVersion the version saved from the current table after this run, or null
 */
public record BaselineUse(
    String dataset, int version, Instant createdAt, long runs, Integer refreshedVersion) {
  /** As JSON. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("dataset", dataset);
    json.put("version", version);
    json.put("createdAt", createdAt.toString());
    json.put("runs", runs);
    json.put("refreshedVersion", refreshedVersion);
    return json;
  }
}

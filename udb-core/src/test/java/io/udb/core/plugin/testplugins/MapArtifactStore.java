package io.udb.core.plugin.testplugins;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.artifact.ArtifactStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory artifact store for plugin tests; {@link #label()} tells which factory made it. */
public final class MapArtifactStore implements ArtifactStore {
  private record Key(TenantId tenant, JobId jobId) {}

  private record Stored(ArtifactInfo info, byte[] bytes) {}

  private final String label;
  private final Clock clock;
  private final Map<Key, Map<ArtifactName, Stored>> jobs = new LinkedHashMap<>();
  private boolean closed;

  /**
   * Creates an empty store.
   *
   * @param label which factory made it
   * @param clock the clock for creation times
   */
  public MapArtifactStore(String label, Clock clock) {
    this.label = label;
    this.clock = clock;
  }

  /** Which factory made this store. */
  public String label() {
    return label;
  }

  /** Whether {@link #close()} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public synchronized ArtifactInfo put(
      TenantId tenant, JobId jobId, ArtifactName name, String contentType, InputStream content) {
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Could not read artifact content", e);
    }
    ArtifactInfo info =
        new ArtifactInfo(name, contentType, bytes.length, sha256(bytes), clock.instant());
    jobs.computeIfAbsent(new Key(tenant, jobId), k -> new LinkedHashMap<>())
        .put(name, new Stored(info, bytes));
    return info;
  }

  @Override
  public synchronized Optional<InputStream> open(TenantId tenant, JobId jobId, ArtifactName name) {
    return Optional.ofNullable(jobs.getOrDefault(new Key(tenant, jobId), Map.of()).get(name))
        .map(stored -> new ByteArrayInputStream(stored.bytes()));
  }

  @Override
  public synchronized Optional<ArtifactManifest> manifest(TenantId tenant, JobId jobId) {
    Map<ArtifactName, Stored> job = jobs.get(new Key(tenant, jobId));
    if (job == null) {
      return Optional.empty();
    }
    List<ArtifactInfo> infos = new ArrayList<>();
    job.values().forEach(stored -> infos.add(stored.info()));
    return Optional.of(new ArtifactManifest(tenant, jobId, infos));
  }

  @Override
  public synchronized boolean delete(TenantId tenant, JobId jobId) {
    return jobs.remove(new Key(tenant, jobId)) != null;
  }

  @Override
  public synchronized int pruneOlderThan(Instant cutoff) {
    int before = jobs.size();
    jobs.values()
        .removeIf(
            job -> job.values().stream().allMatch(s -> s.info().createdAt().isBefore(cutoff)));
    return before - jobs.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}

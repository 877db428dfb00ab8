package io.udb.spring.autoconfigure;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.artifact.ArtifactStore;
import io.udb.core.DataBox;
import io.udb.core.security.CoreSecurityAudit;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that a {@link DataBox} can serve: a tenant database opens and answers, the artifact store
 * takes and removes a file, and the job store answers. The probes run in UDB's reserved system
 * tenant ({@code udb-system}), which no principal may claim, so they never show in a user's data.
 * Used by the Actuator health indicator, by readiness and by the HTTP API's {@code /udb/readyz}.
 *
 * <p>Thread-safe.
 */
public final class UdbHealthProbe {
  /** The tenant the probes run in. */
  public static final TenantId PROBE_TENANT = CoreSecurityAudit.SYSTEM_TENANT;

  private static final ArtifactName PROBE_ARTIFACT = ArtifactName.of("health-probe.txt");

  private final DataBox box;

  /**
   * A probe.
   *
   * @param box the box to check
   */
  public UdbHealthProbe(DataBox box) {
    this.box = Objects.requireNonNull(box, "box");
  }

  /**
   * Runs every check once.
   *
   * @return the outcome of each check
   */
  public Report check() {
    Map<String, Check> checks = new LinkedHashMap<>();
    checks.put("tenantDatabases", run(this::tenantDatabase));
    checks.put("artifactStore", run(this::artifactStore));
    checks.put("jobStore", run(this::jobStore));
    return new Report(Collections.unmodifiableMap(checks));
  }

  private String tenantDatabase() {
    box.query(PROBE_TENANT, "SELECT 1");
    return "opened " + box.engine().name() + " database of tenant " + PROBE_TENANT.value();
  }

  private String artifactStore() {
    ArtifactStore store = box.artifacts();
    JobId job = JobId.random();
    byte[] content = "ok".getBytes(StandardCharsets.US_ASCII);
    try {
      store.put(PROBE_TENANT, job, PROBE_ARTIFACT, "text/plain", new ByteArrayInputStream(content));
    } finally {
      store.delete(PROBE_TENANT, job);
    }
    return "wrote and deleted an artifact";
  }

  private String jobStore() {
    box.jobs().list(PROBE_TENANT, 1);
    return "listed jobs";
  }

  private static Check run(ProbeStep step) {
    try {
      return new Check(true, step.run());
    } catch (UdbException e) {
      return new Check(false, e.code() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return new Check(false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @FunctionalInterface
  private interface ProbeStep {
    String run();
  }

  /**
   * The outcome of one check.
   *
   * @param up whether it succeeded
   * @param detail what was done, or why it failed
   */
  public record Check(boolean up, String detail) {}

  /**
   * The outcome of every check.
   *
   * @param checks by name: {@code tenantDatabases}, {@code artifactStore}, {@code jobStore}
   */
  public record Report(Map<String, Check> checks) {
    /** Whether every check succeeded. */
    public boolean up() {
      return checks.values().stream().allMatch(Check::up);
    }
  }
}

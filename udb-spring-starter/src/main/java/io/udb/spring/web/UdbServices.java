package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.UdbException;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.analyze.AnalyzeService;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.file.FileIngestService;
import io.udb.kpi.service.KpiService;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.Profiler;
import io.udb.security.authz.Operation;
import io.udb.security.ratelimit.RateLimitKey;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The UDB beans the endpoints use, each looked up when a request needs it, so that an endpoint of
 * an absent module answers with an {@code UNAVAILABLE} problem naming what to add instead of
 * failing the application's start.
 */
public final class UdbServices {
  private final ObjectProvider<DataBox> box;
  private final ObjectProvider<FileIngestService> fileIngest;
  private final ObjectProvider<ConnectionService> connections;
  private final ObjectProvider<Profiler> profiler;
  private final ObjectProvider<QualityService> quality;
  private final ObjectProvider<DriftService> drift;
  private final ObjectProvider<KpiService> kpis;
  private final ObjectProvider<AnalyzeService> analyze;

  /**
   * The services.
   *
   * @param box the data box
   * @param fileIngest file uploads
   * @param connections connectors and connections
   * @param profiler profiling
   * @param quality data-quality checks
   * @param drift drift
   * @param kpis KPIs
   * @param analyze the analyze pipeline
   */
  public UdbServices(
      ObjectProvider<DataBox> box,
      ObjectProvider<FileIngestService> fileIngest,
      ObjectProvider<ConnectionService> connections,
      ObjectProvider<Profiler> profiler,
      ObjectProvider<QualityService> quality,
      ObjectProvider<DriftService> drift,
      ObjectProvider<KpiService> kpis,
      ObjectProvider<AnalyzeService> analyze) {
    this.box = box;
    this.fileIngest = fileIngest;
    this.connections = connections;
    this.profiler = profiler;
    this.quality = quality;
    this.drift = drift;
    this.kpis = kpis;
    this.analyze = analyze;
  }

  /** The data box, if the application has one. */
  public DataBox boxOrNull() {
    return box.getIfAvailable();
  }

  /** The data box. */
  public DataBox box() {
    return require(box, "the DataBox", "udb-spring-starter with udb.storage.* configured");
  }

  /** File ingest. */
  public FileIngestService fileIngest() {
    return require(fileIngest, "File ingest", "udb-ingest");
  }

  /** Connections. */
  public ConnectionService connections() {
    return require(connections, "Connectors", "udb-ingest");
  }

  /** Profiling. */
  public Profiler profiler() {
    return require(profiler, "Profiling", "udb-quality");
  }

  /** Data-quality checks. */
  public QualityService quality() {
    return require(quality, "Data-quality checks", "udb-quality");
  }

  /** Drift. */
  public DriftService drift() {
    return require(drift, "Drift", "udb-quality");
  }

  /** KPIs. */
  public KpiService kpis() {
    return require(kpis, "KPIs", "udb-kpi");
  }

  /** The analyze pipeline. */
  public AnalyzeService analyze() {
    return require(analyze, "The analyze pipeline", "an AnalyzeService bean");
  }

  /** Whether a capability's bean is present, for the status endpoint. */
  boolean has(String feature) {
    return switch (feature) {
      case "ingest" -> fileIngest.getIfAvailable() != null;
      case "sources" -> connections.getIfAvailable() != null;
      case "profile" -> profiler.getIfAvailable() != null;
      case "quality" -> quality.getIfAvailable() != null;
      case "drift" -> drift.getIfAvailable() != null;
      case "kpis" -> kpis.getIfAvailable() != null;
      case "analyze" -> analyze.getIfAvailable() != null;
      default -> false;
    };
  }

  /**
   * Applies the permission table and the rate limit to an operation that {@link SecuredBox} has no
   * method of its own for (status, connectors), exactly as its methods do: {@link
   * io.udb.security.authz.AccessPolicy} first (audited refusal), then one token of the caller's
   * bucket for the class.
   *
   * @param caller the caller
   * @param operation the operation
   * @param rateClass the rate-limit class, one of {@code SecuredBox.RATE_*}, or null when a {@link
   *     SecuredBox} method called next takes the token
   */
  public void authorize(SecuredBox caller, Operation operation, String rateClass) {
    DataBox dataBox = box();
    Principal principal = caller.principal();
    dataBox.security().access().authorize(principal, operation);
    if (rateClass == null) {
      return;
    }
    dataBox
        .security()
        .rateLimiter()
        .enforce(new RateLimitKey(principal.tenant(), principal.subject(), rateClass));
  }

  private static <T> T require(ObjectProvider<T> provider, String what, String module) {
    T bean = provider.getIfAvailable();
    if (bean == null) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE, what + " is not available in this deployment; add " + module);
    }
    return bean;
  }
}

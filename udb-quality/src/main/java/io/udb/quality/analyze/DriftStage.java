package io.udb.quality.analyze;

import io.udb.api.engine.TableRef;
import io.udb.api.job.JobContext;
import io.udb.core.analyze.AnalyzeContext;
import io.udb.core.analyze.AnalyzeStage;
import io.udb.core.analyze.StageResult;
import io.udb.quality.drift.BaselineInfo;
import io.udb.quality.drift.BaselineOptions;
import io.udb.quality.drift.BaselineStore;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftResult;
import io.udb.quality.drift.DriftService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@value AnalyzeStage#DRIFT} stage: compares each table with the latest stored baseline of the
 * dataset named like the table ({@link BaselineStore}), writing {@code drift.json} and {@code
 * drift.html} per table. A table without a baseline gets one saved from its current data instead
 * (the next run compares against it), reported as {@code "status": "baseline created"}, not as a
 * failure. Its summary is {@code {"tables":[{"table", "status", "baselineVersion", "datasetDrift",
 * "driftShare", "numberOfColumns", "numberOfDriftedColumns", "schemaChanges"}]}} ({@code status}
 * {@code compared} or {@code baseline created}, the drift fields only when compared).
 *
 * <p>Thread-safe.
 */
public final class DriftStage implements AnalyzeStage {
  /** The status of a table compared with its baseline. */
  public static final String COMPARED = "compared";

  /** The status of a table that had no baseline and got one. */
  public static final String BASELINE_CREATED = "baseline created";

  private final DriftService service;
  private final BaselineOptions baselineOptions;

  /** The stage with a default service and {@link BaselineOptions#defaults()}. */
  public DriftStage() {
    this(new DriftService(), BaselineOptions.defaults());
  }

  /**
   * A stage.
   *
   * @param service the service comparing tables with baselines
   * @param baselineOptions how the baselines this stage creates are stored
   */
  public DriftStage(DriftService service, BaselineOptions baselineOptions) {
    this.service = Objects.requireNonNull(service, "service");
    this.baselineOptions = Objects.requireNonNull(baselineOptions, "baselineOptions");
  }

  @Override
  public String name() {
    return DRIFT;
  }

  @Override
  public int order() {
    return DRIFT_ORDER;
  }

  @Override
  public StageResult run(AnalyzeContext context) {
    List<TableRef> tables = context.tables();
    if (tables.isEmpty()) {
      return StageResult.skipped("no tables to compare");
    }
    BaselineStore store = new BaselineStore(context.box(), baselineOptions);
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (TableRef table : tables) {
      JobContext job = context.jobFor(table);
      job.throwIfCancelled();
      String dataset = table.name();
      Optional<BaselineInfo> baseline = store.latestInfo(context.tenant(), dataset);
      job.throwIfCancelled();
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("table", table.name());
      if (baseline.isEmpty()) {
        BaselineInfo saved =
            job.stage("baseline", () -> store.save(context.tenant(), dataset, table));
        job.progress(1.0);
        summary.put("status", BASELINE_CREATED);
        summary.put("baselineVersion", saved.version());
        summary.put("columns", saved.columns().size());
      } else {
        DriftResult result =
            service.run(
                context.box(),
                job,
                DriftRequest.againstBaseline(dataset, table).build(),
                context.principal().orElse(null),
                null);
        summary.put("status", COMPARED);
        summary.put("baselineVersion", baseline.get().version());
        summary.put("datasetDrift", result.datasetDrift());
        summary.put("driftShare", finite(result.driftShare()));
        summary.put("numberOfColumns", result.numberOfColumns());
        summary.put("numberOfDriftedColumns", result.numberOfDriftedColumns());
        summary.put("schemaChanges", result.schemaChanges().size());
      }
      summaries.add(summary);
    }
    return StageResult.succeeded(Map.of("tables", summaries));
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? value : String.valueOf(value);
  }
}

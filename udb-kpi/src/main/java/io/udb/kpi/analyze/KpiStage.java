package io.udb.kpi.analyze;

import io.udb.api.engine.TableRef;
import io.udb.core.analyze.AnalyzeContext;
import io.udb.core.analyze.AnalyzeRequest;
import io.udb.core.analyze.AnalyzeStage;
import io.udb.core.analyze.StageResult;
import io.udb.core.json.Json;
import io.udb.kpi.InvalidKpiException;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiDefinitions;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiReport;
import io.udb.kpi.service.KpiService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@value AnalyzeStage#KPI} stage: computes the request's KPI definitions (read with {@link
 * KpiDefinitions}) with {@link KpiService#run}, writing {@code kpis.json} and a PNG and SVG chart
 * per KPI time series; skipped when the request has none. A definition without {@code table} or
 * {@code sql} is for the job's only table (refused when it has several). The stage first drops
 * cached KPIs of the tables earlier stages loaded. Its summary is {@code {"kpis":[{"name",
 * "period", "value", "previousPeriod", "previousValue", "change", "changePct", "status"}],
 * "narrative"}}.
 *
 * <p>Thread-safe.
 */
public final class KpiStage implements AnalyzeStage {
  /** Stands for the job's table while a definition is checked before the tables are known. */
  private static final String STAND_IN_TABLE = "analyzed_table";

  private final KpiService service;
  private final KpiOptions options;

  /** The stage with its own {@link KpiService} (and cache) and {@link KpiOptions#defaults()}. */
  public KpiStage() {
    this(new KpiService(), KpiOptions.defaults());
  }

  /**
   * A stage sharing an application's service, and so its cache.
   *
   * @param service the service
   * @param options how to compute and present the KPIs
   */
  public KpiStage(KpiService service, KpiOptions options) {
    this.service = Objects.requireNonNull(service, "service");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return KPI;
  }

  @Override
  public int order() {
    return KPI_ORDER;
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.udb.kpi.InvalidKpiException for a malformed definition
   */
  @Override
  public void validate(AnalyzeRequest request) {
    if (!request.kpis().isEmpty()) {
      definitions(request.kpis(), request.tables(), request.connectionIds().isEmpty());
    }
  }

  @Override
  public Set<String> tablesRead(AnalyzeRequest request) {
    Set<String> tables = new LinkedHashSet<>();
    for (Map<String, Object> kpi : request.kpis()) {
      if (kpi.get("table") instanceof String table && !table.isBlank()) {
        tables.add(table);
      }
    }
    return tables;
  }

  @Override
  public StageResult run(AnalyzeContext context) {
    List<Map<String, Object>> kpis = context.request().kpis();
    if (kpis.isEmpty()) {
      return StageResult.skipped("no KPI definitions given");
    }
    List<KpiDefinition> definitions = definitions(kpis, context.tables(), true);
    for (TableRef loaded : context.loadedTables()) {
      service.invalidate(context.tenant(), loaded);
    }
    KpiReport report = service.run(context.box(), context.job(), definitions, options);
    List<Map<String, Object>> values = new ArrayList<>();
    for (Map<String, Object> result :
        report.toJson().get("kpis") instanceof List<?> list
            ? castList(list)
            : List.<Map<String, Object>>of()) {
      Map<String, Object> value = new LinkedHashMap<>();
      for (String field :
          List.of(
              "name",
              "period",
              "value",
              "previousPeriod",
              "previousValue",
              "change",
              "changePct",
              "status")) {
        value.put(field, result.get(field));
      }
      values.add(value);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("kpis", values);
    summary.put("narrative", report.narrative());
    return StageResult.succeeded(summary);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> castList(List<?> list) {
    return (List<Map<String, Object>>) list;
  }

  /**
   * Reads the definitions, giving one without {@code table} and {@code sql} the job's only table.
   * Before the tables are final (connections still to sync) such a definition is read with a
   * stand-in table, to check its other fields.
   */
  private static List<KpiDefinition> definitions(
      List<Map<String, Object>> kpis, List<TableRef> tables, boolean tablesFinal) {
    List<Map<String, Object>> completed = new ArrayList<>(kpis.size());
    for (Map<String, Object> kpi : kpis) {
      Map<String, Object> copy = new LinkedHashMap<>(kpi);
      if (blank(copy.get("table")) && blank(copy.get("sql"))) {
        if (!tablesFinal) {
          copy.put("table", STAND_IN_TABLE);
        } else if (tables.size() == 1) {
          copy.put("table", tables.get(0).name());
        } else {
          throw new InvalidKpiException(
              copy.get("name") instanceof String name ? name : "?",
              "table",
              "required, because this job analyses "
                  + tables.size()
                  + " tables; name the table the KPI is computed on");
        }
      }
      completed.add(copy);
    }
    return KpiDefinitions.listFromTree(Json.mapper().valueToTree(completed));
  }

  private static boolean blank(Object value) {
    return value == null || value instanceof String text && text.isBlank();
  }
}

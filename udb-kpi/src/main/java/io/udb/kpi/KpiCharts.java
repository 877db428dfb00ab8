package io.udb.kpi;

import io.udb.api.job.JobContext;
import io.udb.kpi.chart.ChartArtifacts;
import io.udb.kpi.chart.ChartData;
import io.udb.kpi.chart.ChartRenderer;
import io.udb.kpi.chart.ChartSpec;
import io.udb.kpi.chart.ChartType;
import io.udb.kpi.chart.DateGrain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The charts every {@code kpi} job writes: a line chart (PNG and SVG) of each KPI's time series,
 * named {@code kpi-<name>.png|svg}, and, when some KPIs have no time column, one bar chart {@code
 * kpis-current.png|svg} of their current values.
 *
 * <p>Thread-safe.
 */
public final class KpiCharts implements KpiArtifactContributor {
  private final ChartRenderer renderer;

  /** Charts drawn with UDB's default theme. */
  public KpiCharts() {
    this(new ChartRenderer());
  }

  /**
   * Charts drawn by the given renderer.
   *
   * @param renderer the renderer
   */
  public KpiCharts(ChartRenderer renderer) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  @Override
  public void contribute(KpiReport report, JobContext context) {
    List<List<Object>> untimed = new ArrayList<>();
    for (KpiResult result : report.results()) {
      context.throwIfCancelled();
      KpiDefinition definition = result.definition();
      if (definition.grain() == null || result.series().points().isEmpty()) {
        if (result.value() != null) {
          untimed.add(List.of(definition.displayLabel(), result.value()));
        }
        continue;
      }
      List<List<Object>> rows = new ArrayList<>();
      result.series().points().stream()
          .filter(point -> point.value() != null)
          .forEach(point -> rows.add(List.of(point.period().toString(), point.value())));
      if (rows.isEmpty()) {
        continue;
      }
      ChartSpec.Builder spec =
          ChartSpec.builder(ChartType.LINE)
              .title(definition.displayLabel())
              .x("period")
              .y("value")
              .xLabel(capitalized(definition.grain().name()))
              .yLabel(definition.displayLabel())
              .grain(DateGrain.valueOf(definition.grain().name()));
      if (definition.format().unit() != null) {
        spec.unit(definition.format().unit());
      }
      ChartArtifacts.write(
          context,
          "kpi-" + fileName(definition.name()),
          renderer.render(spec.build(), new ChartData(List.of("period", "value"), rows)));
    }
    if (!untimed.isEmpty()) {
      ChartSpec spec =
          ChartSpec.builder(ChartType.BAR)
              .title("Current KPI values")
              .x("kpi")
              .y("value")
              .xLabel("KPI")
              .yLabel("Value")
              .build();
      ChartArtifacts.write(
          context,
          "kpis-current",
          renderer.render(spec, new ChartData(List.of("kpi", "value"), untimed)));
    }
  }

  private static String capitalized(String grain) {
    String lower = grain.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** KPI names may hold any characters; artifact names may not. */
  static String fileName(String kpiName) {
    String cleaned = kpiName.replaceAll("[^A-Za-z0-9_-]", "_");
    return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
  }
}

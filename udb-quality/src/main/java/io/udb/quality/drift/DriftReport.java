package io.udb.quality.drift;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link DriftResult} as a self-contained HTML page (inline CSS and SVG, no scripts, no
 * external requests): a summary table, then per column the reference and current distributions
 * overlaid as bars and both sides' statistics, then schema changes and skipped columns. Its size
 * depends on the number of columns, never on the number of rows. Thread-safe.
 */
public final class DriftReport {
  private static final String TEMPLATE = "drift.html.mustache";
  private static final int WIDTH = 600;
  private static final int HEIGHT = 220;
  private static final int LEFT = 80;
  private static final int RIGHT = 12;
  private static final int TOP = 12;
  private static final int BOTTOM = 84;

  private final Template template;

  /** Compiles the template shipped with this class. */
  public DriftReport() {
    try (InputStream in = DriftReport.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new UdbException(ErrorCode.INTERNAL, "The drift report template is missing");
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        this.template = Mustache.compiler().escapeHTML(true).nullValue("").compile(reader);
      }
    } catch (IOException e) {
      throw new UdbException(ErrorCode.INTERNAL, "The drift report template cannot be read", e);
    }
  }

  /**
   * Renders a result.
   *
   * @param result the drift
   * @param generatedAt the time printed as the report's date
   * @return the HTML page
   */
  public String render(DriftResult result, Instant generatedAt) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("reference", result.reference());
    model.put("current", result.current());
    model.put("generatedAt", generatedAt.toString());
    model.put("datasetDrift", result.datasetDrift());
    model.put("driftShare", percent(result.driftShare()));
    model.put("driftShareThreshold", percent(result.driftShareThreshold()));
    model.put("numberOfColumns", result.numberOfColumns());
    model.put("numberOfDriftedColumns", result.numberOfDriftedColumns());
    List<Map<String, Object>> columns = new ArrayList<>();
    for (int i = 0; i < result.columns().size(); i++) {
      columns.add(column(result.columns().get(i), i));
    }
    model.put("columns", columns);
    model.put("hasSchemaChanges", !result.schemaChanges().isEmpty());
    model.put("schemaChanges", result.schemaChanges().stream().map(SchemaChange::toJson).toList());
    model.put("hasSkipped", !result.skippedColumns().isEmpty());
    model.put(
        "skippedColumns", result.skippedColumns().stream().map(SkippedColumn::toJson).toList());
    model.put(
        "baseline", result.baseline() == null ? List.of() : List.of(result.baseline().toJson()));
    return template.execute(model);
  }

  private static Map<String, Object> column(ColumnDrift drift, int index) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("anchor", "column-" + index);
    model.put("column", drift.column());
    model.put("kind", drift.kind().label());
    model.put("stattest", drift.stattest().evidentlyName());
    model.put("pValueTest", drift.stattest().pValueTest());
    model.put("statistic", number(drift.statistic()));
    model.put("pValue", drift.pValue() == null ? "\u2014" : number(drift.pValue()));
    model.put("threshold", number(drift.threshold()));
    model.put("drifted", drift.drifted());
    model.put("approximate", drift.approximate());
    model.put("chart", chart(drift.distribution()));
    model.put("stats", stats(drift.reference(), drift.current()));
    return model;
  }

  /** Bars of both sides as shares of their own totals, so that sides of any size compare. */
  private static Map<String, Object> chart(ColumnDistribution distribution) {
    int bins = distribution.reference().size();
    long refTotal = distribution.reference().stream().mapToLong(Long::longValue).sum();
    long curTotal = distribution.current().stream().mapToLong(Long::longValue).sum();
    double[] ref = new double[bins];
    double[] cur = new double[bins];
    double max = 0;
    for (int i = 0; i < bins; i++) {
      ref[i] = refTotal == 0 ? 0 : (double) distribution.reference().get(i) / refTotal;
      cur[i] = curTotal == 0 ? 0 : (double) distribution.current().get(i) / curTotal;
      max = Math.max(max, Math.max(ref[i], cur[i]));
    }
    double plotWidth = WIDTH - LEFT - RIGHT;
    double plotHeight = HEIGHT - TOP - BOTTOM;
    double baseY = TOP + plotHeight;
    double step = plotWidth / Math.max(bins, 1);
    double barWidth = distribution.numeric() ? step : step * 0.8;
    List<Map<String, Object>> bars = new ArrayList<>();
    List<Map<String, Object>> ticks = new ArrayList<>();
    for (int i = 0; i < bins; i++) {
      double x = LEFT + i * step + (step - barWidth) / 2;
      double refHeight = max == 0 ? 0 : ref[i] / max * plotHeight;
      double curHeight = max == 0 ? 0 : cur[i] / max * plotHeight;
      Map<String, Object> bar = new LinkedHashMap<>();
      bar.put("x", coordinate(x));
      bar.put("width", coordinate(Math.max(barWidth - 1, 1)));
      bar.put("refY", coordinate(baseY - refHeight));
      bar.put("refHeight", coordinate(refHeight));
      bar.put("curY", coordinate(baseY - curHeight));
      bar.put("curHeight", coordinate(curHeight));
      bar.put("label", binLabel(distribution, i));
      bar.put("refShare", percent(ref[i]));
      bar.put("curShare", percent(cur[i]));
      bars.add(bar);
      if (!distribution.numeric()) {
        ticks.add(tick(x + barWidth / 2, baseY + 10, shorten(distribution.labels().get(i)), true));
      }
    }
    if (distribution.numeric()) {
      List<Double> edges = distribution.edges();
      int[] shown = {0, bins / 2, bins};
      for (int edge : shown) {
        ticks.add(tick(LEFT + edge * step, baseY + 14, number(edges.get(edge)), false));
      }
    }
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("width", WIDTH);
    chart.put("height", HEIGHT);
    chart.put("left", LEFT);
    chart.put("right", WIDTH - RIGHT);
    chart.put("top", TOP);
    chart.put("baseY", coordinate(baseY));
    chart.put("labelX", LEFT - 4);
    chart.put("topLabelY", TOP + 8);
    chart.put("maxShare", percent(max));
    chart.put("bars", bars);
    chart.put("ticks", ticks);
    return chart;
  }

  private static Map<String, Object> tick(double x, double y, String text, boolean rotate) {
    Map<String, Object> tick = new LinkedHashMap<>();
    tick.put("x", coordinate(x));
    tick.put("y", coordinate(y));
    tick.put("text", text);
    tick.put("anchor", rotate ? "end" : "middle");
    tick.put("rotate", rotate);
    return tick;
  }

  private static String binLabel(ColumnDistribution distribution, int i) {
    if (!distribution.numeric()) {
      return distribution.labels().get(i);
    }
    boolean last = i == distribution.reference().size() - 1;
    return "["
        + number(distribution.edges().get(i))
        + ", "
        + number(distribution.edges().get(i + 1))
        + (last ? "]" : ")");
  }

  private static List<Map<String, Object>> stats(ColumnSummary ref, ColumnSummary cur) {
    List<Map<String, Object>> rows = new ArrayList<>();
    row(rows, "rows", ref.rows(), cur.rows());
    row(rows, "count", ref.count(), cur.count());
    row(rows, "missing", ref.missing(), cur.missing());
    row(rows, "distinct", ref.distinct(), cur.distinct());
    row(rows, "min", ref.min(), cur.min());
    row(rows, "max", ref.max(), cur.max());
    row(rows, "mean", ref.mean(), cur.mean());
    row(rows, "std", ref.std(), cur.std());
    if (ref.quantiles() != null || cur.quantiles() != null) {
      for (String q : List.of("0.25", "0.5", "0.75")) {
        row(
            rows,
            "q" + q,
            ref.quantiles() == null ? null : ref.quantiles().get(q),
            cur.quantiles() == null ? null : cur.quantiles().get(q));
      }
    }
    row(rows, "top", ref.top(), cur.top());
    row(rows, "top count", ref.topCount(), cur.topCount());
    return rows;
  }

  private static void row(List<Map<String, Object>> rows, String name, Object ref, Object cur) {
    if (ref == null && cur == null) {
      return;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("reference", cell(ref));
    row.put("current", cell(cur));
    rows.add(row);
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return number(d);
    }
    return shorten(String.valueOf(value));
  }

  private static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(JsonNumbers.of(value));
    }
    if (value != 0 && (Math.abs(value) < 1e-4 || Math.abs(value) >= 1e7)) {
      return String.format(Locale.ROOT, "%.4g", value);
    }
    String text = String.format(Locale.ROOT, "%.6f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  private static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String shorten(String text) {
    return text.length() <= 24 ? text : text.substring(0, 23) + "\u2026";
  }
}

package io.udb.quality.check;

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
import java.util.Map;

/**
 * Renders a {@link QualityReport} as a self-contained HTML page (inline CSS and SVG, no scripts, no
 * external requests) from the JMustache template {@value #TEMPLATE}. Every value is HTML-escaped by
 * the template engine. Thread-safe.
 */
public final class QualityHtml {
  /** The class path resource of the template. */
  public static final String TEMPLATE = "/io/udb/quality/check/quality-report.html.mustache";

  private static final Map<CheckStatus, String> COLORS =
      Map.of(
          CheckStatus.PASSED, "#1a7f37",
          CheckStatus.FAILED, "#cf222e",
          CheckStatus.WARNING, "#9a6700",
          CheckStatus.ERROR, "#6e40c9");

  private final Template template;

  /** Loads and compiles the template. */
  public QualityHtml() {
    try (InputStream in = QualityHtml.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new UdbException(ErrorCode.INTERNAL, "Missing template " + TEMPLATE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        template = Mustache.compiler().defaultValue("").compile(reader);
      }
    } catch (IOException e) {
      throw new UdbException(ErrorCode.INTERNAL, "Cannot read template " + TEMPLATE, e);
    }
  }

  /**
   * Renders a report.
   *
   * @param report the report
   * @param generatedAt the time shown as the generation time
   * @return the HTML page
   */
  public String render(QualityReport report, Instant generatedAt) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("table", report.table());
    view.put("overall", report.passed() ? "passed" : "failed");
    view.put("overallText", report.passed() ? "passed" : "failed");
    view.put("rowCount", report.rowCount());
    view.put("checkCount", report.checks().size());
    view.put("generatedAt", generatedAt.toString());
    view.put("passedCount", report.count(CheckStatus.PASSED));
    view.put("failedCount", report.count(CheckStatus.FAILED));
    view.put("warningCount", report.count(CheckStatus.WARNING));
    view.put("errorCount", report.count(CheckStatus.ERROR));
    view.put("bar", bar(report));
    List<Map<String, Object>> checks = new ArrayList<>();
    for (CheckResult result : report.checks()) {
      checks.add(check(result));
    }
    view.put("checks", checks);
    view.put("hasQuarantine", report.quarantine() != null);
    view.put(
        "quarantine",
        report.quarantine() == null ? List.of() : List.of(report.quarantine().toJson()));
    view.put("hasSuggestions", !report.suggestions().isEmpty());
    List<Map<String, Object>> suggestions = new ArrayList<>();
    for (Suggestion suggestion : report.suggestions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rule", suggestion.rule());
      row.put("column", text(suggestion.check().column()));
      row.put("label", suggestion.check().label());
      row.put("rationale", suggestion.rationale());
      suggestions.add(row);
    }
    view.put("suggestions", suggestions);
    return template.execute(view);
  }

  private static Map<String, Object> check(CheckResult result) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("status", result.status().name());
    row.put("severity", result.severity().jsonName());
    row.put("check", result.check());
    row.put("name", result.name() == null ? List.of() : List.of(result.name()));
    row.put("column", text(result.column()));
    row.put("metric", result.metric() == null ? "" : Bound.format(round(result.metric())));
    row.put("message", result.message());
    List<Map<String, Object>> sample = new ArrayList<>();
    RowSample rows = result.failingRowsSample();
    if (rows != null) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("columns", rows.columns());
      List<Map<String, Object>> cells = new ArrayList<>();
      for (List<Object> values : rows.rows()) {
        List<Map<String, Object>> line = new ArrayList<>();
        for (Object value : values) {
          line.add(
              Map.of(
                  "text", value == null ? "null" : String.valueOf(value), "null", value == null));
        }
        cells.add(Map.of("cells", line));
      }
      s.put("rows", cells);
      s.put("shown", rows.rows().size());
      s.put("failingRows", result.failingRows() == null ? "" : result.failingRows());
      sample.add(s);
    }
    row.put("sample", sample);
    return row;
  }

  private static List<Map<String, Object>> bar(QualityReport report) {
    List<Map<String, Object>> parts = new ArrayList<>();
    int total = report.checks().size();
    if (total == 0) {
      return parts;
    }
    double x = 0;
    for (CheckStatus status : CheckStatus.values()) {
      long n = report.count(status);
      if (n == 0) {
        continue;
      }
      double width = 480.0 * n / total;
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("x", Bound.format(round(x)));
      part.put("width", Bound.format(round(width)));
      part.put("color", COLORS.get(status));
      part.put("label", status.name().toLowerCase(java.util.Locale.ROOT) + ": " + n);
      parts.add(part);
      x += width;
    }
    return parts;
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static double round(double value) {
    return Math.abs(value) >= 1e12 ? value : Math.round(value * 10_000) / 10_000.0;
  }
}

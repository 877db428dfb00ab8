package io.udb.quality.profile;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders profiles and comparisons as self-contained HTML pages: inline CSS and SVG, no scripts, no
 * external requests (a Content-Security-Policy forbids them), sections overview → variables →
 * correlations → alerts → sample. The page's size depends on the number of columns, bins and top
 * values, never on the number of rows. Templates are JMustache resources under {@code
 * io/udb/quality/profile/}; every value is HTML-escaped by the template engine.
 *
 * <p>Thread-safe: the compiled templates are immutable.
 */
public final class ProfileReport {
  private static final String BASE = "/io/udb/quality/profile/";
  private static final int HIST_WIDTH = 400;
  private static final int HIST_HEIGHT = 130;
  private static final int HIST_PLOT = 112;

  private final Template profileTemplate;
  private final Template comparisonTemplate;

  /** Loads and compiles the templates. */
  public ProfileReport() {
    Mustache.Compiler compiler =
        Mustache.compiler()
            .escapeHTML(true)
            .nullValue("")
            .withLoader(name -> reader(name + ".mustache"));
    profileTemplate = compiler.compile(text("profile.html.mustache"));
    comparisonTemplate = compiler.compile(text("comparison.html.mustache"));
  }

  /**
   * The HTML page of a profile.
   *
   * @param profile the profile
   * @return the page
   */
  public String html(Profile profile) {
    return profileTemplate.execute(profileModel(profile));
  }

  /**
   * The HTML page of a comparison, both tables side by side.
   *
   * @param comparison the comparison
   * @return the page
   */
  public String html(ProfileComparison comparison) {
    Profile left = comparison.left();
    Profile right = comparison.right();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leftTable", left.table());
    m.put("rightTable", right.table());
    m.put("leftDataset", dataset(left));
    m.put("rightDataset", dataset(right));
    m.put("onlyInLeft", comparison.onlyInLeft());
    m.put("onlyInRight", comparison.onlyInRight());
    m.put(
        "hasSchemaChanges",
        !comparison.onlyInLeft().isEmpty() || !comparison.onlyInRight().isEmpty());
    List<Object> differences = new ArrayList<>();
    List<Object> pairs = new ArrayList<>();
    int i = 0;
    for (ColumnDifference d : comparison.columns()) {
      String anchor = "pair-" + i++;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("anchor", anchor);
      row.put("name", d.name());
      row.put(
          "kind",
          d.kindChanged() ? d.leftKind().id() + " → " + d.rightKind().id() : d.leftKind().id());
      row.put("type", d.typeChanged() ? d.leftType() + " → " + d.rightType() : d.leftType());
      row.put("missingShareChange", signedPercent(d.missingShareChange()));
      row.put("distinctChange", signed(d.distinctChange()));
      row.put("meanChange", signed(d.meanChange()));
      row.put(
          "meanRelativeChange",
          d.meanRelativeChange() == null ? "–" : signedPercent(d.meanRelativeChange()));
      row.put("stdChange", signed(d.stdChange()));
      row.put("medianChange", signed(d.medianChange()));
      differences.add(row);
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("anchor", anchor);
      pair.put("name", d.name());
      pair.put(
          "left", variable(left, left.column(d.name()).orElseThrow(), anchor + "-l", List.of()));
      pair.put(
          "right", variable(right, right.column(d.name()).orElseThrow(), anchor + "-r", List.of()));
      pairs.add(pair);
    }
    m.put("differences", differences);
    m.put("pairs", pairs);
    m.put("leftAlerts", alerts(left));
    m.put("rightAlerts", alerts(right));
    m.put("generatedAt", shown(right.run().generatedAt()));
    return comparisonTemplate.execute(m);
  }

  private Map<String, Object> profileModel(Profile p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("table", p.table());
    m.put("dataset", dataset(p));
    List<Object> kinds = new ArrayList<>();
    p.kinds().forEach((k, v) -> kinds.add(stat(k, Fmt.number(v))));
    m.put("kinds", kinds);
    List<Object> run = new ArrayList<>();
    run.add(
        stat(
            "mode",
            (p.run().approximate() ? "approximate" : "exact")
                + (p.run().minimal() ? ", minimal" : "")));
    run.add(stat("engine queries", Fmt.number(p.run().queries())));
    run.add(stat("table scans", Fmt.number(p.run().scans())));
    run.add(stat("duration", Fmt.millis(p.run().elapsedMs())));
    run.add(stat("values masked", p.run().masked() ? "yes" : "no"));
    run.add(stat("generated", shown(p.run().generatedAt())));
    m.put("runInfo", run);
    List<Object> columns = new ArrayList<>();
    int i = 0;
    for (ColumnProfile c : p.columns()) {
      List<Alert> alerts = p.alerts().stream().filter(a -> c.name().equals(a.column())).toList();
      columns.add(variable(p, c, "var-" + i++, alerts));
    }
    m.put("columns", columns);
    List<Object> correlations = new ArrayList<>();
    if (p.correlations() != null) {
      addMatrix(correlations, "Pearson's r", p.correlations().pearson());
      addMatrix(correlations, "Spearman's ρ", p.correlations().spearman());
      addMatrix(correlations, "Cramér's V (bias-corrected)", p.correlations().cramersV());
    }
    m.put("correlations", correlations);
    m.put("hasCorrelations", !correlations.isEmpty());
    m.put(
        "correlationNote",
        p.correlations() == null
            ? "Correlations were skipped (minimal mode)."
            : "Fewer than two columns qualify for any correlation.");
    m.put("alerts", alerts(p));
    m.put("alertCount", p.alerts().size());
    m.put("hasAlerts", !p.alerts().isEmpty());
    m.put("sampleColumns", p.sample().columns());
    List<Object> rows = new ArrayList<>();
    for (List<Object> row : p.sample().rows()) {
      List<Object> cells = new ArrayList<>();
      for (Object v : row) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("isNull", v == null);
        cell.put("text", v == null ? "null" : Fmt.value(v));
        cells.add(cell);
      }
      rows.add(Map.of("cells", cells));
    }
    m.put("sampleRows", rows);
    m.put("sampleSize", p.sample().rows().size());
    m.put("masked", p.run().masked());
    m.put("generatedAt", shown(p.run().generatedAt()));
    m.put("queries", p.run().queries());
    m.put("scans", p.run().scans());
    m.put("elapsed", Fmt.millis(p.run().elapsedMs()));
    return m;
  }

  private static List<Object> dataset(Profile p) {
    List<Object> d = new ArrayList<>();
    d.add(stat("rows", Fmt.number(p.rowCount())));
    d.add(stat("columns", Fmt.number(p.columnCount())));
    d.add(
        stat(
            "duplicate rows",
            p.duplicateRows() == null
                ? "not computed"
                : Fmt.number(p.duplicateRows()) + " (" + Fmt.percent(p.duplicateShare()) + ")"));
    d.add(
        stat(
            "missing cells",
            Fmt.number(p.missingCells()) + " (" + Fmt.percent(p.missingCellsShare()) + ")"));
    d.add(stat("estimated size", Fmt.bytes(p.estimatedBytes())));
    d.add(stat("alerts", Fmt.number(p.alerts().size())));
    return d;
  }

  private static List<Object> alerts(Profile p) {
    List<Object> out = new ArrayList<>();
    for (Alert a : p.alerts()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", a.type().name());
      m.put("column", a.column() == null ? "(table)" : a.column());
      m.put("message", a.message());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> variable(
      Profile p, ColumnProfile c, String anchor, List<Alert> alerts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("anchor", anchor);
    m.put("name", c.name());
    m.put("kind", c.kind().id());
    m.put("type", c.type());
    List<Object> tags = new ArrayList<>();
    for (Alert a : alerts) {
      tags.add(Map.of("type", a.type().name(), "message", a.message()));
    }
    m.put("alerts", tags);
    m.put("hasAlerts", !tags.isEmpty());
    List<Object> stats = new ArrayList<>();
    stats.add(stat("count", Fmt.number(c.count())));
    stats.add(
        stat("missing", Fmt.number(c.missing()) + " (" + Fmt.percent(c.missingShare()) + ")"));
    stats.add(
        stat(
            "distinct",
            (c.distinctApproximate() ? "≈ " : "")
                + Fmt.number(c.distinct())
                + " ("
                + Fmt.percent(c.distinctShare())
                + ")"));
    Object histogram = null;
    List<Object> quantiles = new ArrayList<>();
    List<Object> characters = new ArrayList<>();
    List<ValueCount> smallest = List.of();
    List<ValueCount> largest = List.of();
    String topTitle = "Most frequent values";
    switch (c.kind()) {
      case NUMERIC -> {
        NumericStats n = c.numeric();
        stats.add(stat("min", Fmt.value(c.min())));
        stats.add(stat("max", Fmt.value(c.max())));
        stats.add(stat("range", Fmt.number(n.range())));
        stats.add(stat("mean", Fmt.number(c.mean())));
        stats.add(stat("std (sample)", Fmt.number(c.std())));
        stats.add(stat("variance", Fmt.number(n.variance())));
        stats.add(stat("coefficient of variation", Fmt.number(n.cv())));
        stats.add(stat("sum", Fmt.number(n.sum())));
        stats.add(stat("skewness", Fmt.number(n.skewness())));
        stats.add(stat("kurtosis (excess)", Fmt.number(n.kurtosis())));
        stats.add(stat("MAD (median abs. dev.)", Fmt.number(n.mad())));
        stats.add(stat("IQR", Fmt.number(n.iqr())));
        stats.add(stat("zeros", Fmt.number(n.zeros()) + " (" + Fmt.percent(n.zerosShare()) + ")"));
        stats.add(
            stat(
                "negatives",
                Fmt.number(n.negatives()) + " (" + Fmt.percent(n.negativesShare()) + ")"));
        stats.add(
            stat(
                "infinite",
                Fmt.number(n.infinite()) + " (" + Fmt.percent(n.infiniteShare()) + ")"));
        if (c.quantiles() != null) {
          c.quantiles()
              .forEach(
                  (k, v) ->
                      quantiles.add(
                          stat(
                              Fmt.percent(Double.parseDouble(k)).replace(".0%", "%"),
                              Fmt.number(v))));
        }
        histogram = numericHistogram(c.name(), n.histogram());
        smallest = n.smallest();
        largest = n.largest();
      }
      case DATETIME -> {
        DatetimeStats d = c.datetime();
        stats.add(stat("min", Fmt.value(c.min())));
        stats.add(stat("max", Fmt.value(c.max())));
        stats.add(stat("range", Fmt.duration(d.rangeSeconds())));
        stats.add(stat("histogram period", d.period() == null ? "–" : d.period()));
        histogram = periodHistogram(c.name(), d);
        smallest = d.smallest();
        largest = d.largest();
      }
      case BOOLEAN -> {
        BooleanStats b = c.bool();
        stats.add(stat("true", Fmt.number(b.trueCount())));
        stats.add(stat("false", Fmt.number(b.falseCount())));
        stats.add(stat("imbalance", Fmt.number(b.imbalance())));
        topTitle = "Values";
      }
      case CATEGORICAL, TEXT -> {
        StringStats s = c.strings();
        stats.add(stat("min", Fmt.value(c.min())));
        stats.add(stat("max", Fmt.value(c.max())));
        stats.add(stat("entropy (bits)", Fmt.number(s.entropy())));
        stats.add(stat("imbalance", Fmt.number(s.imbalance())));
        stats.add(stat("length min", Fmt.number(s.minLength())));
        stats.add(stat("length mean", Fmt.number(s.meanLength())));
        stats.add(stat("length median", Fmt.number(s.medianLength())));
        stats.add(stat("length max", Fmt.number(s.maxLength())));
        CharacterStats ch = s.characters();
        if (ch != null) {
          characters.add(stat("characters", Fmt.number(ch.total())));
          characters.add(stat("letters", Fmt.percent(ch.letters())));
          characters.add(stat("digits", Fmt.percent(ch.digits())));
          characters.add(stat("spaces", Fmt.percent(ch.spaces())));
          characters.add(stat("punctuation", Fmt.percent(ch.punctuation())));
          characters.add(stat("other", Fmt.percent(ch.other())));
          characters.add(stat("non-ASCII", Fmt.percent(ch.nonAscii())));
        }
      }
    }
    m.put("stats", stats);
    m.put("histogram", histogram);
    m.put("quantiles", quantiles);
    m.put("hasQuantiles", !quantiles.isEmpty());
    m.put("characters", characters);
    m.put("hasCharacters", !characters.isEmpty());
    List<Object> top = new ArrayList<>();
    long maxCount =
        c.topValues().stream().mapToLong(v -> v.count() == null ? 0 : v.count()).max().orElse(0);
    for (ValueCount v : c.topValues()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("value", Fmt.value(v.value()));
      row.put("count", Fmt.number(v.count()));
      row.put("share", Fmt.percent(v.share()));
      row.put(
          "percent",
          maxCount == 0 || v.count() == null ? "0" : Fmt.plain(100.0 * v.count() / maxCount));
      top.add(row);
    }
    m.put("top", top);
    m.put("hasTop", !top.isEmpty());
    m.put("topTitle", topTitle);
    m.put("smallest", valueRows(smallest));
    m.put("largest", valueRows(largest));
    m.put("hasExtremes", !smallest.isEmpty() || !largest.isEmpty());
    return m;
  }

  private static List<Object> valueRows(List<ValueCount> values) {
    List<Object> out = new ArrayList<>();
    for (ValueCount v : values) {
      out.add(
          Map.of(
              "value",
              Fmt.value(v.value()),
              "count",
              v.count() == null ? "–" : Fmt.number(v.count())));
    }
    return out;
  }

  private static Map<String, Object> numericHistogram(String name, List<HistogramBin> bins) {
    if (bins.isEmpty()) {
      return null;
    }
    List<String> labels = new ArrayList<>();
    long[] counts = new long[bins.size()];
    for (int i = 0; i < bins.size(); i++) {
      HistogramBin b = bins.get(i);
      labels.add(
          "["
              + Fmt.number(b.lower())
              + ", "
              + Fmt.number(b.upper())
              + (i == bins.size() - 1 ? "]" : ")"));
      counts[i] = b.count();
    }
    return svgBars(
        "Histogram",
        name,
        labels,
        counts,
        Fmt.number(bins.get(0).lower()),
        Fmt.number(bins.get(bins.size() - 1).upper()));
  }

  private static Map<String, Object> periodHistogram(String name, DatetimeStats d) {
    if (d.histogram().isEmpty()) {
      return null;
    }
    List<String> labels = new ArrayList<>();
    long[] counts = new long[d.histogram().size()];
    for (int i = 0; i < counts.length; i++) {
      labels.add(d.histogram().get(i).start());
      counts[i] = d.histogram().get(i).count();
    }
    return svgBars(
        "Values per " + d.period(),
        name,
        labels,
        counts,
        labels.get(0),
        labels.get(labels.size() - 1));
  }

  /** The geometry of a bar chart, so that the template only places rectangles. */
  private static Map<String, Object> svgBars(
      String title, String column, List<String> labels, long[] counts, String first, String last) {
    long max = 1;
    for (long c : counts) {
      max = Math.max(max, c);
    }
    double slot = (double) HIST_WIDTH / counts.length;
    double gap = counts.length > 60 ? 0 : Math.min(2, slot * 0.15);
    List<Object> bars = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      double h = HIST_PLOT * (double) counts[i] / max;
      Map<String, Object> bar = new LinkedHashMap<>();
      bar.put("x", Fmt.plain(i * slot + gap / 2));
      bar.put("y", Fmt.plain(HIST_PLOT - h));
      bar.put("w", Fmt.plain(Math.max(0.5, slot - gap)));
      bar.put("h", Fmt.plain(h));
      bar.put("label", labels.get(i));
      bar.put("count", Fmt.number(counts[i]));
      bars.add(bar);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("label", title + " of " + column);
    m.put("width", HIST_WIDTH);
    m.put("height", HIST_HEIGHT);
    m.put("axis", HIST_PLOT + 0.5);
    m.put("labelY", HIST_HEIGHT - 4);
    m.put("bars", bars);
    m.put("first", first);
    m.put("last", last);
    return m;
  }

  private static void addMatrix(List<Object> out, String title, CorrelationMatrix matrix) {
    if (matrix == null) {
      return;
    }
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < matrix.columns().size(); i++) {
      List<Object> cells = new ArrayList<>();
      for (int j = 0; j < matrix.columns().size(); j++) {
        Double v = matrix.values().get(i).get(j);
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("value", v == null ? "–" : String.format(Locale.ROOT, "%.2f", v));
        cell.put("color", color(v));
        cell.put(
            "title",
            matrix.columns().get(i)
                + " / "
                + matrix.columns().get(j)
                + ": "
                + (v == null ? "undefined" : Fmt.number(v)));
        cells.add(cell);
      }
      rows.add(Map.of("name", matrix.columns().get(i), "cells", cells));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("columns", matrix.columns());
    m.put("rows", rows);
    out.add(m);
  }

  /** Blue for positive, red for negative correlations, stronger with the magnitude. */
  private static String color(Double v) {
    if (v == null) {
      return "#f0f0f0";
    }
    double a = Math.min(1, Math.abs(v));
    return v >= 0
        ? String.format(Locale.ROOT, "rgba(37,99,235,%.2f)", a * 0.85)
        : String.format(Locale.ROOT, "rgba(220,38,38,%.2f)", a * 0.85);
  }

  private static String shown(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static Map<String, Object> stat(String label, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("value", value);
    return m;
  }

  private static String signed(Number v) {
    if (v == null) {
      return "–";
    }
    String s = Fmt.number(v);
    return v.doubleValue() > 0 ? "+" + s : s;
  }

  private static String signedPercent(double v) {
    String s = Fmt.percent(v);
    return v > 0 ? "+" + s : s;
  }

  private static Reader reader(String name) {
    InputStream in = ProfileReport.class.getResourceAsStream(BASE + name);
    if (in == null) {
      throw new UdbException(ErrorCode.INTERNAL, "Report template " + name + " is missing");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static Reader text(String name) {
    try (Reader in = reader(name)) {
      StringBuilder out = new StringBuilder();
      char[] buffer = new char[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.append(buffer, 0, n);
      }
      return new StringReader(out.toString());
    } catch (IOException e) {
      throw new UdbException(ErrorCode.INTERNAL, "Report template " + name + " is unreadable", e);
    }
  }
}

package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of profiles and comparisons, as JSON-compatible maps (encode them with {@link
 * io.udb.core.json.Json}). The shape is described by {@code
 * io/udb/quality/profile/profile.schema.json} (JSON Schema draft 2020-12); field names are those of
 * the records, {@code bool} becomes {@code boolean}, kinds and alert types are their contract
 * names. Numbers that are not finite are written as {@code null}.
 */
public final class ProfileJson {
  /** The version of the profile document's shape, written as {@code schemaVersion}. */
  public static final int SCHEMA_VERSION = 1;

  private ProfileJson() {}

  /**
   * The JSON form of a profile.
   *
   * @param profile the profile
   * @return an insertion-ordered map
   */
  public static Map<String, Object> toMap(Profile profile) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("table", profile.table());
    m.put("rowCount", profile.rowCount());
    m.put("columnCount", profile.columnCount());
    m.put("duplicateRows", profile.duplicateRows());
    m.put("duplicateShare", number(profile.duplicateShare()));
    m.put("missingCells", profile.missingCells());
    m.put("missingCellsShare", number(profile.missingCellsShare()));
    m.put("estimatedBytes", profile.estimatedBytes());
    m.put("kinds", new LinkedHashMap<>(profile.kinds()));
    List<Object> columns = new ArrayList<>();
    profile.columns().forEach(c -> columns.add(column(c)));
    m.put("columns", columns);
    m.put("correlations", correlations(profile.correlations()));
    List<Object> alerts = new ArrayList<>();
    profile.alerts().forEach(a -> alerts.add(alert(a)));
    m.put("alerts", alerts);
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("columns", new ArrayList<>(profile.sample().columns()));
    List<Object> rows = new ArrayList<>();
    profile.sample().rows().forEach(r -> rows.add(values(r)));
    sample.put("rows", rows);
    m.put("sample", sample);
    RunInfo run = profile.run();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("generatedAt", run.generatedAt().toString());
    info.put("approximate", run.approximate());
    info.put("minimal", run.minimal());
    info.put("masked", run.masked());
    info.put("queries", run.queries());
    info.put("scans", run.scans());
    info.put("elapsedMs", run.elapsedMs());
    info.put("histogramBins", run.histogramBins());
    m.put("run", info);
    return m;
  }

  /**
   * The JSON form of a comparison: both profiles and the differences.
   *
   * @param comparison the comparison
   * @return an insertion-ordered map
   */
  public static Map<String, Object> toMap(ProfileComparison comparison) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", SCHEMA_VERSION);
    m.put("left", toMap(comparison.left()));
    m.put("right", toMap(comparison.right()));
    m.put("rowCountChange", comparison.rowCountChange());
    m.put("onlyInLeft", new ArrayList<>(comparison.onlyInLeft()));
    m.put("onlyInRight", new ArrayList<>(comparison.onlyInRight()));
    List<Object> columns = new ArrayList<>();
    for (ColumnDifference d : comparison.columns()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", d.name());
      c.put("leftKind", d.leftKind().id());
      c.put("rightKind", d.rightKind().id());
      c.put("kindChanged", d.kindChanged());
      c.put("leftType", d.leftType());
      c.put("rightType", d.rightType());
      c.put("typeChanged", d.typeChanged());
      c.put("missingShareChange", number(d.missingShareChange()));
      c.put("distinctChange", d.distinctChange());
      c.put("meanChange", number(d.meanChange()));
      c.put("meanRelativeChange", number(d.meanRelativeChange()));
      c.put("stdChange", number(d.stdChange()));
      c.put("medianChange", number(d.medianChange()));
      columns.add(c);
    }
    m.put("columns", columns);
    return m;
  }

  private static Map<String, Object> column(ColumnProfile c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("type", c.type());
    m.put("kind", c.kind().id());
    m.put("count", c.count());
    m.put("missing", c.missing());
    m.put("missingShare", number(c.missingShare()));
    m.put("distinct", c.distinct());
    m.put("distinctShare", number(c.distinctShare()));
    m.put("distinctApproximate", c.distinctApproximate());
    m.put("min", value(c.min()));
    m.put("max", value(c.max()));
    m.put("mean", number(c.mean()));
    m.put("std", number(c.std()));
    if (c.quantiles() == null) {
      m.put("quantiles", null);
    } else {
      Map<String, Object> q = new LinkedHashMap<>();
      c.quantiles().forEach((k, v) -> q.put(k, number(v)));
      m.put("quantiles", q);
    }
    m.put("topValues", valueCounts(c.topValues()));
    m.put("numeric", c.numeric() == null ? null : numeric(c.numeric()));
    m.put("strings", c.strings() == null ? null : strings(c.strings()));
    m.put("datetime", c.datetime() == null ? null : datetime(c.datetime()));
    m.put("boolean", c.bool() == null ? null : bool(c.bool()));
    return m;
  }

  private static Map<String, Object> numeric(NumericStats n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("zeros", n.zeros());
    m.put("zerosShare", number(n.zerosShare()));
    m.put("negatives", n.negatives());
    m.put("negativesShare", number(n.negativesShare()));
    m.put("infinite", n.infinite());
    m.put("infiniteShare", number(n.infiniteShare()));
    m.put("range", number(n.range()));
    m.put("variance", number(n.variance()));
    m.put("cv", number(n.cv()));
    m.put("sum", number(n.sum()));
    m.put("skewness", number(n.skewness()));
    m.put("kurtosis", number(n.kurtosis()));
    m.put("mad", number(n.mad()));
    m.put("iqr", number(n.iqr()));
    List<Object> bins = new ArrayList<>();
    for (HistogramBin b : n.histogram()) {
      Map<String, Object> bin = new LinkedHashMap<>();
      bin.put("lower", number(b.lower()));
      bin.put("upper", number(b.upper()));
      bin.put("count", b.count());
      bins.add(bin);
    }
    m.put("histogram", bins);
    m.put("smallest", valueCounts(n.smallest()));
    m.put("largest", valueCounts(n.largest()));
    m.put("uniformPValue", number(n.uniformPValue()));
    return m;
  }

  private static Map<String, Object> strings(StringStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entropy", number(s.entropy()));
    m.put("imbalance", number(s.imbalance()));
    m.put("uniformPValue", number(s.uniformPValue()));
    Map<String, Object> length = new LinkedHashMap<>();
    length.put("min", s.minLength());
    length.put("mean", number(s.meanLength()));
    length.put("median", number(s.medianLength()));
    length.put("max", s.maxLength());
    m.put("length", length);
    CharacterStats c = s.characters();
    if (c == null) {
      m.put("characters", null);
    } else {
      Map<String, Object> chars = new LinkedHashMap<>();
      chars.put("total", c.total());
      chars.put("letters", number(c.letters()));
      chars.put("digits", number(c.digits()));
      chars.put("spaces", number(c.spaces()));
      chars.put("punctuation", number(c.punctuation()));
      chars.put("other", number(c.other()));
      chars.put("nonAscii", number(c.nonAscii()));
      m.put("characters", chars);
    }
    return m;
  }

  private static Map<String, Object> datetime(DatetimeStats d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rangeSeconds", number(d.rangeSeconds()));
    m.put("period", d.period());
    List<Object> periods = new ArrayList<>();
    for (PeriodCount p : d.histogram()) {
      Map<String, Object> period = new LinkedHashMap<>();
      period.put("start", p.start());
      period.put("count", p.count());
      periods.add(period);
    }
    m.put("histogram", periods);
    m.put("smallest", valueCounts(d.smallest()));
    m.put("largest", valueCounts(d.largest()));
    return m;
  }

  private static Map<String, Object> bool(BooleanStats b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trueCount", b.trueCount());
    m.put("falseCount", b.falseCount());
    m.put("imbalance", number(b.imbalance()));
    return m;
  }

  private static Object correlations(Correlations c) {
    if (c == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pearson", matrix(c.pearson()));
    m.put("spearman", matrix(c.spearman()));
    m.put("cramersV", matrix(c.cramersV()));
    return m;
  }

  private static Object matrix(CorrelationMatrix matrix) {
    if (matrix == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", matrix.method());
    m.put("columns", new ArrayList<>(matrix.columns()));
    List<Object> rows = new ArrayList<>();
    for (List<Double> row : matrix.values()) {
      List<Object> out = new ArrayList<>();
      row.forEach(v -> out.add(number(v)));
      rows.add(out);
    }
    m.put("values", rows);
    return m;
  }

  private static Map<String, Object> alert(Alert a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", a.type().name());
    m.put("column", a.column());
    m.put("otherColumn", a.otherColumn());
    m.put("value", number(a.value()));
    m.put("message", a.message());
    return m;
  }

  private static List<Object> valueCounts(List<ValueCount> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (ValueCount v : values) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("value", value(v.value()));
      m.put("count", v.count());
      m.put("share", number(v.share()));
      out.add(m);
    }
    return out;
  }

  private static List<Object> values(List<Object> row) {
    List<Object> out = new ArrayList<>(row.size());
    row.forEach(v -> out.add(value(v)));
    return out;
  }

  /** A data value; non-finite floating-point values become the strings the contract names. */
  private static Object value(Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
      return d;
    }
    return v;
  }

  private static Double number(Double v) {
    return v == null || !Double.isFinite(v) ? null : v;
  }
}

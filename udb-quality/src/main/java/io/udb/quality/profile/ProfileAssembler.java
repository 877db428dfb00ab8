package io.udb.quality.profile;

import io.udb.security.pii.ColumnClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns what a {@link ProfileRun} learned into the immutable {@link Profile}. */
final class ProfileAssembler {
  /** Datetime histograms with up to this many periods show empty periods too. */
  static final int MAX_FILLED_PERIODS = 400;

  private final ProfileRun run;
  private final ProfileOptions options;
  private final long rows;
  private ValueMasking masking;

  ProfileAssembler(ProfileRun run) {
    this.run = run;
    this.options = run.options();
    this.rows = run.rowCount();
  }

  Profile assemble(ColumnClassifier classifier, Instant generatedAt, long elapsedMs) {
    masking = ValueMasking.of(options, classifier, run.table().name(), classificationSamples());
    List<ColumnProfile> columns = new ArrayList<>();
    long missingCells = 0;
    long bytes = 0;
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (ColumnKind kind : ColumnKind.values()) {
      kinds.put(kind.id(), 0);
    }
    for (ColumnState c : run.columns()) {
      ColumnProfile profile = column(c);
      columns.add(profile);
      missingCells += profile.missing();
      bytes += (long) c.spec.fixedWidth() * c.count + c.totalBytes;
      kinds.merge(c.kind.id(), 1, Integer::sum);
    }
    long cells = rows * columns.size();
    Long duplicates = run.duplicateRows();
    Double duplicateShare = duplicates == null ? null : share(duplicates);
    Correlations correlations =
        options.minimal()
            ? null
            : new Correlations(
                matrix("pearson", run.numericCorrelated(), run.pearson()),
                matrix("spearman", run.numericCorrelated(), run.spearman()),
                matrix("cramers_v", run.categoricalCorrelated(), run.cramersV()));
    List<Alert> alerts =
        AlertRules.derive(
            rows, duplicates, duplicateShare, columns, correlations, options.alerts());
    return new Profile(
        run.table().name(),
        rows,
        columns.size(),
        duplicates,
        duplicateShare,
        missingCells,
        cells == 0 ? 0.0 : (double) missingCells / cells,
        bytes,
        kinds,
        columns,
        correlations,
        alerts,
        sample(),
        new RunInfo(
            generatedAt,
            options.approximate(),
            options.minimal(),
            masking.masks(),
            run.queries(),
            run.scans(),
            elapsedMs,
            options.histogramBins()));
  }

  private ColumnProfile column(ColumnState c) {
    long missing = rows - c.count;
    boolean approximateDistinct = !c.frequenciesKnown;
    long distinct =
        approximateDistinct
            ? Math.min(c.count, c.approximateDistinct == null ? 0 : c.approximateDistinct)
            : c.distinct;
    Object min = null;
    Object max = null;
    Double mean = null;
    Double std = null;
    Map<String, Double> quantiles = null;
    NumericStats numeric = null;
    StringStats strings = null;
    DatetimeStats datetime = null;
    BooleanStats bool = null;
    switch (c.kind) {
      case NUMERIC -> {
        min = numberShown(c, c.min);
        max = numberShown(c, c.max);
        mean = Moments.finite(c.mean);
        std = Moments.finite(c.std);
        quantiles =
            quantiles(
                c.frequenciesKnown && c.finiteCount > 0
                    ? Quantiles.fromBounds(c.quantileBounds, c.finiteCount)
                    : c.approximateQuantiles);
        numeric = numeric(c, quantiles);
      }
      case DATETIME -> {
        min = shown(c, c.minValue);
        max = shown(c, c.maxValue);
        datetime =
            new DatetimeStats(
                c.rangeSeconds,
                c.period,
                periods(c),
                extremes(c, c.smallest, c.smallestValues),
                extremes(c, c.largest, c.largestValues));
      }
      case BOOLEAN -> {
        long falseCount = c.count - c.trueCount;
        bool =
            new BooleanStats(
                c.trueCount, falseCount, Moments.imbalance(booleanEntropy(c), distinct));
      }
      case CATEGORICAL, TEXT -> {
        min = shown(c, c.minValue);
        max = shown(c, c.maxValue);
        strings = strings(c, distinct);
      }
    }
    return new ColumnProfile(
        c.name(),
        c.spec.type(),
        c.kind,
        c.count,
        missing,
        share(missing),
        distinct,
        c.count == 0 ? 0.0 : (double) distinct / c.count,
        approximateDistinct,
        min,
        max,
        mean,
        std,
        quantiles,
        valueCounts(c, c.top),
        numeric,
        strings,
        datetime,
        bool);
  }

  private NumericStats numeric(ColumnState c, Map<String, Double> quantiles) {
    Double range = c.min == null || c.max == null ? null : c.max - c.min;
    Double cv =
        c.std == null || c.mean == null || c.mean == 0 ? null : Moments.finite(c.std / c.mean);
    Double iqr =
        quantiles == null || quantiles.get("0.75") == null || quantiles.get("0.25") == null
            ? null
            : quantiles.get("0.75") - quantiles.get("0.25");
    List<HistogramBin> histogram = new ArrayList<>();
    Double uniform = null;
    if (c.bins != null && c.min != null) {
      int n = c.bins.length;
      double width = (c.max - c.min) / n;
      for (int i = 0; i < n; i++) {
        double lower = c.min + i * width;
        double upper = i == n - 1 ? c.max : c.min + (i + 1) * width;
        histogram.add(new HistogramBin(lower, upper, c.bins[i]));
      }
      uniform = n < 2 ? null : Moments.uniformPValue(Moments.uniformStatistic(c.bins), n);
    }
    return new NumericStats(
        c.zeros,
        share(c.zeros),
        c.negatives,
        share(c.negatives),
        c.infinite,
        share(c.infinite),
        range,
        Moments.finite(c.variance),
        cv,
        Moments.finite(c.sum),
        Moments.skewness(c.finiteCount, c.centralSum2, c.centralSum3),
        Moments.kurtosis(c.finiteCount, c.centralSum2, c.centralSum4),
        Moments.finite(c.mad),
        iqr,
        histogram,
        extremes(c, c.smallest, c.smallestValues),
        extremes(c, c.largest, c.largestValues),
        uniform);
  }

  private StringStats strings(ColumnState c, long distinct) {
    Double entropy = Moments.entropyBits(c.count, c.sumNLogN);
    Double uniform =
        c.sumNSquared == null || c.count == 0 || distinct < 2
            ? null
            : Moments.uniformPValue(
                (double) distinct / c.count * c.sumNSquared - c.count, distinct);
    CharacterStats characters = null;
    if (c.charactersKnown && c.totalLength > 0) {
      double total = c.totalLength;
      long other = c.totalLength - c.letters - c.digits - c.spaces - c.punctuation;
      characters =
          new CharacterStats(
              c.totalLength,
              c.letters / total,
              c.digits / total,
              c.spaces / total,
              c.punctuation / total,
              Math.max(0, other) / total,
              c.nonAscii / total);
    }
    return new StringStats(
        entropy,
        Moments.imbalance(entropy, distinct),
        uniform,
        c.minLength,
        c.count == 0 ? null : (double) c.totalLength / c.count,
        c.medianLength,
        c.maxLength,
        characters);
  }

  private Double booleanEntropy(ColumnState c) {
    long t = c.trueCount;
    long f = c.count - t;
    if (c.count == 0) {
      return null;
    }
    double sum = (t > 0 ? t * Math.log(t) : 0) + (f > 0 ? f * Math.log(f) : 0);
    return Moments.entropyBits(c.count, sum);
  }

  private static Map<String, Double> quantiles(List<Object> values) {
    if (values.size() != ColumnProfile.QUANTILE_KEYS.size()) {
      return null;
    }
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      map.put(ColumnProfile.QUANTILE_KEYS.get(i), AggregateQuery.toDouble(values.get(i)));
    }
    return map;
  }

  private List<PeriodCount> periods(ColumnState c) {
    Map<String, Long> sorted = new TreeMap<>();
    for (Object item : c.periodCounts) {
      Map<?, ?> s = (Map<?, ?>) item;
      sorted.merge(String.valueOf(s.get("k")), ((Number) s.get("n")).longValue(), Long::sum);
    }
    List<PeriodCount> out = new ArrayList<>();
    if (sorted.isEmpty()) {
      return out;
    }
    // empty periods inside the range count as 0, so that gaps show; bounded for forced periods
    List<String> all = Periods.between(sorted.keySet().iterator().next(), last(sorted), c.period);
    if (all.size() <= MAX_FILLED_PERIODS) {
      all.forEach(k -> out.add(new PeriodCount(k, sorted.getOrDefault(k, 0L))));
    } else {
      sorted.forEach((k, v) -> out.add(new PeriodCount(k, v)));
    }
    return out;
  }

  /** Extremes with counts from the grouping, else (approximate mode) the distinct values only. */
  private List<ValueCount> extremes(ColumnState c, List<Object> grouped, List<Object> values) {
    if (c.frequenciesKnown) {
      return valueCounts(c, grouped);
    }
    List<ValueCount> out = new ArrayList<>();
    for (Object v : new LinkedHashSet<>(values)) {
      out.add(new ValueCount(shown(c, v), null, null));
    }
    return out;
  }

  private static String last(Map<String, Long> sorted) {
    String last = null;
    for (String k : sorted.keySet()) {
      last = k;
    }
    return last;
  }

  private List<ValueCount> valueCounts(ColumnState c, List<Object> structs) {
    List<ValueCount> out = new ArrayList<>(structs.size());
    for (Object item : structs) {
      Map<?, ?> s = (Map<?, ?>) item;
      long n = ((Number) s.get("n")).longValue();
      out.add(new ValueCount(shown(c, s.get("v")), n, share(n)));
    }
    return out;
  }

  private Object shown(ColumnState c, Object value) {
    return masking.value(c.name(), value);
  }

  /** Integer columns show integral extremes as whole numbers. */
  private Object numberShown(ColumnState c, Double value) {
    if (value == null) {
      return null;
    }
    boolean integral =
        c.base() == ColumnSpec.Base.NUMERIC
            && !c.spec.type().toUpperCase(Locale.ROOT).startsWith("DECIMAL")
            && Math.abs(value) < 9.007199254740992E15;
    return shown(c, integral ? (Object) value.longValue() : value);
  }

  private SampleRows sample() {
    List<String> names = run.sampleColumns();
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : run.sampleRows()) {
      List<Object> shownRow = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        shownRow.add(masking.value(names.get(i), row.get(i)));
      }
      rows.add(shownRow);
    }
    return new SampleRows(names, rows);
  }

  private CorrelationMatrix matrix(String method, List<ColumnState> columns, Double[][] values) {
    if (values == null) {
      return null;
    }
    List<List<Double>> rowsOut = new ArrayList<>();
    for (Double[] row : values) {
      rowsOut.add(Arrays.asList(row));
    }
    return new CorrelationMatrix(method, columns.stream().map(ColumnState::name).toList(), rowsOut);
  }

  /** Values per column to classify PII from: the sample and the top values. */
  private Map<String, List<Object>> classificationSamples() {
    Map<String, List<Object>> samples = new LinkedHashMap<>();
    for (ColumnState c : run.columns()) {
      List<Object> values = new ArrayList<>();
      int index = run.sampleColumns().indexOf(c.name());
      if (index >= 0) {
        for (List<Object> row : run.sampleRows()) {
          values.add(row.get(index));
        }
      }
      for (Object item : c.top) {
        values.add(((Map<?, ?>) item).get("v"));
      }
      samples.put(c.name(), values);
    }
    return samples;
  }

  private double share(long count) {
    return rows == 0 ? 0.0 : (double) count / rows;
  }
}

package io.udb.quality.drift;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Descriptive statistics of one side of a column, as pandas computes them: {@code count} is the
 * number of non-missing values, {@code std} the sample standard deviation, quantiles are linearly
 * interpolated (numpy's default). Numeric columns fill {@code min}, {@code max} (as {@link
 * Double}), {@code mean}, {@code std} and {@code quantiles}; text columns fill {@code min}, {@code
 * max} (as {@link String}, code point order), {@code top}, {@code topCount} and the length fields
 * (in code points). Fields that do not apply, or have no values, are null.
 *
 * @param rows all rows
 * @param count non-missing values
 * @param missing NULLs (and, for numbers, non-finite values)
 * @param invalid non-finite numbers (NaN, infinities), counted in {@code missing} too
 * @param distinct distinct non-missing values
 * @param min smallest value
 * @param max largest value
 * @param mean arithmetic mean
 * @param std sample standard deviation (ddof 1)
 * @param quantiles quantiles 0.05, 0.25, 0.5, 0.75, 0.95 keyed by their decimal text
 * @param top most frequent value (the smallest among equally frequent ones)
 * @param topCount its count
 * @param lengthMin shortest value length
 * @param lengthMax longest value length
 * @param lengthMean mean value length
 */
public record ColumnSummary(
    long rows,
    long count,
    long missing,
    long invalid,
    long distinct,
    Object min,
    Object max,
    Double mean,
    Double std,
    Map<String, Double> quantiles,
    String top,
    Long topCount,
    Integer lengthMin,
    Integer lengthMax,
    Double lengthMean) {

  /** The quantiles every numeric summary holds. */
  static final double[] QUANTILES = {0.05, 0.25, 0.5, 0.75, 0.95};

  /** Copies the quantiles. */
  public ColumnSummary {
    quantiles = quantiles == null ? null : Map.copyOf(quantiles);
  }

  /** The summary as JSON, with only the fields that apply; non-finite numbers as strings. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rows", rows);
    json.put("count", count);
    json.put("missing", missing);
    json.put("invalid", invalid);
    json.put("distinct", distinct);
    putIfPresent(json, "min", min instanceof Double d ? JsonNumbers.of(d) : min);
    putIfPresent(json, "max", max instanceof Double d ? JsonNumbers.of(d) : max);
    putIfPresent(json, "mean", mean == null ? null : JsonNumbers.of(mean));
    putIfPresent(json, "std", std == null ? null : JsonNumbers.of(std));
    if (quantiles != null) {
      Map<String, Object> q = new LinkedHashMap<>();
      for (double fraction : QUANTILES) {
        String key = quantileKey(fraction);
        if (quantiles.containsKey(key)) {
          q.put(key, JsonNumbers.of(quantiles.get(key)));
        }
      }
      json.put("quantiles", q);
    }
    putIfPresent(json, "top", top);
    putIfPresent(json, "topCount", topCount);
    putIfPresent(json, "lengthMin", lengthMin);
    putIfPresent(json, "lengthMax", lengthMax);
    putIfPresent(json, "lengthMean", lengthMean == null ? null : JsonNumbers.of(lengthMean));
    return json;
  }

  /**
   * Reads a summary written by {@link #toJson()}.
   *
   * @param json the JSON object
   * @param numeric whether {@code min} and {@code max} are numbers
   * @return the summary
   */
  static ColumnSummary fromJson(Map<String, Object> json, boolean numeric) {
    Map<String, Double> quantiles = null;
    if (json.get("quantiles") instanceof Map<?, ?> q) {
      quantiles = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : q.entrySet()) {
        quantiles.put(String.valueOf(entry.getKey()), JsonNumbers.toDouble(entry.getValue()));
      }
    }
    Object min = json.get("min");
    Object max = json.get("max");
    return new ColumnSummary(
        JsonNumbers.toLong(json.get("rows")),
        JsonNumbers.toLong(json.get("count")),
        JsonNumbers.toLong(json.get("missing")),
        JsonNumbers.toLong(json.get("invalid")),
        JsonNumbers.toLong(json.get("distinct")),
        min == null ? null : numeric ? JsonNumbers.toDouble(min) : (Object) String.valueOf(min),
        max == null ? null : numeric ? JsonNumbers.toDouble(max) : (Object) String.valueOf(max),
        json.get("mean") == null ? null : JsonNumbers.toDouble(json.get("mean")),
        json.get("std") == null ? null : JsonNumbers.toDouble(json.get("std")),
        quantiles,
        json.get("top") == null ? null : String.valueOf(json.get("top")),
        json.get("topCount") == null ? null : JsonNumbers.toLong(json.get("topCount")),
        json.get("lengthMin") == null ? null : (int) JsonNumbers.toLong(json.get("lengthMin")),
        json.get("lengthMax") == null ? null : (int) JsonNumbers.toLong(json.get("lengthMax")),
        json.get("lengthMean") == null ? null : JsonNumbers.toDouble(json.get("lengthMean")));
  }

  /** The key of a quantile in {@link #quantiles()}, e.g. {@code 0.5}. */
  static String quantileKey(double fraction) {
    return Double.toString(fraction);
  }

  private static void putIfPresent(Map<String, Object> json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}

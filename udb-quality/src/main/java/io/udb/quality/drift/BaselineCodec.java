package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stats_json} of a baseline column. Numeric: {@code {"summary", "values", "counts",
 * "missing", "invalid", "integral", "approximate"}}; text: {@code {"summary", "categories",
 * "counts", "missing", "other"}}. Doubles are written with enough digits to read back the same
 * double.
 */
final class BaselineCodec {
  private BaselineCodec() {}

  /** Writes a side. */
  static String write(ColumnSide side) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("summary", side.summary().toJson());
    if (side.isNumeric()) {
      NumericCounts counts = side.numeric();
      List<Double> values = new ArrayList<>(counts.size());
      List<Long> tally = new ArrayList<>(counts.size());
      for (int i = 0; i < counts.size(); i++) {
        values.add(counts.value(i));
        tally.add(counts.count(i));
      }
      json.put("values", values);
      json.put("counts", tally);
      json.put("missing", counts.missing());
      json.put("invalid", counts.invalid());
      json.put("integral", counts.integral());
      json.put("approximate", counts.approximate());
    } else {
      TextCounts counts = side.text();
      List<String> categories = new ArrayList<>(counts.size());
      List<Long> tally = new ArrayList<>(counts.size());
      for (int i = 0; i < counts.size(); i++) {
        categories.add(counts.category(i));
        tally.add(counts.count(i));
      }
      json.put("categories", categories);
      json.put("counts", tally);
      json.put("missing", counts.missing());
      json.put("other", counts.otherCount());
    }
    return Json.write(json);
  }

  /** Reads a side written by {@link #write}. */
  static ColumnSide read(String text) {
    Map<String, Object> json = Json.readObject(text);
    List<?> counts = list(json, "counts");
    long[] tally = new long[counts.size()];
    for (int i = 0; i < tally.length; i++) {
      tally[i] = JsonNumbers.toLong(counts.get(i));
    }
    boolean numeric = json.containsKey("values");
    ColumnSummary summary = ColumnSummary.fromJson(object(json, "summary"), numeric);
    if (numeric) {
      List<?> values = list(json, "values");
      double[] doubles = new double[values.size()];
      for (int i = 0; i < doubles.length; i++) {
        doubles[i] = JsonNumbers.toDouble(values.get(i));
      }
      NumericCounts side =
          new NumericCounts(
              doubles,
              tally,
              JsonNumbers.toLong(json.get("missing")),
              JsonNumbers.toLong(json.get("invalid")),
              Boolean.TRUE.equals(json.get("integral")),
              Boolean.TRUE.equals(json.get("approximate")));
      return new ColumnSide(side, null, summary);
    }
    List<?> categories = list(json, "categories");
    String[] labels = new String[categories.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = String.valueOf(categories.get(i));
    }
    TextCounts side =
        new TextCounts(
            labels,
            tally,
            JsonNumbers.toLong(json.get("missing")),
            JsonNumbers.toLong(json.get("other")));
    return new ColumnSide(null, side, summary);
  }

  private static List<?> list(Map<String, Object> json, String key) {
    if (json.get(key) instanceof List<?> list) {
      return list;
    }
    throw corrupt(key);
  }

  private static Map<String, Object> object(Map<String, Object> json, String key) {
    if (json.get(key) instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    throw corrupt(key);
  }

  private static UdbException corrupt(String key) {
    return new UdbException(
        ErrorCode.STORAGE_ERROR, "A stored baseline is damaged: '" + key + "' is missing");
  }
}

package io.udb.spark.conformance;

import io.udb.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Compares what the two engines produced, as JSON-like trees (maps, lists, strings, numbers,
 * booleans, nulls), and collects every difference with its path: structure, strings, booleans and
 * whole numbers must be equal; floating point numbers within {@value #STATISTIC} relative, or
 * {@value #P_VALUE} for fields named {@code pValue}; named fields may be compared by a rule of
 * their own (type names, which each engine spells its way) or left out (times of the run).
 */
final class Agreement {
  /** Relative tolerance of statistics and metric values. */
  static final double STATISTIC = 1e-9;

  /** Relative tolerance of p-values. */
  static final double P_VALUE = 1e-6;

  private final Set<String> ignored = new LinkedHashSet<>();
  private final Map<String, BiPredicate<Object, Object>> rules = new java.util.HashMap<>();
  private final List<String> differences = new ArrayList<>();

  /** Leaves fields of this name out of the comparison. */
  Agreement ignore(String field) {
    ignored.add(field);
    return this;
  }

  /** Compares fields of this name with a rule (DuckDB's value, Spark's value). */
  Agreement rule(String field, BiPredicate<Object, Object> sameMeaning) {
    rules.put(field, sameMeaning);
    return this;
  }

  /** The differences found so far, one line each. */
  List<String> differences() {
    return List.copyOf(differences);
  }

  /**
   * Compares two trees.
   *
   * @param path where they are, for the messages
   * @param duck DuckDB's value
   * @param spark Spark's value
   * @return this, to chain
   */
  Agreement compare(String path, Object duck, Object spark) {
    compare(path, lastField(path), duck, spark);
    return this;
  }

  private void compare(String path, String field, Object duck, Object spark) {
    if (ignored.contains(field)) {
      return;
    }
    BiPredicate<Object, Object> rule = rules.get(field);
    if (rule != null) {
      if (!rule.test(duck, spark)) {
        differ(path, duck, spark);
      }
      return;
    }
    if (duck instanceof Map<?, ?> a && spark instanceof Map<?, ?> b) {
      Set<Object> keys = new LinkedHashSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (Object key : keys) {
        String name = String.valueOf(key);
        if (!ignored.contains(name) && (!a.containsKey(key) || !b.containsKey(key))) {
          differences.add(path + "/" + name + ": present on one engine only");
          continue;
        }
        compare(path + "/" + name, name, a.get(key), b.get(key));
      }
    } else if (duck instanceof List<?> a && spark instanceof List<?> b) {
      if (a.size() != b.size()) {
        differ(path + " (size)", a.size(), b.size());
        return;
      }
      for (int i = 0; i < a.size(); i++) {
        compare(path + "[" + i + "]", field, a.get(i), b.get(i));
      }
    } else if (floating(duck) || floating(spark)) {
      if (!(duck instanceof Number a && spark instanceof Number b)
          || !close(
              a.doubleValue(), b.doubleValue(), field.equals("pValue") ? P_VALUE : STATISTIC)) {
        differ(path, duck, spark);
      }
    } else if (duck instanceof Number a && spark instanceof Number b) {
      if (a.longValue() != b.longValue()) {
        differ(path, duck, spark);
      }
    } else if (!Objects.equals(duck, spark)) {
      differ(path, duck, spark);
    }
  }

  private void differ(String path, Object duck, Object spark) {
    differences.add(path + ": DuckDB " + duck + ", Spark " + spark);
  }

  private static boolean floating(Object value) {
    return value instanceof Double
        || value instanceof Float
        || value instanceof java.math.BigDecimal;
  }

  /** Equal within a relative tolerance; NaN equals NaN, infinities themselves. */
  static boolean close(double a, double b, double tolerance) {
    if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
      return Double.compare(a, b) == 0;
    }
    return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b))
        || Math.abs(a - b) <= Double.MIN_NORMAL;
  }

  private static String lastField(String path) {
    int slash = path.lastIndexOf('/');
    String last = slash < 0 ? path : path.substring(slash + 1);
    int bracket = last.indexOf('[');
    return bracket < 0 ? last : last.substring(0, bracket);
  }

  /** The repository's {@code testdata} folder, found by walking up from the working directory. */
  static Path testdata() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("testdata");
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no testdata/README.md above " + Path.of("").toAbsolutePath());
  }

  /** A JSON object file of {@code testdata}. */
  static Map<String, Object> json(String relative) {
    try {
      return Json.readObject(
          Files.readString(testdata().resolve(relative), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

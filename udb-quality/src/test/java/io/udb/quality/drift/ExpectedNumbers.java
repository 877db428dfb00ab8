package io.udb.quality.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares computed values with the numbers of an expected file and remembers which of its leaves
 * were compared, so a test can prove that none was left out.
 */
final class ExpectedNumbers {
  /** Relative tolerance for statistics. */
  static final double STATISTIC_TOLERANCE = 1e-9;

  /** Tolerance for p-values: relative, with an absolute floor for values near zero. */
  static final double P_VALUE_TOLERANCE = 1e-6;

  private final Map<String, Object> root;
  private final Set<String> compared = new TreeSet<>();
  private final List<String> failures = new ArrayList<>();

  ExpectedNumbers(Map<String, Object> root) {
    this.root = root;
  }

  /** The value at a path such as {@code columns/wind/drift/psi}; list items as {@code edges[3]}. */
  Object at(String path) {
    Object node = root;
    for (String part : path.split("/")) {
      int bracket = part.indexOf('[');
      String key = bracket < 0 ? part : part.substring(0, bracket);
      node = ((Map<?, ?>) node).get(key);
      if (bracket >= 0) {
        int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
        node = ((List<?>) node).get(index);
      }
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  boolean has(String path) {
    return at(path) != null;
  }

  /** Compares a statistic within {@link #STATISTIC_TOLERANCE} relative. */
  void statistic(String path, double actual) {
    number(path, actual, STATISTIC_TOLERANCE, 1e-15);
  }

  /** Compares a p-value within {@link #P_VALUE_TOLERANCE} relative (absolute below 1e-300). */
  void pValue(String path, double actual) {
    number(path, actual, P_VALUE_TOLERANCE, 1e-300);
  }

  private void number(String path, double actual, double relative, double absoluteFloor) {
    Object expectedValue = at(path);
    compared.add(path);
    if (expectedValue == null) {
      failures.add(path + ": missing in the expected file");
      return;
    }
    double expected = JsonNumbers.toDouble(expectedValue);
    boolean same =
        Double.isNaN(expected)
            ? Double.isNaN(actual)
            : Double.isInfinite(expected)
                ? expected == actual
                : Math.abs(actual - expected)
                    <= Math.max(relative * Math.abs(expected), absoluteFloor);
    if (!same) {
      failures.add(path + ": expected " + expected + " but computed " + actual);
    }
  }

  /** Compares an exact value (count, string). */
  void exact(String path, Object actual) {
    Object expectedValue = at(path);
    compared.add(path);
    boolean same =
        expectedValue instanceof Number e && actual instanceof Number a
            ? e.doubleValue() == a.doubleValue()
            : String.valueOf(expectedValue).equals(String.valueOf(actual));
    if (!same) {
      failures.add(path + ": expected " + expectedValue + " but computed " + actual);
    }
  }

  /** Compares a list of statistics element by element. */
  void statistics(String path, double[] actual) {
    sameLength(path, ((List<?>) at(path)).size(), actual.length);
    for (int i = 0; i < Math.min(actual.length, ((List<?>) at(path)).size()); i++) {
      statistic(path + "[" + i + "]", actual[i]);
    }
  }

  /** Compares a list of counts element by element. */
  void counts(String path, long[] actual) {
    sameLength(path, ((List<?>) at(path)).size(), actual.length);
    for (int i = 0; i < Math.min(actual.length, ((List<?>) at(path)).size()); i++) {
      exact(path + "[" + i + "]", actual[i]);
    }
  }

  /** Compares a list of strings element by element. */
  void strings(String path, List<String> actual) {
    sameLength(path, ((List<?>) at(path)).size(), actual.size());
    for (int i = 0; i < Math.min(actual.size(), ((List<?>) at(path)).size()); i++) {
      exact(path + "[" + i + "]", actual.get(i));
    }
  }

  private void sameLength(String path, int expected, int actual) {
    if (expected != actual) {
      failures.add(path + ": expected " + expected + " items but computed " + actual);
    }
  }

  /** Marks a leaf as deliberately not compared (descriptive text, not a number). */
  void skip(String path) {
    compared.add(path);
  }

  /** The comparisons that failed. */
  List<String> failures() {
    return failures;
  }

  /** How many leaves were compared. */
  int comparedCount() {
    return compared.size();
  }

  /** Leaves under {@code prefix} that hold a value and were never compared. */
  List<String> uncompared(String prefix) {
    List<String> missing = new ArrayList<>();
    collect(prefix, at(prefix), missing);
    return missing;
  }

  private void collect(String path, Object node, List<String> missing) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        collect(path + "/" + entry.getKey(), entry.getValue(), missing);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collect(path + "[" + i + "]", list.get(i), missing);
      }
    } else if (!compared.contains(path)) {
      missing.add(path);
    }
  }
}

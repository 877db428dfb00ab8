package io.udb.quality.drift;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One side of a categorical column: its distinct non-missing values in code point order with their
 * counts. A capped side (see {@link #compress}) also holds the total count of the categories it
 * dropped, which then act as one "other" category.
 */
final class TextCounts {
  /** Orders strings by Unicode code point, as Python and DuckDB's binary collation do. */
  static final Comparator<String> CODE_POINT_ORDER = TextCounts::compareCodePoints;

  private final String[] categories;
  private final long[] counts;
  private final long missing;
  private final long otherCount;

  /**
   * Takes ownership of the arrays.
   *
   * @param categories distinct values in code point order
   * @param counts positive counts, one per category
   * @param missing NULLs
   * @param otherCount values of categories dropped by a cap
   */
  TextCounts(String[] categories, long[] counts, long missing, long otherCount) {
    if (categories.length != counts.length) {
      throw new IllegalArgumentException("categories and counts differ in length");
    }
    for (int i = 0; i < categories.length; i++) {
      if (counts[i] <= 0 || (i > 0 && compareCodePoints(categories[i - 1], categories[i]) >= 0)) {
        throw new IllegalArgumentException("categories must be increasing, counts positive");
      }
    }
    this.categories = categories;
    this.counts = counts;
    this.missing = missing;
    this.otherCount = otherCount;
  }

  /**
   * Builds the counts from unordered rows of (value, count); a null value counts as missing.
   *
   * @param rowValues the values
   * @param rowCounts their counts
   * @param rows how many rows are filled
   * @return the counts
   */
  static TextCounts fromRows(String[] rowValues, long[] rowCounts, int rows) {
    Integer[] order = new Integer[rows];
    long missing = 0;
    int size = 0;
    for (int i = 0; i < rows; i++) {
      if (rowValues[i] == null) {
        missing += rowCounts[i];
      } else {
        order[size++] = i;
      }
    }
    Integer[] present = Arrays.copyOf(order, size);
    Arrays.sort(present, (a, b) -> compareCodePoints(rowValues[a], rowValues[b]));
    String[] categories = new String[size];
    long[] counts = new long[size];
    int distinct = 0;
    for (Integer index : present) {
      if (distinct > 0 && categories[distinct - 1].equals(rowValues[index])) {
        counts[distinct - 1] += rowCounts[index];
      } else {
        categories[distinct] = rowValues[index];
        counts[distinct] = rowCounts[index];
        distinct++;
      }
    }
    return new TextCounts(
        Arrays.copyOf(categories, distinct), Arrays.copyOf(counts, distinct), missing, 0);
  }

  int size() {
    return categories.length;
  }

  String category(int index) {
    return categories[index];
  }

  long count(int index) {
    return counts[index];
  }

  /** The position of a category, or a negative number when absent. */
  int indexOf(String category) {
    return Arrays.binarySearch(categories, category, CODE_POINT_ORDER);
  }

  /** Non-missing values, the "other" ones included. */
  long count() {
    long total = otherCount;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  long missing() {
    return missing;
  }

  long otherCount() {
    return otherCount;
  }

  /** The descriptive statistics of this side (exact only when nothing was folded into other). */
  ColumnSummary summary() {
    long n = count();
    if (categories.length == 0) {
      return new ColumnSummary(
          n + missing,
          n,
          missing,
          0,
          0,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    int top = 0;
    int lengthMin = Integer.MAX_VALUE;
    int lengthMax = 0;
    double lengthSum = 0;
    for (int i = 0; i < categories.length; i++) {
      if (counts[i] > counts[top]) {
        top = i;
      }
      int length = categories[i].codePointCount(0, categories[i].length());
      lengthMin = Math.min(lengthMin, length);
      lengthMax = Math.max(lengthMax, length);
      lengthSum += (double) length * counts[i];
    }
    return new ColumnSummary(
        n + missing,
        n,
        missing,
        0,
        categories.length,
        categories[0],
        categories[categories.length - 1],
        null,
        null,
        null,
        categories[top],
        counts[top],
        lengthMin,
        lengthMax,
        lengthSum / n);
  }

  /**
   * This side with at most {@code maxCategories} categories: the most frequent ones are kept (the
   * smaller value first among equal counts), the rest are counted together as "other".
   *
   * @param maxCategories the largest number of categories kept
   * @return this or the capped side
   */
  TextCounts compress(int maxCategories) {
    if (categories.length <= maxCategories) {
      return this;
    }
    Integer[] order = new Integer[categories.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : a - b);
    Integer[] kept = Arrays.copyOf(order, maxCategories);
    Arrays.sort(kept);
    String[] keptCategories = new String[maxCategories];
    long[] keptCounts = new long[maxCategories];
    long keptTotal = 0;
    for (int i = 0; i < maxCategories; i++) {
      keptCategories[i] = categories[kept[i]];
      keptCounts[i] = counts[kept[i]];
      keptTotal += keptCounts[i];
    }
    return new TextCounts(keptCategories, keptCounts, missing, count() - keptTotal);
  }

  /** Compares two strings by Unicode code point rather than UTF-16 unit. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}

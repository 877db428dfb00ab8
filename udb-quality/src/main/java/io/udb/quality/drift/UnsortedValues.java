package io.udb.quality.drift;

import java.util.Arrays;

/**
 * The finite values of one numeric side collected row by row in no particular order, turned into
 * {@link NumericCounts} by a least-significant-digit radix sort of their bit patterns and one pass
 * that counts runs of equal values.
 *
 * <p>This is the cheap way to read a column whose values are nearly all distinct: grouping such a
 * column in the engine builds a hash table as large as the table and then sorts it, where streaming
 * the raw values and sorting them here costs a fraction of that (see {@link CountsLoader}). Each
 * value is held as a {@code long} whose unsigned order is the numeric order of the double, so the
 * sort needs no comparisons; digits on which all values agree (the sign and most of the exponent of
 * a column of amounts, say) are skipped.
 *
 * <p>Memory: 8 bytes per value while collecting, twice that while sorting.
 */
final class UnsortedValues {
  private static final int DIGIT_BITS = 11;
  private static final int DIGIT_VALUES = 1 << DIGIT_BITS;
  private static final int DIGITS = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;

  private long[] keys;
  private int size;

  /**
   * An empty collection.
   *
   * @param expected how many values are expected (the initial capacity)
   */
  UnsortedValues(int expected) {
    keys = new long[Math.max(16, expected)];
  }

  /**
   * Adds a finite value; {@code -0.0} counts as {@code 0.0}.
   *
   * @param value the value
   */
  void add(double value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, Math.max(16, size + (size >> 1)));
    }
    keys[size++] = key(value == 0.0 ? 0.0 : value);
  }

  /**
   * Sorts the values and counts each distinct one.
   *
   * @param missing NULLs plus invalid values of the side
   * @param invalid non-finite values of the side
   * @param integral whether the column has an integer type
   * @return the counts; this collection must not be used afterwards
   */
  NumericCounts toCounts(long missing, long invalid, boolean integral) {
    long[] sorted = sort(keys, size);
    keys = null;
    int distinct = 0;
    for (int i = 0; i < size; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    double[] values = new double[distinct];
    long[] counts = new long[distinct];
    int at = -1;
    for (int i = 0; i < size; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        values[++at] = value(sorted[i]);
      }
      counts[at]++;
    }
    return new NumericCounts(values, counts, missing, invalid, integral, false);
  }

  /**
   * The key of a double: its bits with the sign bit flipped for non-negative values and all bits
   * flipped for negative ones, so that unsigned order is numeric order.
   */
  static long key(double value) {
    long bits = Double.doubleToRawLongBits(value);
    return bits ^ ((bits >> 63) | Long.MIN_VALUE);
  }

  /** The double of a {@link #key}. */
  static double value(long key) {
    return Double.longBitsToDouble(key ^ ((~key >> 63) | Long.MIN_VALUE));
  }

  /**
   * Sorts the first {@code size} keys in unsigned order: one pass that counts every digit, then one
   * stable scatter per digit on which the keys differ.
   *
   * @return the array holding the sorted keys (either {@code keys} or a new one)
   */
  static long[] sort(long[] keys, int size) {
    int[][] counts = new int[DIGITS][DIGIT_VALUES];
    long or = 0;
    long and = -1;
    for (int i = 0; i < size; i++) {
      long k = keys[i];
      or |= k;
      and &= k;
      for (int d = 0; d < DIGITS; d++) {
        counts[d][(int) (k >>> (d * DIGIT_BITS)) & (DIGIT_VALUES - 1)]++;
      }
    }
    long varying = or ^ and;
    long[] from = keys;
    long[] to = null;
    for (int d = 0; d < DIGITS; d++) {
      int shift = d * DIGIT_BITS;
      if (((varying >>> shift) & (DIGIT_VALUES - 1)) == 0) {
        continue;
      }
      if (to == null) {
        to = new long[size];
      }
      int[] offsets = counts[d];
      int total = 0;
      for (int v = 0; v < DIGIT_VALUES; v++) {
        int c = offsets[v];
        offsets[v] = total;
        total += c;
      }
      for (int i = 0; i < size; i++) {
        long k = from[i];
        to[offsets[(int) (k >>> shift) & (DIGIT_VALUES - 1)]++] = k;
      }
      long[] swap = from;
      from = to;
      to = swap;
    }
    return from;
  }
}

package io.udb.quality.profile;

import java.util.List;

/**
 * What the passes of one profile run learned about one column, filled in pass by pass and turned
 * into a {@link ColumnProfile} at the end. Confined to the run's thread.
 */
final class ColumnState {
  final ColumnSpec spec;

  // moments pass
  long count;
  long infinite;
  long negativeInfinite;
  long finiteCount;
  long zeros;
  long negatives;
  long trueCount;
  Double min;
  Double max;
  Double mean;
  Double std;
  Double variance;
  Double sum;
  Object minValue;
  Object maxValue;
  Double rangeSeconds;
  Long approximateDistinct;
  List<Object> approximateQuantiles = List.of();
  List<Object> smallestValues = List.of();
  List<Object> largestValues = List.of();

  // distribution pass
  /** Whether the values are exactly min..max, each once ({@link ConsecutiveIntegers}). */
  boolean consecutiveIntegers;

  List<Object> quantileBounds = List.of();
  Double mad;
  Double madMedian;
  Double centralSum2;
  Double centralSum3;
  Double centralSum4;
  long[] bins;
  List<Object> periodCounts = List.of();
  String period;
  Double medianLength;
  boolean frequenciesKnown;
  long distinct;
  List<Object> top = List.of();
  List<Object> smallest = List.of();
  List<Object> largest = List.of();
  Double sumNLogN;
  Double sumNSquared;
  Long minLength;
  Long maxLength;
  long totalLength;
  long totalBytes;
  long letters;
  long digits;
  long spaces;
  long punctuation;
  long nonAscii;
  boolean charactersKnown;

  ColumnKind kind;

  ColumnState(ColumnSpec spec) {
    this.spec = spec;
  }

  String name() {
    return spec.name();
  }

  ColumnSpec.Base base() {
    return spec.base();
  }
}

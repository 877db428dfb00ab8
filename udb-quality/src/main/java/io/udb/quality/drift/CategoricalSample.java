package io.udb.quality.drift;

import java.util.ArrayList;
import java.util.List;

/**
 * A column's reference and current sides over the union of their categories, in category order.
 * When a side was capped (a baseline keeps at most so many categories), the categories outside the
 * kept ones are counted together in a final "other" category on both sides.
 */
final class CategoricalSample {
  /** The label of the category that gathers the categories a cap dropped. */
  static final String OTHER = "(other categories)";

  private final String[] labels;
  private final long[] reference;
  private final long[] current;
  private final boolean hasOther;
  private final long n;
  private final long m;

  private CategoricalSample(String[] labels, long[] reference, long[] current, boolean hasOther) {
    this.labels = labels;
    this.reference = reference;
    this.current = current;
    this.hasOther = hasOther;
    long a = 0;
    long b = 0;
    for (int i = 0; i < labels.length; i++) {
      a += reference[i];
      b += current[i];
    }
    this.n = a;
    this.m = b;
  }

  /** Merges two categorical sides. */
  static CategoricalSample of(TextCounts ref, TextCounts cur) {
    boolean capped = ref.otherCount() > 0 || cur.otherCount() > 0;
    List<String> labels = new ArrayList<>();
    List<long[]> counts = new ArrayList<>();
    long refOther = ref.otherCount();
    long curOther = cur.otherCount();
    int i = 0;
    int j = 0;
    while (i < ref.size() || j < cur.size()) {
      int order =
          i >= ref.size()
              ? 1
              : j >= cur.size()
                  ? -1
                  : TextCounts.compareCodePoints(ref.category(i), cur.category(j));
      if (order == 0) {
        labels.add(ref.category(i));
        counts.add(new long[] {ref.count(i++), cur.count(j++)});
      } else if (order < 0) {
        if (cur.otherCount() > 0) {
          refOther += ref.count(i++);
        } else {
          labels.add(ref.category(i));
          counts.add(new long[] {ref.count(i++), 0});
        }
      } else {
        if (ref.otherCount() > 0) {
          curOther += cur.count(j++);
        } else {
          labels.add(cur.category(j));
          counts.add(new long[] {0, cur.count(j++)});
        }
      }
    }
    if (capped && refOther + curOther > 0) {
      labels.add(OTHER);
      counts.add(new long[] {refOther, curOther});
    }
    return build(labels, counts, capped && refOther + curOther > 0);
  }

  /** A numeric sample seen as categories, one per distinct value. */
  static CategoricalSample of(NumericSample sample) {
    List<String> labels = new ArrayList<>(sample.size());
    List<long[]> counts = new ArrayList<>(sample.size());
    for (int k = 0; k < sample.size(); k++) {
      labels.add(label(sample.value(k)));
      counts.add(new long[] {sample.referenceCount(k), sample.currentCount(k)});
    }
    return build(labels, counts, false);
  }

  private static CategoricalSample build(List<String> labels, List<long[]> counts, boolean other) {
    long[] ref = new long[labels.size()];
    long[] cur = new long[labels.size()];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = counts.get(i)[0];
      cur[i] = counts.get(i)[1];
    }
    return new CategoricalSample(labels.toArray(new String[0]), ref, cur, other);
  }

  /** The display label of a numeric category: whole numbers without a fraction. */
  static String label(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  int size() {
    return labels.length;
  }

  String label(int index) {
    return labels[index];
  }

  long referenceCount(int index) {
    return reference[index];
  }

  long currentCount(int index) {
    return current[index];
  }

  long[] referenceCounts() {
    return reference.clone();
  }

  long[] currentCounts() {
    return current.clone();
  }

  /** Whether the last category gathers the categories a cap dropped. */
  boolean hasOther() {
    return hasOther;
  }

  /** Non-missing reference values. */
  long n() {
    return n;
  }

  /** Non-missing current values. */
  long m() {
    return m;
  }

  /** Categories present on one side only: {@code [only in reference, only in current]}. */
  int[] exclusiveCategories() {
    int onlyRef = 0;
    int onlyCur = 0;
    for (int i = 0; i < labels.length; i++) {
      if (current[i] == 0) {
        onlyRef++;
      } else if (reference[i] == 0) {
        onlyCur++;
      }
    }
    return new int[] {onlyRef, onlyCur};
  }
}

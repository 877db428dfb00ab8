package io.udb.quality.drift;

/**
 * A column ready for testing: its kind and both sides merged, either as numbers (numeric source
 * columns, whatever their kind) or as text categories.
 */
final class ColumnSample {
  private final String column;
  private final ColumnKind kind;
  private final NumericSample numeric;
  private CategoricalSample categories;

  private ColumnSample(
      String column, ColumnKind kind, NumericSample numeric, CategoricalSample categories) {
    this.column = column;
    this.kind = kind;
    this.numeric = numeric;
    this.categories = categories;
  }

  /** A numeric source column, tested as {@code kind}. */
  static ColumnSample numeric(String column, ColumnKind kind, NumericSample sample) {
    return new ColumnSample(column, kind, sample, null);
  }

  /** A text source column, always categorical. */
  static ColumnSample categorical(String column, CategoricalSample sample) {
    return new ColumnSample(column, ColumnKind.CATEGORICAL, null, sample);
  }

  String column() {
    return column;
  }

  ColumnKind kind() {
    return kind;
  }

  /** The numeric sample, or null for a text column. */
  NumericSample numeric() {
    return numeric;
  }

  /** The categories; for a numeric column one per distinct value (built on first use). */
  CategoricalSample categories() {
    if (categories == null) {
      categories = CategoricalSample.of(numeric);
    }
    return categories;
  }

  /** Non-missing reference values. */
  long n() {
    return numeric != null ? numeric.n() : categories.n();
  }

  /** Non-missing current values. */
  long m() {
    return numeric != null ? numeric.m() : categories.m();
  }

  /** Distinct non-missing values over both sides. */
  long distinctValues() {
    return numeric != null ? numeric.size() : categories.size();
  }

  /** Distinct non-missing reference values. */
  long referenceDistinct() {
    if (numeric != null) {
      return numeric.referenceSide().size();
    }
    long distinct = 0;
    for (int i = 0; i < categories.size(); i++) {
      if (categories.referenceCount(i) > 0) {
        distinct++;
      }
    }
    return distinct;
  }

  /** Whether a side was sketched or capped, making the statistics approximate. */
  boolean approximate() {
    return numeric != null ? numeric.approximate() : categories.hasOther();
  }
}

package io.udb.quality.drift;

/**
 * One side of one column: its values as numbers or as text, and its descriptive statistics (exact
 * even when the values are a baseline's sketch).
 *
 * @param numeric the numeric values, or null
 * @param text the text values, or null
 * @param summary the statistics
 */
record ColumnSide(NumericCounts numeric, TextCounts text, ColumnSummary summary) {
  /** A numeric side with its statistics computed from the values. */
  static ColumnSide of(NumericCounts numeric) {
    return new ColumnSide(numeric, null, numeric.summary());
  }

  /** A text side with its statistics computed from the values. */
  static ColumnSide of(TextCounts text) {
    return new ColumnSide(null, text, text.summary());
  }

  /** Whether the values are numbers. */
  boolean isNumeric() {
    return numeric != null;
  }

  /** Non-missing values. */
  long count() {
    return numeric != null ? numeric.count() : text.count();
  }
}

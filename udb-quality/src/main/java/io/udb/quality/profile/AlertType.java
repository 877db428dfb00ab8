package io.udb.quality.profile;

/**
 * The kinds of alert a profile raises, named as ydata-profiling names them. Thresholds live in
 * {@link AlertThresholds}; shares are of the table's row count.
 */
public enum AlertType {
  /** The table has no rows. */
  EMPTY,
  /** The share of fully duplicated rows is above {@link AlertThresholds#duplicates()}. */
  DUPLICATES,
  /** A column has exactly one distinct non-missing value. */
  CONSTANT,
  /** Every value of a string column has the same length. */
  CONSTANT_LENGTH,
  /** Every row holds a different, non-missing value (distinct count equals the row count). */
  UNIQUE,
  /** A categorical column has more than {@link AlertThresholds#highCardinality()} values. */
  HIGH_CARDINALITY,
  /** Two columns correlate above {@link AlertThresholds#highCorrelation()} in absolute value. */
  HIGH_CORRELATION,
  /** A categorical or boolean column's imbalance is above {@link AlertThresholds#imbalance()}. */
  IMBALANCE,
  /** The share of missing values is above {@link AlertThresholds#missing()}. */
  MISSING,
  /** The share of zeros of a numeric column is above {@link AlertThresholds#zeros()}. */
  ZEROS,
  /** The share of infinite values is above {@link AlertThresholds#infinite()}. */
  INFINITE,
  /** The absolute skewness of a numeric column is above {@link AlertThresholds#skewness()}. */
  SKEWED,
  /**
   * A chi-square test cannot reject that the values are uniform: its p-value is above {@link
   * AlertThresholds#uniformPValue()}.
   */
  UNIFORM
}

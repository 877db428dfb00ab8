package io.udb.quality.profile;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When a profile raises an alert. The defaults are ydata-profiling's: {@code HIGH_CARDINALITY}
 * above 50 distinct values, {@code HIGH_CORRELATION} above 0.9, {@code IMBALANCE} above 0.5, {@code
 * MISSING}, {@code ZEROS} and {@code INFINITE} above 1% of the rows, {@code SKEWED} above an
 * absolute skewness of 20, {@code DUPLICATES} as soon as one row repeats, {@code UNIFORM} when the
 * chi-square p-value is above 0.999. Each alert type can also be switched off.
 *
 * @param highCardinality distinct values of a categorical column above which it is alerted
 * @param highCorrelation absolute correlation (any method) above which a pair is alerted, in [0, 1]
 * @param imbalance imbalance above which a categorical or boolean column is alerted, in [0, 1]
 * @param missing share of missing values above which a column is alerted, in [0, 1]
 * @param zeros share of zeros above which a numeric column is alerted, in [0, 1]
 * @param infinite share of infinite values above which a numeric column is alerted, in [0, 1]
 * @param skewness absolute skewness above which a numeric column is alerted, at least 0
 * @param duplicates share of duplicated rows above which the table is alerted, in [0, 1]
 * @param uniformPValue chi-square p-value above which a column is alerted as uniform, in [0, 1]
 * @param disabled alert types never raised
 */
public record AlertThresholds(
    long highCardinality,
    double highCorrelation,
    double imbalance,
    double missing,
    double zeros,
    double infinite,
    double skewness,
    double duplicates,
    double uniformPValue,
    Set<AlertType> disabled) {

  private static final AlertThresholds DEFAULTS =
      new AlertThresholds(50, 0.9, 0.5, 0.01, 0.01, 0.01, 20, 0.0, 0.999, Set.of());

  /**
   * Validates and copies.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a value out of range
   */
  public AlertThresholds {
    Objects.requireNonNull(disabled, "disabled");
    disabled = disabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(disabled));
    require(highCardinality >= 0, "highCardinality must be at least 0");
    requireShare(highCorrelation, "highCorrelation");
    requireShare(imbalance, "imbalance");
    requireShare(missing, "missing");
    requireShare(zeros, "zeros");
    requireShare(infinite, "infinite");
    requireShare(duplicates, "duplicates");
    requireShare(uniformPValue, "uniformPValue");
    require(skewness >= 0 && Double.isFinite(skewness), "skewness must be finite and at least 0");
  }

  /** ydata-profiling's defaults. */
  public static AlertThresholds defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these thresholds. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Tells whether an alert type is raised at all.
   *
   * @param type the alert type
   * @return false when it is disabled
   */
  public boolean enabled(AlertType type) {
    return !disabled.contains(type);
  }

  private static void requireShare(double value, String name) {
    require(value >= 0 && value <= 1, name + " must be within 0..1, got " + value);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Alert threshold: " + message);
    }
  }

  /** Builds thresholds; every setter validates when {@link #build()} runs. */
  public static final class Builder {
    private long highCardinality;
    private double highCorrelation;
    private double imbalance;
    private double missing;
    private double zeros;
    private double infinite;
    private double skewness;
    private double duplicates;
    private double uniformPValue;
    private final Set<AlertType> disabled = EnumSet.noneOf(AlertType.class);

    private Builder(AlertThresholds from) {
      highCardinality = from.highCardinality;
      highCorrelation = from.highCorrelation;
      imbalance = from.imbalance;
      missing = from.missing;
      zeros = from.zeros;
      infinite = from.infinite;
      skewness = from.skewness;
      duplicates = from.duplicates;
      uniformPValue = from.uniformPValue;
      disabled.addAll(from.disabled);
    }

    /** Sets {@link AlertThresholds#highCardinality()}. */
    public Builder highCardinality(long value) {
      highCardinality = value;
      return this;
    }

    /** Sets {@link AlertThresholds#highCorrelation()}. */
    public Builder highCorrelation(double value) {
      highCorrelation = value;
      return this;
    }

    /** Sets {@link AlertThresholds#imbalance()}. */
    public Builder imbalance(double value) {
      imbalance = value;
      return this;
    }

    /** Sets {@link AlertThresholds#missing()}. */
    public Builder missing(double value) {
      missing = value;
      return this;
    }

    /** Sets {@link AlertThresholds#zeros()}. */
    public Builder zeros(double value) {
      zeros = value;
      return this;
    }

    /** Sets {@link AlertThresholds#infinite()}. */
    public Builder infinite(double value) {
      infinite = value;
      return this;
    }

    /** Sets {@link AlertThresholds#skewness()}. */
    public Builder skewness(double value) {
      skewness = value;
      return this;
    }

    /** Sets {@link AlertThresholds#duplicates()}. */
    public Builder duplicates(double value) {
      duplicates = value;
      return this;
    }

    /** Sets {@link AlertThresholds#uniformPValue()}. */
    public Builder uniformPValue(double value) {
      uniformPValue = value;
      return this;
    }

    /**
     * Switches alert types off.
     *
     * @param types the types never to raise
     * @return this builder
     */
    public Builder disable(AlertType... types) {
      disabled.addAll(Set.of(types));
      return this;
    }

    /**
     * Switches alert types back on.
     *
     * @param types the types to raise again
     * @return this builder
     */
    public Builder enable(AlertType... types) {
      disabled.removeAll(Set.of(types));
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the thresholds
     * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a value out of range
     */
    public AlertThresholds build() {
      return new AlertThresholds(
          highCardinality,
          highCorrelation,
          imbalance,
          missing,
          zeros,
          infinite,
          skewness,
          duplicates,
          uniformPValue,
          disabled);
    }
  }
}

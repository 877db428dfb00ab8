package io.udb.quality.profile;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.UdbException;
import io.udb.security.pii.TableClassification;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a profile computes and how.
 *
 * <p><b>Masking.</b> Values taken from the data (top values, extremes, minimum and maximum, the
 * sample) are masked through {@link io.udb.security.pii.MaskingPolicy} when a {@code principal} is
 * given and it may not see PII (any role below admin). Without a principal nothing is masked: that
 * is for trusted callers such as scheduled pipelines, and a service facing users must pass the
 * caller. The columns' sensitivity comes from {@code classification} when given, else it is
 * classified on the fly from the column names and the values the profile fetched. Aggregates
 * (means, quantiles, histogram edges) are not masked.
 *
 * @param histogramBins equal-width bins of numeric histograms, 1 to 500 (default 20)
 * @param topValues most frequent values kept per column, 0 to 1000 (default 10)
 * @param extremeValues smallest and largest distinct values kept per numeric or datetime column, 0
 *     to 100 (default 5)
 * @param sampleRows rows in the sample, 0 to 1000 (default 10)
 * @param approximate use sketches for numeric and datetime columns: {@code approx_count_distinct}
 *     (HyperLogLog) for distinct counts, {@code reservoir_quantile} over a uniform sample of
 *     100,000 values per column for quantiles and MAD (estimates that vary slightly between runs);
 *     those columns then skip the exact grouping by value, so they get no top values and their
 *     extremes come without counts, and Spearman's rho is computed on a fixed-seed sample of
 *     100,000 rows. Strings and booleans stay exact. Default false: everything exact
 * @param minimal skip correlations, duplicate rows and the character classes of strings (default
 *     false)
 * @param maxNumericCorrelationColumns the first this many numeric columns enter Pearson and
 *     Spearman, 0 to 200 (default 20)
 * @param maxCategoricalCorrelationColumns the first this many qualifying categorical and boolean
 *     columns enter Cramér's V, 0 to 60 (default 15)
 * @param correlationMaxDistinct categorical columns with more distinct values are left out of
 *     Cramér's V, at least 2 (default 100, as ydata-profiling)
 * @param categoricalMaxDistinct string columns with at most this many distinct values are
 *     categorical (default 50)
 * @param categoricalMaxShare string columns whose distinct count is at most this share of the rows
 *     are categorical, 0 to 1 (default 0.05)
 * @param datetimePeriod the datetime histogram's period ({@code day}, {@code week}, {@code month},
 *     {@code quarter}, {@code year}), or {@code null} to choose one from the range so that there
 *     are at most about 60 periods
 * @param maxValueLength longer string values are cut to this many characters followed by {@code …}
 *     in top values, extremes, minimum, maximum and sample, 8 to 10000 (default 200)
 * @param alerts when alerts are raised
 * @param principal the caller to mask for, or {@code null} to mask nothing
 * @param classification the table's PII classification, or {@code null} to classify on the fly
 */
public record ProfileOptions(
    int histogramBins,
    int topValues,
    int extremeValues,
    int sampleRows,
    boolean approximate,
    boolean minimal,
    int maxNumericCorrelationColumns,
    int maxCategoricalCorrelationColumns,
    int correlationMaxDistinct,
    long categoricalMaxDistinct,
    double categoricalMaxShare,
    String datetimePeriod,
    int maxValueLength,
    AlertThresholds alerts,
    Principal principal,
    TableClassification classification) {

  /** The periods a datetime histogram can use. */
  public static final Set<String> PERIODS = Set.of("day", "week", "month", "quarter", "year");

  private static final ProfileOptions DEFAULTS =
      new ProfileOptions(
          20,
          10,
          5,
          10,
          false,
          false,
          20,
          15,
          100,
          ColumnKind.DEFAULT_CATEGORICAL_MAX_DISTINCT,
          ColumnKind.DEFAULT_CATEGORICAL_MAX_SHARE,
          null,
          200,
          AlertThresholds.defaults(),
          null,
          null);

  /**
   * Validates.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a value out of range
   */
  public ProfileOptions {
    Objects.requireNonNull(alerts, "alerts");
    within(histogramBins, 1, 500, "histogramBins");
    within(topValues, 0, 1000, "topValues");
    within(extremeValues, 0, 100, "extremeValues");
    within(sampleRows, 0, 1000, "sampleRows");
    within(maxNumericCorrelationColumns, 0, 200, "maxNumericCorrelationColumns");
    within(maxCategoricalCorrelationColumns, 0, 60, "maxCategoricalCorrelationColumns");
    within(correlationMaxDistinct, 2, Integer.MAX_VALUE, "correlationMaxDistinct");
    within(maxValueLength, 8, 10_000, "maxValueLength");
    if (categoricalMaxDistinct < 0) {
      throw invalid("categoricalMaxDistinct must be at least 0");
    }
    if (!(categoricalMaxShare >= 0 && categoricalMaxShare <= 1)) {
      throw invalid("categoricalMaxShare must be within 0..1");
    }
    if (datetimePeriod != null && !PERIODS.contains(datetimePeriod)) {
      throw invalid("datetimePeriod must be one of day, week, month, quarter, year or unset");
    }
  }

  /** The defaults: exact, full, no masking. */
  public static ProfileOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The principal to mask for, if any. */
  public Optional<Principal> principalIfAny() {
    return Optional.ofNullable(principal);
  }

  /** The given classification, if any. */
  public Optional<TableClassification> classificationIfAny() {
    return Optional.ofNullable(classification);
  }

  private static void within(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw invalid(name + " must be within " + min + ".." + max + ", got " + value);
    }
  }

  private static UdbException invalid(String message) {
    return new UdbException(ErrorCode.INVALID_ARGUMENT, "Profile option: " + message);
  }

  /** Builds options; values are validated by {@link #build()}. */
  public static final class Builder {
    private int histogramBins;
    private int topValues;
    private int extremeValues;
    private int sampleRows;
    private boolean approximate;
    private boolean minimal;
    private int maxNumericCorrelationColumns;
    private int maxCategoricalCorrelationColumns;
    private int correlationMaxDistinct;
    private long categoricalMaxDistinct;
    private double categoricalMaxShare;
    private String datetimePeriod;
    private int maxValueLength;
    private AlertThresholds alerts;
    private Principal principal;
    private TableClassification classification;

    private Builder(ProfileOptions from) {
      histogramBins = from.histogramBins;
      topValues = from.topValues;
      extremeValues = from.extremeValues;
      sampleRows = from.sampleRows;
      approximate = from.approximate;
      minimal = from.minimal;
      maxNumericCorrelationColumns = from.maxNumericCorrelationColumns;
      maxCategoricalCorrelationColumns = from.maxCategoricalCorrelationColumns;
      correlationMaxDistinct = from.correlationMaxDistinct;
      categoricalMaxDistinct = from.categoricalMaxDistinct;
      categoricalMaxShare = from.categoricalMaxShare;
      datetimePeriod = from.datetimePeriod;
      maxValueLength = from.maxValueLength;
      alerts = from.alerts;
      principal = from.principal;
      classification = from.classification;
    }

    /** Sets {@link ProfileOptions#histogramBins()}. */
    public Builder histogramBins(int value) {
      histogramBins = value;
      return this;
    }

    /** Sets {@link ProfileOptions#topValues()}. */
    public Builder topValues(int value) {
      topValues = value;
      return this;
    }

    /** Sets {@link ProfileOptions#extremeValues()}. */
    public Builder extremeValues(int value) {
      extremeValues = value;
      return this;
    }

    /** Sets {@link ProfileOptions#sampleRows()}. */
    public Builder sampleRows(int value) {
      sampleRows = value;
      return this;
    }

    /** Sets {@link ProfileOptions#approximate()}. */
    public Builder approximate(boolean value) {
      approximate = value;
      return this;
    }

    /** Sets {@link ProfileOptions#minimal()}. */
    public Builder minimal(boolean value) {
      minimal = value;
      return this;
    }

    /** Sets {@link ProfileOptions#maxNumericCorrelationColumns()}. */
    public Builder maxNumericCorrelationColumns(int value) {
      maxNumericCorrelationColumns = value;
      return this;
    }

    /** Sets {@link ProfileOptions#maxCategoricalCorrelationColumns()}. */
    public Builder maxCategoricalCorrelationColumns(int value) {
      maxCategoricalCorrelationColumns = value;
      return this;
    }

    /** Sets {@link ProfileOptions#correlationMaxDistinct()}. */
    public Builder correlationMaxDistinct(int value) {
      correlationMaxDistinct = value;
      return this;
    }

    /** Sets {@link ProfileOptions#categoricalMaxDistinct()}. */
    public Builder categoricalMaxDistinct(long value) {
      categoricalMaxDistinct = value;
      return this;
    }

    /** Sets {@link ProfileOptions#categoricalMaxShare()}. */
    public Builder categoricalMaxShare(double value) {
      categoricalMaxShare = value;
      return this;
    }

    /** Sets {@link ProfileOptions#datetimePeriod()}; {@code null} chooses automatically. */
    public Builder datetimePeriod(String value) {
      datetimePeriod = value;
      return this;
    }

    /** Sets {@link ProfileOptions#maxValueLength()}. */
    public Builder maxValueLength(int value) {
      maxValueLength = value;
      return this;
    }

    /** Sets {@link ProfileOptions#alerts()}. */
    public Builder alerts(AlertThresholds value) {
      alerts = Objects.requireNonNull(value, "alerts");
      return this;
    }

    /** Sets {@link ProfileOptions#principal()}; {@code null} masks nothing. */
    public Builder principal(Principal value) {
      principal = value;
      return this;
    }

    /** Sets {@link ProfileOptions#classification()}; {@code null} classifies on the fly. */
    public Builder classification(TableClassification value) {
      classification = value;
      return this;
    }

    /**
     * Builds and validates.
     *
     * @return the options
     * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a value out of range
     */
    public ProfileOptions build() {
      return new ProfileOptions(
          histogramBins,
          topValues,
          extremeValues,
          sampleRows,
          approximate,
          minimal,
          maxNumericCorrelationColumns,
          maxCategoricalCorrelationColumns,
          correlationMaxDistinct,
          categoricalMaxDistinct,
          categoricalMaxShare,
          datetimePeriod,
          maxValueLength,
          alerts,
          principal,
          classification);
    }
  }
}

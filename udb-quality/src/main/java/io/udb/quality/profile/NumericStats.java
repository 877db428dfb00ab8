package io.udb.quality.profile;

import java.util.List;

/**
 * The statistics of a numeric column beyond those every column has. Moments, quantiles and the
 * histogram are computed over the finite values; infinite values are counted in {@code infinite},
 * {@code NaN} counts as missing (as in pandas). A statistic that is undefined (e.g. the skewness of
 * fewer than three values, the coefficient of variation of a zero mean) is {@code null}.
 *
 * @param zeros rows equal to zero
 * @param zerosShare {@code zeros} divided by the row count
 * @param negatives rows below zero (including negative infinity)
 * @param negativesShare {@code negatives} divided by the row count
 * @param infinite rows holding positive or negative infinity
 * @param infiniteShare {@code infinite} divided by the row count
 * @param range maximum minus minimum
 * @param variance the sample variance (n - 1 denominator)
 * @param cv the coefficient of variation, sample standard deviation divided by the mean
 * @param sum the sum
 * @param skewness the adjusted Fisher-Pearson sample skewness G1, as pandas' {@code Series.skew}
 * @param kurtosis the unbiased excess kurtosis G2 (Fisher's definition, 0 for a normal
 *     distribution), as pandas' {@code Series.kurt}
 * @param mad the median absolute deviation, median(|x - median(x)|), unscaled, both medians
 *     interpolated (ydata-profiling's {@code mad})
 * @param iqr the interquartile range, quantile 0.75 minus quantile 0.25
 * @param histogram equal-width bins from the minimum to the maximum
 * @param smallest the smallest distinct values with their counts, ascending
 * @param largest the largest distinct values with their counts, descending
 * @param uniformPValue the p-value of a chi-square test of the histogram's counts against equal
 *     counts, or {@code null} with fewer than two bins
 */
public record NumericStats(
    long zeros,
    double zerosShare,
    long negatives,
    double negativesShare,
    long infinite,
    double infiniteShare,
    Double range,
    Double variance,
    Double cv,
    Double sum,
    Double skewness,
    Double kurtosis,
    Double mad,
    Double iqr,
    List<HistogramBin> histogram,
    List<ValueCount> smallest,
    List<ValueCount> largest,
    Double uniformPValue) {

  /** Copies the lists. */
  public NumericStats {
    histogram = List.copyOf(histogram);
    smallest = List.copyOf(smallest);
    largest = List.copyOf(largest);
  }
}

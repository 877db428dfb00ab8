package io.udb.quality.profile;

/**
 * The correlation matrices of a profile. A matrix is {@code null} when fewer than two columns
 * qualify for it.
 *
 * @param pearson Pearson's r between numeric columns, over the rows where both are finite
 * @param spearman Spearman's rho between numeric columns: Pearson's r of the columns' average ranks
 *     (ties get the mean of their ranks) over the rows where both are present. Each column is
 *     ranked once over all its non-missing values (infinities rank at the ends); pandas ranks each
 *     pair over its complete rows only, which gives the same result when neither column has missing
 *     values
 * @param cramersV Cramér's V between categorical and boolean columns with at most {@link
 *     ProfileOptions#correlationMaxDistinct()} values, bias-corrected as ydata-profiling does it
 *     (Bergsma 2013, with Yates' continuity correction for 2x2 tables)
 */
public record Correlations(
    CorrelationMatrix pearson, CorrelationMatrix spearman, CorrelationMatrix cramersV) {}

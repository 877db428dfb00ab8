package io.udb.quality.profile;

/**
 * The statistics of a categorical or text column beyond those every column has. Lengths count
 * Unicode code points.
 *
 * @param entropy the Shannon entropy of the value frequencies, in bits
 * @param imbalance 1 - entropy / log2(k) for k distinct values, 0 for fewer than two; 0 means all
 *     values are equally frequent, values near 1 mean one value dominates
 * @param uniformPValue the p-value of a chi-square test of the value counts against equal counts,
 *     or {@code null} with fewer than two distinct values
 * @param minLength the shortest value's length
 * @param meanLength the mean length
 * @param medianLength the median length (interpolated)
 * @param maxLength the longest value's length
 * @param characters the character classes, or {@code null} when the column has no characters
 */
public record StringStats(
    Double entropy,
    Double imbalance,
    Double uniformPValue,
    Long minLength,
    Double meanLength,
    Double medianLength,
    Long maxLength,
    CharacterStats characters) {}

package io.udb.quality.profile;

/**
 * The statistics of a boolean column beyond those every column has.
 *
 * @param trueCount rows holding true
 * @param falseCount rows holding false
 * @param imbalance 1 - entropy / log2(k) of the two counts, 0 when only one value occurs
 */
public record BooleanStats(long trueCount, long falseCount, Double imbalance) {}

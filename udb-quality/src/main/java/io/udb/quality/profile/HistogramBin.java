package io.udb.quality.profile;

/**
 * One equal-width bin of a numeric histogram. Bins are closed on the left; the last one is also
 * closed on the right, so the maximum falls into it (numpy's convention).
 *
 * @param lower the bin's lower edge
 * @param upper the bin's upper edge
 * @param count the number of finite values in the bin
 */
public record HistogramBin(double lower, double upper, long count) {}

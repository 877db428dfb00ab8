package io.udb.quality.profile;

import java.time.Instant;
import java.util.Objects;

/**
 * How a profile was computed.
 *
 * @param generatedAt when the profile was finished
 * @param approximate whether sketches replaced exact quantiles and distinct counts
 * @param minimal whether correlations, duplicates and character classes were skipped
 * @param masked whether values were masked for a principal without the right to see PII
 * @param queries the number of SQL statements sent to the engine
 * @param scans the number of passes over the table's rows those statements made (a pass reads only
 *     the columns it needs; the first rows read for the sample do not count)
 * @param elapsedMs how long the profile took, in milliseconds
 * @param histogramBins the number of bins of numeric histograms
 */
public record RunInfo(
    Instant generatedAt,
    boolean approximate,
    boolean minimal,
    boolean masked,
    int queries,
    int scans,
    long elapsedMs,
    int histogramBins) {
  /** Validates the arguments. */
  public RunInfo {
    Objects.requireNonNull(generatedAt, "generatedAt");
  }
}

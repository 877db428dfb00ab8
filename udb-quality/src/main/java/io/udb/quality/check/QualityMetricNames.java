package io.udb.quality.check;

/** The meters of quality runs, as named in DESIGN.md. */
public final class QualityMetricNames {
  /**
   * Counter of quality runs; tags {@code status} ({@code passed}, {@code failed}, {@code error})
   * and {@code tenant}.
   */
  public static final String RUNS = "udb.quality.runs";

  private QualityMetricNames() {}
}

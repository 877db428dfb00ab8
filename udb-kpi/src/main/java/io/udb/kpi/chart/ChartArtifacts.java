package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.job.JobContext;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Stores a rendered chart as two artifacts of the running job, {@code <baseName>.png} and {@code
 * <baseName>.svg}, so that both appear in the job's manifest with their media type, size and
 * SHA-256.
 */
public final class ChartArtifacts {
  private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

  private ChartArtifacts() {}

  /**
   * Writes the PNG and the SVG of a chart.
   *
   * @param context the running job's context
   * @param baseName the file name without extension, e.g. {@code avg-temp-by-month}: letters,
   *     digits, '.', '_' and '-', starting with a letter or digit
   * @param chart the rendered chart
   * @return what was stored: the PNG, then the SVG
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the base name is not valid
   */
  public static List<ArtifactInfo> write(JobContext context, String baseName, RenderedChart chart) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(chart, "chart");
    if (baseName == null || !BASE_NAME.matcher(baseName).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart artifact name must be 1-96 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit; got "
              + (baseName == null ? "none" : "'" + baseName + "'"));
    }
    ArtifactInfo png =
        context.writeArtifact(baseName + ".png", RenderedChart.PNG_TYPE, chart.png());
    ArtifactInfo svg =
        context.writeArtifact(baseName + ".svg", RenderedChart.SVG_TYPE, chart.svg());
    return List.of(png, svg);
  }
}

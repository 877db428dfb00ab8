package io.udb.kpi.chart;

import java.util.Arrays;
import java.util.Objects;

/**
 * A chart rendered to a PNG image and an SVG document of the same drawing.
 *
 * @param spec the spec it was drawn from, with the size of both images
 * @param png the PNG bytes
 * @param svg the SVG bytes, UTF-8; text is drawn as outlines, so it looks the same without fonts
 */
public record RenderedChart(ChartSpec spec, byte[] png, byte[] svg) {

  /** The media type of {@link #png()}. */
  public static final String PNG_TYPE = "image/png";

  /** The media type of {@link #svg()}. */
  public static final String SVG_TYPE = "image/svg+xml";

  /** Validates and copies. */
  public RenderedChart {
    Objects.requireNonNull(spec, "spec");
    png = Objects.requireNonNull(png, "png").clone();
    svg = Objects.requireNonNull(svg, "svg").clone();
  }

  /** A copy of the PNG bytes. */
  @Override
  public byte[] png() {
    return png.clone();
  }

  /** A copy of the SVG bytes. */
  @Override
  public byte[] svg() {
    return svg.clone();
  }

  /** The image width in pixels. */
  public int width() {
    return spec.width();
  }

  /** The image height in pixels. */
  public int height() {
    return spec.height();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RenderedChart chart
        && spec.equals(chart.spec)
        && Arrays.equals(png, chart.png)
        && Arrays.equals(svg, chart.svg);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, Arrays.hashCode(png), Arrays.hashCode(svg));
  }

  @Override
  public String toString() {
    return "RenderedChart["
        + spec.type().jsonName()
        + " "
        + spec.width()
        + "x"
        + spec.height()
        + ", png "
        + png.length
        + " bytes, svg "
        + svg.length
        + " bytes]";
  }
}

package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.core.DataBox;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of chart, drawn from the real Seattle weather data, is a valid PNG and SVG. */
class ChartGalleryTest {
  private static DataBox box;
  private static Map<String, RenderedChart> gallery;

  @BeforeAll
  static void renderGallery() throws Exception {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
    TestTables.loadCsv(box, ChartGallery.TENANT, "seattle-weather.csv", "weather");
    gallery = ChartGallery.render(box);
  }

  @AfterAll
  static void closeBox() {
    box.close();
  }

  @Test
  void coversEveryChartTypeAndBarLayout() {
    assertThat(gallery.values().stream().map(chart -> chart.spec().type()).distinct())
        .containsExactlyInAnyOrder(ChartType.values());
    assertThat(gallery.values())
        .anySatisfy(chart -> assertThat(chart.spec().stacked()).isTrue())
        .anySatisfy(
            chart -> assertThat(chart.spec().orientation()).isEqualTo(BarOrientation.HORIZONTAL))
        .anySatisfy(
            chart -> {
              assertThat(chart.spec().type()).isEqualTo(ChartType.BAR);
              assertThat(chart.spec().series()).isNotNull();
              assertThat(chart.spec().stacked()).isFalse();
            });
  }

  @Test
  void everyChartIsAValidPngAndSvgOfItsSize() throws Exception {
    for (Map.Entry<String, RenderedChart> entry : gallery.entrySet()) {
      RenderedChart chart = entry.getValue();
      BufferedImage image = ImageAssertions.assertPng(chart.png(), chart.width(), chart.height());
      ImageAssertions.assertSvg(chart.svg(), chart.width(), chart.height());
      // the data is drawn, in the palette's first colour (lines, bars, points, slices, scale)
      assertThat(ImageAssertions.bluePixels(image)).as(entry.getKey()).isGreaterThan(100);
    }
  }
}

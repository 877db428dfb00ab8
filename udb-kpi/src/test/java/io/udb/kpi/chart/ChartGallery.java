package io.udb.kpi.chart;

import io.udb.api.TenantId;
import io.udb.core.DataBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chart of each kind from the Seattle weather data, to look at: {@code main} writes them as PNG
 * and SVG files into the folder given as its argument (default {@code /tmp/udb-charts}).
 */
final class ChartGallery {
  static final TenantId TENANT = TenantId.of("gallery");
  static final List<String> NUMERIC = List.of("precipitation", "temp_max", "temp_min", "wind");

  private ChartGallery() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/udb-charts");
    Files.createDirectories(folder);
    try (DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build()) {
      TestTables.loadCsv(box, TENANT, "seattle-weather.csv", "weather");
      for (Map.Entry<String, RenderedChart> chart : render(box).entrySet()) {
        Files.write(folder.resolve(chart.getKey() + ".png"), chart.getValue().png());
        Files.write(folder.resolve(chart.getKey() + ".svg"), chart.getValue().svg());
        System.out.println(folder.resolve(chart.getKey() + ".png") + " " + chart.getValue());
      }
    }
  }

  /** Renders the gallery from the {@code weather} table of {@link #TENANT}. */
  static Map<String, RenderedChart> render(DataBox box) {
    ChartRenderer renderer = new ChartRenderer();
    Map<String, RenderedChart> charts = new LinkedHashMap<>();
    ChartData monthly =
        TestTables.query(
            box,
            TENANT,
            "SELECT CAST(date_trunc('month', date) AS DATE) AS month, avg(temp_max) AS avg_temp_max"
                + " FROM weather GROUP BY 1 ORDER BY 1");
    charts.put(
        "line-monthly-temp-max",
        renderer.render(
            ChartSpec.builder(ChartType.LINE)
                .title("Average daily maximum temperature in Seattle, 2012–2015")
                .x("month")
                .y("avg_temp_max")
                .xLabel("Month")
                .yLabel("Average max temperature")
                .unit("°C")
                .build(),
            monthly));
    ChartData quarterly =
        TestTables.query(
            box,
            TENANT,
            "SELECT CAST(date_trunc('quarter', date) AS DATE) AS quarter, 'max' AS measure,"
                + " avg(temp_max) AS temp FROM weather GROUP BY 1 UNION ALL"
                + " SELECT CAST(date_trunc('quarter', date) AS DATE), 'min', avg(temp_min)"
                + " FROM weather GROUP BY 1 ORDER BY 2, 1");
    charts.put(
        "line-quarterly-two-series",
        renderer.render(
            ChartSpec.builder(ChartType.LINE)
                .x("quarter")
                .y("temp")
                .series("measure")
                .unit("°C")
                .build(),
            quarterly));
    ChartData daysByWeather =
        TestTables.query(
            box, TENANT, "SELECT weather, count(*) AS days FROM weather GROUP BY 1 ORDER BY 1");
    charts.put(
        "bar-days-by-weather",
        renderer.render(renderer.suggest(daysByWeather, "Days by weather type"), daysByWeather));
    ChartData precipitation =
        TestTables.query(
            box,
            TENANT,
            "SELECT weather, sum(precipitation) AS precipitation FROM weather GROUP BY 1");
    charts.put(
        "bar-horizontal-precipitation",
        renderer.render(
            ChartSpec.builder(ChartType.BAR)
                .title("Total precipitation by weather type")
                .x("weather")
                .y("precipitation")
                .unit("mm")
                .orientation(BarOrientation.HORIZONTAL)
                .topN(10)
                .build(),
            precipitation));
    ChartData byYear =
        TestTables.query(
            box,
            TENANT,
            "SELECT year(date) AS year, weather, count(*) AS days FROM weather"
                + " GROUP BY 1, 2 ORDER BY 1, 2");
    charts.put(
        "bar-stacked-by-year",
        renderer.render(
            ChartSpec.builder(ChartType.BAR)
                .title("Days by weather type and year")
                .x("year")
                .y("days")
                .series("weather")
                .stacked(true)
                .build(),
            byYear));
    charts.put(
        "bar-grouped-by-year",
        renderer.render(
            ChartSpec.builder(ChartType.BAR).x("year").y("days").series("weather").build(),
            byYear));
    charts.put(
        "bar-horizontal-grouped",
        renderer.render(
            ChartSpec.builder(ChartType.BAR)
                .x("weather")
                .y("days")
                .series("year")
                .orientation(BarOrientation.HORIZONTAL)
                .build(),
            byYear));
    ChartData temperatures =
        TestTables.query(box, TENANT, "SELECT temp_min, temp_max FROM weather");
    charts.put(
        "scatter-temp",
        renderer.render(
            renderer.suggest(temperatures, null).toBuilder().unit("°C").build(), temperatures));
    ChartData wind = TestTables.query(box, TENANT, "SELECT wind FROM weather");
    charts.put(
        "histogram-wind",
        renderer.render(
            renderer.suggest(wind, "Daily mean wind speed").toBuilder().unit("m/s").build(), wind));
    charts.put(
        "pie-days-by-weather",
        renderer.render(
            ChartSpec.builder(ChartType.PIE)
                .title("Share of days by weather type")
                .x("weather")
                .y("days")
                .build(),
            daysByWeather));
    charts.put(
        "donut-days-by-weather",
        renderer.render(
            ChartSpec.builder(ChartType.DONUT).x("weather").y("days").topN(3).build(),
            daysByWeather));
    charts.put(
        "heatmap-correlation",
        renderer.render(
            ChartSpec.builder(ChartType.HEATMAP)
                .title("Correlation of the daily measures")
                .x("measure")
                .y("other")
                .value("r")
                .numberFormat("0.00")
                .build(),
            correlations(box)));
    ChartData byDay =
        TestTables.query(
            box,
            TENANT,
            "SELECT strftime(date, '%d %b') AS day, sum(precipitation) AS precipitation"
                + " FROM weather GROUP BY 1");
    charts.put(
        "bar-top-30-days",
        renderer.render(
            ChartSpec.builder(ChartType.BAR)
                .title("The 30 wettest days of the year, 2012–2015")
                .x("day")
                .y("precipitation")
                .unit("mm")
                .topN(30)
                .build(),
            byDay));
    charts.put(
        "bar-horizontal-top-12-small",
        renderer.render(
            ChartSpec.builder(ChartType.BAR)
                .x("day")
                .y("precipitation")
                .orientation(BarOrientation.HORIZONTAL)
                .topN(12)
                .size(600, 350)
                .build(),
            byDay));
    charts.put(
        "line-monthly-small",
        renderer.render(
            ChartSpec.builder(ChartType.LINE).x("month").y("avg_temp_max").size(600, 350).build(),
            monthly));
    ChartData daily2015 =
        TestTables.query(
            box,
            TENANT,
            "SELECT date, precipitation FROM weather WHERE year(date) = 2015 ORDER BY date");
    charts.put(
        "bar-daily-2015",
        renderer.render(
            ChartSpec.builder(ChartType.BAR).x("date").y("precipitation").unit("mm").build(),
            daily2015));
    ChartData anomalies =
        TestTables.query(
            box,
            TENANT,
            "SELECT weather, CAST(year(date) AS VARCHAR) AS year,"
                + " avg(temp_max) - (SELECT avg(temp_max) FROM weather) AS anomaly"
                + " FROM weather WHERE year(date) >= 2014 GROUP BY ALL ORDER BY 1, 2");
    charts.put(
        "bar-negative-grouped",
        renderer.render(
            ChartSpec.builder(ChartType.BAR)
                .title("Max temperature against the 2012–2015 average")
                .x("weather")
                .y("anomaly")
                .series("year")
                .unit("°C")
                .build(),
            anomalies));
    charts.put(
        "bar-horizontal-negative-stacked",
        renderer.render(
            ChartSpec.builder(ChartType.BAR)
                .x("weather")
                .y("anomaly")
                .series("year")
                .orientation(BarOrientation.HORIZONTAL)
                .stacked(true)
                .build(),
            anomalies));
    return charts;
  }

  /** The correlation matrix of the numeric columns, one row per pair, from one aggregate query. */
  static ChartData correlations(DataBox box) {
    List<String> pairs = new ArrayList<>();
    for (String a : NUMERIC) {
      for (String b : NUMERIC) {
        pairs.add("corr(" + a + ", " + b + ")");
      }
    }
    List<Object> r =
        TestTables.query(box, TENANT, "SELECT " + String.join(", ", pairs) + " FROM weather")
            .rows()
            .get(0);
    List<List<Object>> rows = new ArrayList<>();
    int i = 0;
    for (String a : NUMERIC) {
      for (String b : NUMERIC) {
        rows.add(List.of(a, b, r.get(i++)));
      }
    }
    return new ChartData(List.of("measure", "other", "r"), rows);
  }
}

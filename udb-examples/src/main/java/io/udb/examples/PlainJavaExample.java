package io.udb.examples;

import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.artifact.FileSystemArtifactStore;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.service.KpiService;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plain-Java example, no Spring: builds a {@link DataBox}, ingests the Seattle weather data,
 * queries it with guarded SQL, profiles it, compares 2012-2013 with 2014-2015 for drift, computes
 * monthly KPIs with their narrative, and prints where the HTML and JSON reports are.
 *
 * <p>Usage: {@code java -cp udb-examples/target/udb-examples.jar
 * -Dloader.main=io.udb.examples.PlainJavaExample
 * org.springframework.boot.loader.launch.PropertiesLauncher [storage-dir]}, or run it from the IDE.
 */
public final class PlainJavaExample {
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final TenantId TENANT = TenantId.of("weather");
  private static final String TABLE = "seattle_weather";

  private PlainJavaExample() {}

  /**
   * What the example found, for callers that check it.
   *
   * @param rowsLoaded rows ingested
   * @param profiledColumns columns in the profile
   * @param datasetDrift whether drift was detected between the two periods
   * @param driftedColumns the columns that drifted
   * @param narrative the KPI narrative
   * @param reports the report files written, by artifact name
   */
  public record Summary(
      long rowsLoaded,
      int profiledColumns,
      boolean datasetDrift,
      List<String> driftedColumns,
      String narrative,
      Map<String, Path> reports) {}

  /**
   * Runs the example under {@code ./udb-data} (or the folder given).
   *
   * @param args optional storage folder
   * @throws IOException when the bundled data cannot be extracted
   */
  public static void main(String[] args) throws IOException {
    // quiet logging for the console examples; the demo service uses Spring Boot's logging
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-examples.xml");
    }
    run(Path.of(args.length > 0 ? args[0] : "udb-data"), System.out);
  }

  /**
   * Runs the example.
   *
   * @param storage the storage folder
   * @param out where to print
   * @return what it found
   * @throws IOException when the bundled data cannot be extracted
   * @throws IllegalStateException when a job fails (its error says which stage and why)
   */
  public static Summary run(Path storage, PrintStream out) throws IOException {
    Path csv = BundledData.extract(BundledData.SEATTLE_WEATHER);
    try (DataBox box = DataBox.builder().storageRoot(storage).build()) {
      Map<String, Path> reports = new java.util.LinkedHashMap<>();

      // 1. ingest: atomic, typed by DuckDB's CSV reader, rejects counted
      Job ingest =
          await(
              box,
              new FileIngestService(box).submitFile(TENANT, csv, TABLE, LoadOptions.defaults()));
      long loaded = ((Number) ingest.result().get("rowsLoaded")).longValue();
      out.printf("Ingested %d rows into %s (tenant %s)%n", loaded, TABLE, TENANT);

      // 2. guarded SQL: one SELECT, no file or network access
      QueryResult yearly =
          box.query(
              TENANT,
              "SELECT year(date) AS year, round(avg(temp_max), 1) AS avg_temp_max,"
                  + " round(sum(precipitation), 1) AS precipitation,"
                  + " count(*) FILTER (WHERE weather = 'sun') AS sunny_days"
                  + " FROM seattle_weather GROUP BY ALL ORDER BY year");
      out.println("year | avg_temp_max | precipitation | sunny_days");
      yearly.rows().forEach(row -> out.println(String.join(" | ", strings(row))));

      // 3. profile: one fused scan per statistic family, HTML and JSON reports as artifacts
      Job profile =
          await(
              box,
              new Profiler().submit(box, TENANT, TableRef.of(TABLE), ProfileOptions.defaults()));
      List<?> columns = (List<?>) profile.result().get("columns");
      out.printf(
          "Profile: %d columns, %d alerts%n",
          columns.size(), ((List<?>) profile.result().get("alerts")).size());
      reports.putAll(files(box, profile));

      // 4. drift: the first two years against the last two, each column with Evidently's test
      try (SqlSession session = box.openSession(TENANT)) {
        // trusted host SQL: the untrusted path (box.query) allows SELECT only
        session.execute(
            "CREATE OR REPLACE TABLE weather_2012_2013 AS"
                + " SELECT * FROM seattle_weather WHERE year(date) <= 2013",
            List.of());
        session.execute(
            "CREATE OR REPLACE TABLE weather_2014_2015 AS"
                + " SELECT * FROM seattle_weather WHERE year(date) >= 2014",
            List.of());
      }
      Job drift =
          await(
              box,
              new DriftService()
                  .submit(
                      box,
                      TENANT,
                      DriftRequest.between(
                              TableRef.of("weather_2012_2013"), TableRef.of("weather_2014_2015"))
                          // the date column differs by construction; compare the weather
                          .columns(
                              List.of("precipitation", "temp_max", "temp_min", "wind", "weather"))
                          .build()));
      List<String> drifted = new ArrayList<>();
      for (Object column : (List<?>) drift.result().get("columns")) {
        Map<?, ?> c = (Map<?, ?>) column;
        out.printf(
            "  drift %-13s %-14s statistic %s%s%n",
            c.get("column"),
            c.get("stattest"),
            // a non-finite statistic arrives as the string "Infinity" or "NaN"
            c.get("statistic") instanceof Number n
                ? String.format(java.util.Locale.ROOT, "%.4f", n.doubleValue())
                : c.get("statistic"),
            Boolean.TRUE.equals(c.get("drifted")) ? "  DRIFTED" : "");
        if (Boolean.TRUE.equals(c.get("drifted"))) {
          drifted.add((String) c.get("column"));
        }
      }
      boolean datasetDrift = Boolean.TRUE.equals(drift.result().get("datasetDrift"));
      out.printf("Dataset drift 2012-2013 -> 2014-2015: %s%n", datasetDrift);
      reports.putAll(files(box, drift));

      // 5. KPIs: latest month against the month before, with a narrative and charts
      List<KpiDefinition> kpis =
          List.of(
              KpiDefinition.builder("avg_max_temperature")
                  .label("The average high temperature")
                  .table(TABLE)
                  .measure("temp_max", Aggregation.AVG)
                  .time("date", Grain.MONTH)
                  .unit("°C")
                  .build(),
              KpiDefinition.builder("precipitation")
                  .label("Precipitation")
                  .table(TABLE)
                  .measure("precipitation", Aggregation.SUM)
                  .time("date", Grain.MONTH)
                  .unit("mm")
                  .upIsGood(false)
                  .build(),
              KpiDefinition.builder("rainy_days")
                  .label("The number of rainy days")
                  .table(TABLE)
                  .measure("*", Aggregation.COUNT)
                  .filter("weather IN ('rain', 'drizzle')")
                  .time("date", Grain.MONTH)
                  .upIsGood(false)
                  .build());
      Job kpi = await(box, new KpiService().submit(box, TENANT, kpis, KpiOptions.defaults()));
      String narrative = (String) kpi.result().get("narrative");
      out.println("KPIs: " + narrative);
      reports.putAll(files(box, kpi));

      out.println("Reports:");
      reports.forEach((name, file) -> out.println("  " + name + ": " + file.toUri()));
      return new Summary(
          loaded, columns.size(), datasetDrift, List.copyOf(drifted), narrative, reports);
    } finally {
      Files.deleteIfExists(csv);
    }
  }

  private static Job await(DataBox box, Job submitted) {
    Job done = box.awaitJob(TENANT, submitted.id(), WAIT);
    if (done.state() != JobState.SUCCEEDED) {
      throw new IllegalStateException(
          "Job " + done.type() + " " + done.id() + " ended " + done.state() + ": " + done.error());
    }
    return done;
  }

  /** The artifact files of a job, when the artifact store is the local file system. */
  private static Map<String, Path> files(DataBox box, Job job) {
    Map<String, Path> files = new java.util.LinkedHashMap<>();
    if (box.artifacts() instanceof FileSystemArtifactStore store) {
      Path dir = store.root().resolve(TENANT.value()).resolve(job.id().value());
      for (ArtifactInfo artifact : box.manifest(TENANT, job.id()).orElseThrow().artifacts()) {
        String name = artifact.name().value();
        if (name.endsWith(".html") || name.endsWith(".svg")) {
          files.put(job.type().name() + "/" + name, dir.resolve(name));
        }
      }
    }
    return files;
  }

  private static List<String> strings(List<Object> row) {
    return row.stream().map(String::valueOf).toList();
  }
}

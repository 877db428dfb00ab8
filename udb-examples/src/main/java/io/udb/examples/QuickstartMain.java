package io.udb.examples;

import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.ingest.CsvFileIngest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The plain-Java quickstart: builds a DataBox under {@code ./udb-data}, ingests the Seattle weather
 * data set (NOAA, public domain) into tenant {@code demo}, runs guarded SQL, shows the guard
 * refusing a file read, writes a job artifact and prints a summary.
 *
 * <p>Usage: {@code java -jar udb-examples/target/udb-examples.jar [storage-dir]}.
 */
public final class QuickstartMain {
  private QuickstartMain() {}

  /**
   * Runs the quickstart.
   *
   * @param args optional storage folder (default {@code ./udb-data})
   * @throws IOException when the bundled data cannot be extracted
   */
  public static void main(String[] args) throws IOException {
    // quiet logging for the console examples; the demo service uses Spring Boot's logging
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-examples.xml");
    }
    Path storage = Path.of(args.length > 0 ? args[0] : "udb-data");
    run(storage, System.out);
  }

  /**
   * Runs the quickstart against a storage folder, printing to {@code out}.
   *
   * @param storage the storage folder
   * @param out where to print
   * @return whether every step succeeded
   * @throws IOException when the bundled data cannot be extracted
   */
  public static boolean run(Path storage, PrintStream out) throws IOException {
    TenantId tenant = TenantId.of("demo");
    Path csv = BundledData.extract(BundledData.SEATTLE_WEATHER);
    try (DataBox box = DataBox.builder().storageRoot(storage).build()) {
      out.println("UDB quickstart - storage: " + storage.toAbsolutePath());

      Job ingest = new CsvFileIngest(box).submit(tenant, csv, TableRef.of("seattle_weather"));
      Job loaded = box.awaitJob(tenant, ingest.id(), Duration.ofMinutes(2));
      if (loaded.state() != JobState.SUCCEEDED) {
        out.println("Ingest failed: " + loaded.error());
        return false;
      }
      out.printf(
          "Ingested seattle-weather.csv: %s rows read, %s loaded, %s rejected (job %s, %d ms)%n",
          loaded.result().get("rowsRead"),
          loaded.result().get("rowsLoaded"),
          loaded.result().get("rowsRejected"),
          loaded.id(),
          loaded.duration(box.clock().instant()).map(Duration::toMillis).orElse(0L));

      for (TableInfo table : box.tables(tenant)) {
        out.printf(
            "Table %s: %d rows, columns %s%n", table.name(), table.rowCount(), table.columns());
      }

      QueryResult monthly =
          box.query(
              tenant,
              "SELECT strftime(date_trunc('month', date), '%Y-%m') AS month,"
                  + " round(avg(temp_max), 1) AS avg_temp_max,"
                  + " round(sum(precipitation), 1) AS precipitation"
                  + " FROM seattle_weather GROUP BY ALL ORDER BY month DESC LIMIT 6");
      out.println("Last six months (guarded SQL, " + monthly.elapsedMs() + " ms):");
      out.println(
          "  " + String.join(" | ", monthly.columns().stream().map(c -> c.name()).toList()));
      for (List<Object> row : monthly.rows()) {
        out.println("  " + String.join(" | ", row.stream().map(String::valueOf).toList()));
      }

      try {
        box.query(tenant, "SELECT * FROM read_csv('/etc/passwd')");
        out.println("The SQL guard let a file read through - this is a bug");
        return false;
      } catch (SqlRejectedException e) {
        out.println("SQL guard refused a file read: " + e.code() + " - " + e.getMessage());
      }

      Job summary =
          box.submit(
              tenant,
              JobType.of("summary"),
              context -> {
                QueryResult byWeather =
                    context.stage(
                        "aggregate",
                        () ->
                            box.query(
                                tenant,
                                "SELECT weather, count(*) AS days FROM seattle_weather"
                                    + " GROUP BY weather ORDER BY days DESC"));
                Map<String, Object> result = Map.of("daysByWeather", byWeather.rows());
                context.writeArtifact(
                    "summary.json",
                    "application/json",
                    Json.write(result).getBytes(StandardCharsets.UTF_8));
                return result;
              });
      Job done = box.awaitJob(tenant, summary.id(), Duration.ofMinutes(1));
      out.println("Days by weather: " + done.result().get("daysByWeather"));
      for (ArtifactInfo artifact : box.manifest(tenant, done.id()).orElseThrow().artifacts()) {
        out.printf(
            "Artifact %s (%s, %d bytes, sha256 %s)%n",
            artifact.name(), artifact.contentType(), artifact.size(), artifact.sha256());
      }
      return done.state() == JobState.SUCCEEDED;
    } finally {
      Files.deleteIfExists(csv);
    }
  }
}

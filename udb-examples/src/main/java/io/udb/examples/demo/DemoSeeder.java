package io.udb.examples.demo;

import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.analyze.AnalyzeRequest;
import io.udb.core.analyze.AnalyzeService;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.service.KpiService;
import io.udb.quality.check.Bound;
import io.udb.quality.check.CheckSuite;
import io.udb.quality.check.Checks;
import io.udb.quality.check.QualityOptions;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import io.udb.security.auth.JwtIssuer;
import io.udb.security.auth.JwtSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seeds tenant {@code demo} on the first start (the Seattle weather data set, NOAA, public domain,
 * with its attribution in {@code data/ATTRIBUTION.md}), starts the analysis jobs (profile, quality
 * checks, drift of 2014-2015 against 2012-2013, monthly KPIs, and one analyze job over the whole
 * pipeline), and prints the URL, an admin token and three {@code curl} commands.
 */
@Component
public class DemoSeeder implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

  /** The demo's tenant. */
  public static final TenantId TENANT = TenantId.of("demo");

  /** The table the demo data goes to. */
  public static final String TABLE = "seattle_weather";

  /** How long the printed token is valid: the longest the issuer allows. */
  static final Duration TOKEN_TTL = Duration.ofDays(1);

  private final DataBox box;
  private final FileIngestService ingest;
  private final Profiler profiler;
  private final QualityService quality;
  private final DriftService drift;
  private final KpiService kpis;
  private final AnalyzeService analyze;
  private final Settings udbSettings;
  private final Environment environment;
  private final PrintStream out;
  private volatile DemoBanner banner;
  private volatile Map<String, Job> seedJobs = Map.of();

  /**
   * Creates the seeder from the starter's beans.
   *
   * @param box the box
   * @param ingest file ingest
   * @param profiler the profiler
   * @param quality quality checks
   * @param drift drift detection
   * @param kpis KPIs
   * @param analyze the analyze pipeline; discovered from the class path when no bean is defined
   * @param udbSettings the settings the box was built with (holds the token secret)
   * @param environment the Spring environment (port, flags)
   */
  public DemoSeeder(
      DataBox box,
      FileIngestService ingest,
      Profiler profiler,
      QualityService quality,
      DriftService drift,
      KpiService kpis,
      ObjectProvider<AnalyzeService> analyze,
      Settings udbSettings,
      Environment environment) {
    this.box = box;
    this.ingest = ingest;
    this.profiler = profiler;
    this.quality = quality;
    this.drift = drift;
    this.kpis = kpis;
    this.analyze = analyze.getIfAvailable(AnalyzeService::discover);
    this.udbSettings = udbSettings;
    this.environment = environment;
    this.out = System.out;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    boolean seeded = box.describe(TENANT, TableRef.of(TABLE)).isPresent();
    if (!seeded) {
      seed();
      seedJobs = analyze();
    } else {
      LOG.info("Tenant {} already holds {}; not seeding again", TENANT, TABLE);
    }
    int port = environment.getProperty("local.server.port", Integer.class, 8080);
    String token =
        environment.getProperty(UdbDemoApplication.GENERATED_SECRET, Boolean.class, false)
            ? adminToken()
            : null;
    banner = new DemoBanner("http://localhost:" + port, token, TABLE);
    out.println(banner.text());
  }

  /** What was printed at start-up, for tests. */
  public DemoBanner banner() {
    return banner;
  }

  /** The analysis jobs of the first start by type, empty when the tenant was seeded before. */
  public Map<String, Job> seedJobs() {
    return seedJobs;
  }

  /**
   * Mints an admin token for tenant {@code demo} with the configured secret.
   *
   * @return the compact JWT
   */
  public String adminToken() {
    JwtIssuer issuer = new JwtIssuer(JwtSettings.from(udbSettings.withPrefix("security.auth.")));
    return issuer.issue(
        Principal.of("demo-admin", TENANT, Role.ADMIN, Role.ANALYST, Role.VIEWER), TOKEN_TTL);
  }

  private void seed() throws IOException {
    Path csv = Files.createTempFile("udb-demo-", ".csv");
    try (InputStream in = DemoSeeder.class.getResourceAsStream("/data/seattle-weather.csv")) {
      if (in == null) {
        throw new IOException("The bundled data set data/seattle-weather.csv is missing");
      }
      Files.copy(in, csv, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Job load =
          box.awaitJob(
              TENANT,
              ingest.submitFile(TENANT, csv, TABLE, LoadOptions.defaults()).id(),
              Duration.ofMinutes(2));
      if (load.state() != JobState.SUCCEEDED) {
        throw new IllegalStateException("Seeding the demo data failed: " + load.error());
      }
      LOG.info(
          "Seeded tenant {} with {} rows of seattle-weather.csv (NOAA NCDC, public domain)",
          TENANT,
          load.result().get("rowsLoaded"));
    } finally {
      Files.deleteIfExists(csv);
    }
    try (SqlSession session = box.openSession(TENANT)) {
      // two periods of the same data for the drift report; trusted host SQL
      session.execute(
          "CREATE OR REPLACE TABLE weather_2012_2013 AS"
              + " SELECT * FROM seattle_weather WHERE year(date) <= 2013",
          List.of());
      session.execute(
          "CREATE OR REPLACE TABLE weather_2014_2015 AS"
              + " SELECT * FROM seattle_weather WHERE year(date) >= 2014",
          List.of());
    }
  }

  /** The demo's quality checks: what a weather feed must satisfy. */
  static CheckSuite checks() {
    return Checks.on(TABLE)
        .isComplete("date")
        .isUnique("date")
        .isNonNegative("precipitation")
        .isNonNegative("wind")
        .satisfies("max_at_least_min", "temp_max >= temp_min")
        .isContainedIn("weather", List.of("drizzle", "rain", "sun", "snow", "fog"))
        .hasRowCount(Bound.ge(365))
        .build();
  }

  /** The demo's KPIs, monthly. */
  static List<KpiDefinition> kpiDefinitions() {
    return List.of(
        KpiDefinition.builder("avg_high_temperature")
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
        KpiDefinition.builder("sunny_days")
            .label("The number of sunny days")
            .table(TABLE)
            .measure("*", Aggregation.COUNT)
            .filter("weather = 'sun'")
            .time("date", Grain.MONTH)
            .build());
  }

  private Map<String, Job> analyze() {
    Map<String, Job> jobs = new LinkedHashMap<>();
    jobs.put(
        "profile", profiler.submit(box, TENANT, TableRef.of(TABLE), ProfileOptions.defaults()));
    jobs.put("quality", quality.submit(box, TENANT, checks(), QualityOptions.defaults()));
    jobs.put(
        "drift",
        drift.submit(
            box,
            TENANT,
            DriftRequest.between(TableRef.of("weather_2012_2013"), TableRef.of("weather_2014_2015"))
                .columns(List.of("precipitation", "temp_max", "temp_min", "wind", "weather"))
                .build()));
    jobs.put("kpis", kpis.submit(box, TENANT, kpiDefinitions(), KpiOptions.defaults()));
    // the whole pipeline once, as POST /udb/analyze runs it: profile, suggested checks, a drift
    // baseline for later runs, KPIs and charts
    jobs.put(
        "analyze",
        analyze.submit(
            box,
            TENANT,
            AnalyzeRequest.ofTables(TABLE)
                .withKpis(
                    List.of(
                        Map.of(
                            "name", "rainy_days",
                            "table", TABLE,
                            "measure", "*",
                            "aggregation", "count",
                            "filter", "weather IN ('rain', 'drizzle')",
                            "timeColumn", "date",
                            "grain", "month")))));
    List<String> started = new ArrayList<>();
    jobs.forEach((type, job) -> started.add(type + " " + job.id().value()));
    LOG.info("Started the demo analysis: {}", started);
    return jobs;
  }
}

package io.udb.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.ingest.connection.ConnectorCatalog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo as {@code java -jar} starts it, on a random port and a fresh storage folder, without
 * {@code UDB_JWT_SECRET}; the example plugin jar is on this test's class path, as a host would add
 * it.
 */
class UdbDemoApplicationTest {
  @TempDir static Path storage;

  private static ConfigurableApplicationContext demo;
  private static DemoSeeder seeder;
  private static DataBox box;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    demo =
        UdbDemoApplication.start(
            Map.of(),
            "--server.port=0",
            "--udb.storage.path=" + storage,
            "--udb.plugins.event-sinks=logging,cloudevents-file");
    seeder = demo.getBean(DemoSeeder.class);
    box = demo.getBean(DataBox.class);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(seeder.banner().baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void seedsTheDemoTenantAndRunsTheAnalysis() {
    assertThat(box.describe(DemoSeeder.TENANT, TableRef.of("seattle_weather")))
        .hasValueSatisfying(t -> assertThat(t.rowCount()).isEqualTo(1461));
    assertThat(seeder.seedJobs())
        .containsOnlyKeys("profile", "quality", "drift", "kpis", "analyze");
    for (Job job : seeder.seedJobs().values()) {
      Job done = box.awaitJob(DemoSeeder.TENANT, job.id(), Duration.ofMinutes(3));
      assertThat(done.state()).as("%s %s", done.type(), done.error()).isEqualTo(JobState.SUCCEEDED);
      assertThat(box.manifest(DemoSeeder.TENANT, done.id()).orElseThrow().artifacts()).isNotEmpty();
    }
    Job quality = box.job(DemoSeeder.TENANT, seeder.seedJobs().get("quality").id());
    assertThat(quality.result()).containsEntry("passed", true);
  }

  @Test
  void printsTheUrlAndAnAdminTokenThatTheBoxAccepts() {
    DemoBanner banner = seeder.banner();
    int port = demo.getEnvironment().getProperty("local.server.port", Integer.class);

    assertThat(banner.baseUrl()).isEqualTo("http://localhost:" + port);
    assertThat(banner.text())
        .contains("UDB demo is ready: http://localhost:" + port + "/")
        .contains(banner.token())
        .contains("/actuator/prometheus");
    Principal principal = box.authenticate(banner.token()).principal();
    assertThat(principal.tenant()).isEqualTo(DemoSeeder.TENANT);
    assertThat(principal.highestRole()).isEqualTo(Role.ADMIN);
  }

  @Test
  void theCurlCommandsWorkAsPrinted() throws Exception {
    assumeTrue(
        get("/udb/healthz").statusCode() == 200,
        "the HTTP API (io.udb.spring.web) is not on the class path of this build");
    List<String> commands = seeder.banner().curlCommands();
    assertThat(commands).hasSize(3);

    HttpResponse<String> tables =
        HTTP.send(CurlCommand.toRequest(commands.get(0)), HttpResponse.BodyHandlers.ofString());
    assertThat(tables.statusCode()).as(tables.body()).isEqualTo(200);
    assertThat(tables.body()).contains("\"seattle_weather\"", "\"weather_2014_2015\"");

    HttpResponse<String> sql =
        HTTP.send(CurlCommand.toRequest(commands.get(1)), HttpResponse.BodyHandlers.ofString());
    assertThat(sql.statusCode()).as(sql.body()).isEqualTo(200);
    assertThat(Json.readObject(sql.body()).get("rows").toString())
        .startsWith("[[rain, 641], [sun, 640]");

    HttpResponse<String> profile =
        HTTP.send(CurlCommand.toRequest(commands.get(2)), HttpResponse.BodyHandlers.ofString());
    assertThat(profile.statusCode()).as(profile.body()).isEqualTo(202);
    assertThat(Json.readObject(profile.body())).containsKey("jobId");
  }

  @Test
  void thePageUploadsQueriesAndOpensTheProfileReportInARealBrowser(@TempDir Path profile)
      throws Exception {
    assumeTrue(DemoBrowser.available(), "needs Debian's chromium and chromium-driver");
    assumeTrue(
        get("/udb/healthz").statusCode() == 200,
        "the HTTP API (io.udb.spring.web) is not on the class path of this build");
    try (DemoBrowser browser = new DemoBrowser(profile)) {
      WebDriver driver = browser.driver;
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofMinutes(2));
      driver.get(seeder.banner().baseUrl() + "/");
      driver.findElement(By.id("token")).sendKeys(seeder.banner().token());
      driver.findElement(By.cssSelector("#signin button")).click();
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("tables"), "seattle_weather"));
      assertThat(driver.findElement(By.id("who")).getText())
          .isEqualTo("tenant demo as viewer, analyst, admin");
      browser.screenshot("demo-signed-in");

      // upload a real CSV as a new table
      Path cars = Path.of("../testdata/cars.csv").toAbsolutePath().normalize();
      driver.findElement(By.id("file")).sendKeys(cars.toString());
      assertThat(driver.findElement(By.id("upload-table")).getAttribute("value")).isEqualTo("cars");
      driver.findElement(By.cssSelector("#upload button")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tables"), "cars"));
      WebElement carsRow = driver.findElement(By.xpath("//table[@id='tables']//tr[td[1]='cars']"));
      assertThat(carsRow.findElement(By.cssSelector("td.num")).getText()).isEqualTo("406");

      // run a query
      WebElement sql = driver.findElement(By.id("sql"));
      sql.clear();
      sql.sendKeys(
          "SELECT Origin, count(*) AS cars, round(avg(Horsepower), 1) AS horsepower"
              + " FROM cars GROUP BY Origin ORDER BY cars DESC");
      driver.findElement(By.cssSelector("#sql-form button")).click();
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sql-info"), "3 rows"));
      assertThat(driver.findElement(By.id("result")).getText()).contains("USA 254");

      // profile the uploaded table and open the report
      new Select(driver.findElement(By.id("analysis-table"))).selectByValue("cars");
      driver.findElement(By.cssSelector("#analysis button[data-kind=profile]")).click();
      WebElement report =
          wait.until(ExpectedConditions.elementToBeClickable(By.linkText("profile.html")));
      browser.screenshot("demo-page");
      String page = driver.getWindowHandle();
      report.click();
      wait.until(d -> d.getWindowHandles().size() == 2);
      for (String handle : driver.getWindowHandles()) {
        if (!handle.equals(page)) {
          driver.switchTo().window(handle);
        }
      }
      wait.until(d -> d.getCurrentUrl().startsWith("blob:"));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Horsepower"));
      Path shot = browser.screenshot("profile-report");
      assertThat(shot).isRegularFile();
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
  }

  @Test
  void servesThePageAndPrometheusMetrics() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>UDB demo</title>", "app.js");
    assertThat(get("/app.js").body()).contains("/udb");

    HttpResponse<String> metrics = get("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    // at least the seed; another test of this class may have uploaded more by now
    java.util.regex.Matcher rows =
        java.util.regex.Pattern.compile("udb_ingest_rows_total\\{tenant=\"demo\"} ([0-9.]+)")
            .matcher(metrics.body());
    assertThat(rows.find()).as(metrics.body()).isTrue();
    assertThat(Double.parseDouble(rows.group(1))).isGreaterThanOrEqualTo(1461.0);
    assertThat(metrics.body()).contains("udb_jobs_total{", "type=\"profile\"");
  }

  @Test
  void picksUpTheExamplePluginFromTheClassPath() throws Exception {
    assertThat(demo.getBean(ConnectorCatalog.class).names()).contains("sample-orders", "csv");
    assertThat(box.plugins()).anySatisfy(p -> assertThat(p.name()).isEqualTo("cloudevents-file"));
    Path events = storage.resolve("events/cloudevents.jsonl");
    assertThat(events).exists();
    assertThat(Files.readAllLines(events))
        .anySatisfy(
            line ->
                assertThat(line).contains("\"type\":\"udb.job.created\"", "\"tenant\":\"demo\""));
  }
}

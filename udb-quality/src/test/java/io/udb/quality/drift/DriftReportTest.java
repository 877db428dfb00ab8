package io.udb.quality.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftReportTest {
  private static final TenantId TENANT = TenantId.of("report");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path temp;

  private DataBox box;
  private final DriftService service = new DriftService();

  @BeforeEach
  void open() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
  }

  @AfterEach
  void close() {
    box.close();
  }

  /** Reference and current tables of {@code rows} rows with numeric, text and boolean columns. */
  private DriftResult drift(int rows) {
    String select =
        "SELECT (i %% 1000) / %s AS amount, i %% 5 AS level,"
            + " ['north', 'south', 'east', 'west'][i %% 4 + 1] AS region, i %% 3 = 0 AS active,"
            + " 'v' || (i %% 37) AS \"<b>odd & name</b>\" FROM range(%d) t(i)";
    TestTables.execute(
        box, TENANT, "CREATE OR REPLACE TABLE ref AS " + String.format(select, "10.0", rows));
    TestTables.execute(
        box, TENANT, "CREATE OR REPLACE TABLE cur AS " + String.format(select, "9.0", rows));
    return service.run(
        box, TENANT, DriftRequest.between(TableRef.of("ref"), TableRef.of("cur")).build());
  }

  @Test
  void theReportIsSelfContainedAndEscapesNames() {
    String html = service.html(box, drift(2000));

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(count(html, "<svg ")).isEqualTo(5);
    assertThat(html)
        .doesNotContain("<script", "<link", "src=", "url(", "<b>odd")
        .contains("&lt;b&gt;odd &amp; name&lt;/b&gt;", "wasserstein", "jensenshannon");
    // the only URL is the SVG namespace, which is a name, not a request
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
  }

  @Test
  void aBaselineRunNamesTheVersionAndItsRefresh() {
    drift(500);
    new BaselineStore(box).save(TENANT, "sales", TableRef.of("ref"));
    DriftRequest.Builder request = DriftRequest.againstBaseline("sales", TableRef.of("cur"));

    String plain = service.html(box, service.run(box, TENANT, request.build()));
    String refreshed =
        service.html(
            box, service.run(box, TENANT, request.refresh(RefreshPolicy.everyRuns(1)).build()));

    assertThat(plain)
        .contains("baseline sales", "v1", "baseline:sales@1")
        .doesNotContain("refreshed");
    assertThat(refreshed).contains("refreshed to v2");
  }

  @Test
  void theReportSizeIsBoundedWhateverTheRowCount() {
    int small = service.html(box, drift(2_000)).length();
    int large = service.html(box, drift(200_000)).length();

    // a hundred times the rows: only the number of histogram bins grows (log2, capped at 50)
    assertThat(large).isLessThan(small * 5 / 4).isLessThan(60_000);
  }

  @Test
  void theReportOpensInHeadlessChromiumWithoutConsoleMessages() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed");
    Path report = temp.resolve("drift.html");
    Files.writeString(report, service.html(box, drift(2000)), StandardCharsets.UTF_8);
    Path broken = temp.resolve("broken.html");
    Files.writeString(
        broken,
        "<!DOCTYPE html><html><body><script>console.error('control');</script></body></html>");

    Browser good = open(report);
    Browser control = open(broken);

    // the control proves that console messages would be seen
    assertThat(control.consoleLines()).isNotEmpty();
    assertThat(good.consoleLines()).isEmpty();
    assertThat(count(good.dom(), "<svg")).isEqualTo(5);
    assertThat(good.dom()).contains("Data drift");
  }

  private Browser open(Path page) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(temp, "chromium");
    Path out = temp.resolve(page.getFileName() + ".dom");
    Path err = temp.resolve(page.getFileName() + ".log");
    Process process =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + profile,
                "--dump-dom",
                page.toUri().toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within 90 s");
    }
    List<String> console =
        Files.readAllLines(err, StandardCharsets.UTF_8).stream()
            .filter(line -> line.contains(":CONSOLE"))
            .toList();
    return new Browser(Files.readString(out, StandardCharsets.UTF_8), console);
  }

  private static int count(String text, String needle) {
    Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private record Browser(String dom, List<String> consoleLines) {}
}

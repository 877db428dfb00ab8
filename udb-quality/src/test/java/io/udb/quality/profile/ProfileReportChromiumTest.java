package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in headless Chromium (Debian's {@code chromium} package): the page must load
 * without console messages, blocked requests or network access. Skipped where Chromium is absent.
 */
class ProfileReportChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @BeforeEach
  void requireChromium() {
    assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
  }

  @Test
  void profileReportLoadsWithoutConsoleErrorsOrRequests() throws Exception {
    String html;
    try (TestBoxes boxes = new TestBoxes()) {
      boxes.csv("birdstrikes.csv", "birdstrikes");
      html = new ProfileReport().html(boxes.profile("birdstrikes"));
    }

    Rendered page = render(html);

    assertThat(page.problems()).isEmpty();
    assertThat(page.dom())
        .contains("Profile of <code>birdstrikes</code>")
        .contains("id=\"sample\"")
        .contains("<svg class=\"hist\"");
  }

  @Test
  void comparisonReportLoadsWithoutConsoleErrorsOrRequests() throws Exception {
    String html;
    try (TestBoxes boxes = new TestBoxes()) {
      boxes.csv("seattle-weather.csv", "weather");
      boxes.sql("CREATE TABLE early AS SELECT * FROM weather WHERE date < DATE '2014-01-01'");
      boxes.sql("CREATE TABLE late AS SELECT * FROM weather WHERE date >= DATE '2014-01-01'");
      html =
          new ProfileReport()
              .html(ProfileComparison.of(boxes.profile("early"), boxes.profile("late")));
    }

    Rendered page = render(html);

    assertThat(page.problems()).isEmpty();
    assertThat(page.dom()).contains("Comparison of <code>early</code> and <code>late</code>");
  }

  @Test
  void checkerSeesConsoleErrorsAndBlockedRequests() throws Exception {
    Rendered page =
        render(
            "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\""
                + " content=\"default-src 'none'; script-src 'unsafe-inline'\"></head><body>"
                + "<img src=\"https://example.invalid/x.png\">"
                + "<script>console.error('boom')</script></body></html>");

    assertThat(page.problems()).isNotEmpty();
  }

  /** What Chromium made of a page: its DOM and the log lines that indicate a problem. */
  private record Rendered(String dom, List<String> problems) {}

  private Rendered render(String html) throws IOException, InterruptedException {
    Path page = dir.resolve("page-" + System.nanoTime() + ".html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Path out = dir.resolve("dom.html");
    Path err = dir.resolve("stderr.txt");
    Process chromium =
        new ProcessBuilder(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + dir.resolve("profile-" + System.nanoTime()),
                "--dump-dom",
                page.toUri().toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
    assertThat(chromium.exitValue()).as("Chromium exit status").isZero();
    List<String> problems = new ArrayList<>();
    for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
      // console messages, CSP refusals and failed loads; D-Bus noise of a headless box is not one
      if (line.contains("CONSOLE")
          || line.contains("Refused to")
          || line.contains("Content Security Policy")
          || line.contains("net::ERR")) {
        problems.add(line);
      }
    }
    return new Rendered(Files.readString(out, StandardCharsets.UTF_8), problems);
  }
}

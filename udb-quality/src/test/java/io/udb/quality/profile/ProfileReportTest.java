package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileReportTest {
  private static final String GENERATED =
      " AS SELECT i AS id, CAST(hash(i) % 100000 AS DOUBLE) / 10 AS amount,"
          + " ['red', 'green', 'blue', NULL][CAST(hash(i, 1) % 4 + 1 AS INTEGER)] AS colour,"
          + " 'customer ' || CAST(hash(i, 2) % 5000 AS VARCHAR) AS customer,"
          + " DATE '2021-01-01' + CAST(hash(i, 3) % 700 AS INTEGER) AS day,"
          + " hash(i, 4) % 5 = 0 AS flag FROM range(?) AS t(i)";

  private TestBoxes boxes;
  private final ProfileReport report = new ProfileReport();

  @BeforeAll
  void createTables() {
    boxes = new TestBoxes();
    boxes.sql("CREATE TABLE small" + GENERATED, 1_000);
    boxes.sql("CREATE TABLE large" + GENERATED, 200_000);
  }

  @AfterAll
  void close() {
    boxes.close();
  }

  @Test
  void reportSizeDoesNotGrowWithTheRowCount() {
    String small = report.html(boxes.profile("small"));
    String large = report.html(boxes.profile("large"));

    assertThat(large.length()).isGreaterThan(10_000);
    double ratio = (double) large.length() / small.length();
    assertThat(ratio).as("%d vs %d characters", large.length(), small.length()).isBetween(0.8, 1.2);
  }

  @Test
  void reportIsSelfContainedAndNavigable() {
    String html = report.html(boxes.profile("small"));

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("Content-Security-Policy", "default-src 'none'")
        .contains(
            "id=\"overview\"",
            "id=\"variables\"",
            "id=\"correlations\"",
            "id=\"alerts\"",
            "id=\"sample\"")
        .contains("href=\"#overview\"", "href=\"#sample\"")
        .contains("<svg class=\"hist\"", "<rect ")
        .doesNotContain("<script", "<link", "src=", "url(", "@import", "http://", "https://");
    assertThat(html.indexOf("id=\"overview\""))
        .isLessThan(html.indexOf("id=\"variables\""))
        .isLessThan(html.indexOf("id=\"correlations\""));
    assertThat(html.indexOf("id=\"alerts\"")).isLessThan(html.indexOf("id=\"sample\""));
  }

  @Test
  void namesAndValuesAreEscaped() {
    boxes.sql(
        "CREATE TABLE \"<b>bold</b>\" AS SELECT '<script>alert(1)</script>' AS \"<img src=x>\""
            + " FROM range(3)");
    String html = report.html(boxes.profile("<b>bold</b>"));

    assertThat(html)
        .doesNotContain("<script>alert(1)</script>", "<img src=x>", "<b>bold</b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src&#x3D;x&gt;");
  }

  @Test
  void minimalProfileSaysWhyCorrelationsAreMissing() {
    String html =
        report.html(boxes.profile("small", ProfileOptions.builder().minimal(true).build()));

    assertThat(html).contains("Correlations were skipped (minimal mode).");
    assertThat(html).contains("not computed");
  }

  @Test
  void comparisonShowsBothTablesAndTheirDifferences() {
    ProfileComparison comparison =
        ProfileComparison.of(boxes.profile("small"), boxes.profile("large"));
    String html = report.html(comparison);

    assertThat(html)
        .contains("Comparison of <code>small</code> and <code>large</code>")
        .contains("id=\"differences\"")
        .contains("+199,000")
        .doesNotContain("<script", "http://", "https://");
    assertThat(html.split("<svg class=\"hist\"", -1)).hasSizeGreaterThan(4);
  }
}

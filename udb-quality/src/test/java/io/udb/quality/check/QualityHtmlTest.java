package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityHtmlTest {

  private static QualityReport report(String message, RowSample sample) {
    CheckResult result =
        new CheckResult(
            "satisfies",
            null,
            CheckStatus.FAILED,
            0.5,
            message,
            sample,
            Severity.ERROR,
            1L,
            "rule <1>");
    return new QualityReport(
        "t<&>", false, List.of(result), 2, new QuarantineResult("t__quarantine", 1), List.of());
  }

  @Test
  void escapesEveryValueFromTheData() {
    String html =
        new QualityHtml()
            .render(
                report(
                    "<img src=x onerror=alert(1)>",
                    new RowSample(List.of("a<b"), List.of(List.of("<script>alert(2)</script>")))),
                Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(html)
        .doesNotContain("<img")
        .doesNotContain("<script>")
        .contains("&lt;img src")
        .contains("&lt;script&gt;alert(2)&lt;/script&gt;")
        .contains("a&lt;b")
        .contains("t&lt;&amp;&gt;")
        .contains("rule &lt;1&gt;");
  }

  @Test
  void showsSummaryQuarantineAndSample() {
    String html =
        new QualityHtml()
            .render(
                report("half", new RowSample(List.of("x"), List.of(List.of(1L)))),
                Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(html)
        .contains("failed <b>1</b>")
        .contains("t__quarantine")
        .contains("1 of 1 violating rows shown")
        .contains("generated 2024-01-01T00:00:00Z")
        .contains("<rect x=\"0\" y=\"0\" width=\"480\"");
  }
}

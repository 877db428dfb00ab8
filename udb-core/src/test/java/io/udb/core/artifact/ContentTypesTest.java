package io.udb.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.artifact.ArtifactName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentTypesTest {

  @ParameterizedTest
  @CsvSource({
    "result.json, application/json",
    "report.html, text/html",
    "chart.png, image/png",
    "chart.svg, image/svg+xml",
    "rows.csv, text/csv",
    "notes.txt, text/plain",
    "table.parquet, application/vnd.apache.parquet",
    "summary.pdf, application/pdf",
    "REPORT.HTML, text/html",
    "archive.tar.json, application/json"
  })
  void guessesKnownExtensions(String name, String expected) {
    assertThat(ContentTypes.guess(ArtifactName.of(name))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"data.bin", "no-extension", "trailing.", "model.onnx"})
  void fallsBackToOctetStream(String name) {
    assertThat(ContentTypes.guess(name)).isEqualTo(ContentTypes.OCTET_STREAM);
  }
}

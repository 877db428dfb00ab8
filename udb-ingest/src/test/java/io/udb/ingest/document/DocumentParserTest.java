package io.udb.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tika extraction of real documents made with LibreOffice and qpdf, and its limits. */
class DocumentParserTest {
  private static final String WINTER =
      "Winter brings most of the precipitation. The wettest months are November, December and"
          + " January, when Pacific storms arrive one after another and the ground never quite"
          + " dries.";
  private static final DocumentParser PARSER = new DocumentParser(DocumentSettings.defaults());

  @AfterAll
  static void done() {
    // the pool's idle threads end by themselves
  }

  private static ParsedDocument parse(String name) {
    return PARSER.parse(Fixtures.file(name), name, () -> false);
  }

  private static UdbException failure(DocumentParser parser, String name) {
    try {
      parser.parse(Fixtures.file(name), name, () -> false);
    } catch (UdbException e) {
      return e;
    }
    throw new AssertionError(name + " was parsed");
  }

  @ParameterizedTest
  @CsvSource({
    "field-notes.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "field-notes.odt, application/vnd.oasis.opendocument.text",
    "field-notes.pdf, application/pdf",
    "field-notes.rtf, application/rtf",
    "field-notes.html, text/html",
    "field-notes.md, text/markdown",
    "field-notes.txt, text/plain"
  })
  void extractsTheSentencesOfEveryTextFormat(String file, String contentType) {
    ParsedDocument document = parse(file);

    assertThat(document.contentType()).isEqualTo(contentType);
    assertThat(Fixtures.flat(document.text()))
        .contains("Field Notes on the Seattle Weather Record")
        .contains(WINTER)
        .contains(
            "Every sentence here is meant to be found again, whole and unbroken, in the"
                + " fragments that the ingest job stores.");
    assertThat(document.documentId()).matches("[0-9a-f]{64}");
  }

  @Test
  void extractsSpreadsheetsPresentationsAndEmail() {
    assertThat(parse("weather.xlsx").text()).contains("2012-01-04").contains("drizzle");
    assertThat(parse("weather.ods").text()).contains("2012-01-04").contains("drizzle");
    assertThat(parse("briefing.pptx").text())
        .contains("Sunny days outnumber drizzly days by a wide margin.");
    assertThat(parse("briefing.odp").text())
        .contains("Profile the table, then track rainfall as a monthly KPI.");
    ParsedDocument mail = parse("letter.eml");
    assertThat(Fixtures.flat(mail.text()))
        .contains("November was the wettest month again, with more than one hundred millimetres");
    assertThat(mail.metadata())
        .containsEntry("title", "Rainfall figures for the quarterly review")
        .containsEntry("author", "Ada Brightwater <ada.brightwater@example.org>")
        .containsEntry("contentType", "message/rfc822");
  }

  @ParameterizedTest
  @CsvSource({"field-notes.docx", "field-notes.odt", "field-notes.pdf", "field-notes.rtf"})
  void readsTitleAuthorAndContentType(String file) {
    ParsedDocument document = parse(file);

    assertThat(document.metadata())
        .containsEntry("title", "Field Notes on the Seattle Weather Record")
        .containsEntry("author", "Ada Brightwater")
        .containsEntry("contentType", document.contentType())
        .containsEntry("characters", document.text().length());
  }

  @ParameterizedTest
  @CsvSource({"encrypted.pdf", "encrypted.odt"})
  void anEncryptedDocumentIsDocumentEncrypted(String file) {
    UdbException e = failure(PARSER, file);

    assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_ENCRYPTED);
    assertThat(e.getMessage()).contains(file).contains("without a password");
  }

  @Test
  void aTruncatedPdfIsBadFormat() {
    UdbException e = failure(PARSER, "truncated.pdf");

    assertThat(e.code()).isEqualTo(ErrorCode.INGEST_BAD_FORMAT);
    assertThat(e.getMessage()).contains("truncated.pdf could not be read");
  }

  @Test
  void aZipBombIsStoppedByTheExpansionGuard() {
    DocumentSettings d = DocumentSettings.defaults();
    // The character limit is far away, so only the expansion guard can stop this parse.
    DocumentParser parser =
        new DocumentParser(
            new DocumentSettings(
                d.maxInputBytes(), 500_000_000, 5, d.parseTimeout(), 1, 1000, 100));

    UdbException e = failure(parser, "bomb.docx");

    assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(e.getMessage()).contains("expands far beyond its size");
  }

  @Test
  void theCharacterLimitStopsAParse() {
    DocumentSettings d = DocumentSettings.defaults();
    DocumentParser parser =
        new DocumentParser(
            new DocumentSettings(d.maxInputBytes(), 500, 20, d.parseTimeout(), 1, 1000, 100));

    UdbException e = failure(parser, "field-notes.docx");

    assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(e.getMessage()).contains("more than the limit of 500 characters");
  }

  @Test
  void aFileOverTheByteLimitIsRefusedBeforeParsing() {
    DocumentSettings d = DocumentSettings.defaults();
    DocumentParser parser =
        new DocumentParser(
            new DocumentSettings(1000, d.maxCharacters(), 20, d.parseTimeout(), 1, 1000, 100));

    UdbException e = failure(parser, "field-notes.pdf");

    assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(e.getMessage()).contains("28403 bytes, more than the limit of 1000");
  }

  @Test
  void aParseOverItsTimeoutIsStoppedAndTheCallerReturns() {
    DocumentSettings d = DocumentSettings.defaults();
    DocumentParser parser =
        new DocumentParser(
            new DocumentSettings(
                d.maxInputBytes(), 500_000_000, 100_000, Duration.ofMillis(1), 1, 1000, 100));

    UdbException e = failure(parser, "bomb.docx");

    assertThat(e.code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(e.getMessage()).contains("took longer than the limit");
  }

  @Test
  void cancellingStopsTheWait() {
    AtomicInteger polls = new AtomicInteger();

    // Cancelled at the first poll, so the outcome does not depend on how fast the parse is (a
    // fast machine hits the bomb's expansion limit before a later poll).
    assertThatThrownBy(
            () ->
                PARSER.parse(
                    Fixtures.file("bomb.docx"), "bomb.docx", () -> polls.incrementAndGet() >= 1))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.JOB_CANCELLED);
    assertThat(polls).hasValue(1);
    assertThat(
            PARSER.parse(Fixtures.file("field-notes.pdf"), "field-notes.pdf", () -> false).text())
        .as("the stopped parse does not hold the parser's threads")
        .isNotBlank();
  }

  @Test
  void detectsDocumentsByContent() {
    assertThat(PARSER.detect(Fixtures.file("field-notes.pdf"), null)).isEqualTo("application/pdf");
    assertThat(
            DocumentParser.isDocumentType(PARSER.detect(Fixtures.file("field-notes.docx"), null)))
        .isTrue();
    assertThat(
            DocumentParser.isDocumentType(
                PARSER.detect(
                    java.nio.file.Path.of("../testdata/cars.csv").toAbsolutePath(), null)))
        .isFalse();
  }
}

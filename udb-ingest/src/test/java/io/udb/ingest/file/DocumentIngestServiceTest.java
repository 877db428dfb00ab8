package io.udb.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.engine.QueryResult;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.ingest.RecordingMetrics;
import io.udb.ingest.document.DocumentIngest;
import io.udb.ingest.document.DocumentParser;
import io.udb.ingest.document.DocumentSettings;
import io.udb.ingest.document.Fixtures;
import io.udb.ingest.load.FileFormat;
import io.udb.ingest.load.LoadMode;
import io.udb.ingest.load.LoadOptions;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents through file ingest: routing, the fragments table, atomic loads, typed failures. */
class DocumentIngestServiceTest {
  private static final TenantId TENANT = TenantId.of("docs");

  @TempDir Path temp;
  private final RecordingMetrics metrics = new RecordingMetrics();
  private DataBox box;
  private FileIngestService files;

  @BeforeEach
  void setUp() {
    box = DataBox.builder().storageRoot(temp.resolve("store")).metrics(metrics).build();
    files =
        new FileIngestService(
            box, IngestSettings.defaults(), DocumentSettings.defaults().withFragments(300, 60));
  }

  @AfterEach
  void close() {
    box.close();
  }

  private Job upload(String fixture, String name, FileFormat format, LoadOptions options)
      throws Exception {
    try (InputStream in = Files.newInputStream(Fixtures.file(fixture))) {
      Job job = files.submitUpload(TENANT, in, name, "docs", format, options);
      return box.awaitJob(TENANT, job.id(), Duration.ofMinutes(2));
    }
  }

  private List<List<Object>> rows(String sql) {
    QueryResult result = box.query(TENANT, sql);
    return result.rows();
  }

  @Test
  void aPdfUploadBecomesFragmentsWithTheDocumentsResult() throws Exception {
    Job job = upload("field-notes.pdf", "field-notes.pdf", null, LoadOptions.defaults());

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    long fragments = (Long) rows("SELECT count(*) FROM docs").get(0).get(0);
    assertThat(job.result())
        .isEqualTo(Map.of("table", "docs", "documents", 1, "fragments", fragments));
    assertThat(fragments).isGreaterThan(5);
    assertThat(rows("SELECT DISTINCT source, length(document_id) FROM docs"))
        .containsExactly(List.of("field-notes.pdf", 64L));
    assertThat(metrics.counter(DocumentIngest.FRAGMENTS_METRIC, "tenant", "docs"))
        .isEqualTo(fragments);
  }

  @Test
  void fragmentsAreSubstringsOfTheTextAtTheirOffsets() throws Exception {
    upload("field-notes.docx", "notes.docx", null, LoadOptions.defaults());
    String text =
        new DocumentParser(DocumentSettings.defaults())
            .parse(Fixtures.file("field-notes.docx"), "notes.docx", () -> false)
            .text();

    List<List<Object>> fragments =
        rows("SELECT fragment_no, text, char_start, char_end FROM docs ORDER BY fragment_no");
    assertThat(fragments).hasSizeGreaterThan(3);
    for (int i = 0; i < fragments.size(); i++) {
      List<Object> f = fragments.get(i);
      assertThat(((Number) f.get(0)).intValue()).isEqualTo(i);
      int start = ((Long) f.get(2)).intValue();
      int end = ((Long) f.get(3)).intValue();
      assertThat(f.get(1)).isEqualTo(text.substring(start, end));
      assertThat(end - start).isLessThanOrEqualTo(300);
    }
    assertThat(Fixtures.flat(String.valueOf(fragments.get(fragments.size() - 1).get(1))))
        .endsWith("in the fragments that the ingest job stores.");
  }

  @Test
  void metadataIsAJsonObjectWithTitleAuthorAndContentType() throws Exception {
    upload("field-notes.odt", "notes.odt", null, LoadOptions.defaults());

    List<Object> row =
        rows("SELECT json_extract_string(metadata, '$.title'),"
                + " json_extract_string(metadata, '$.author'),"
                + " json_extract_string(metadata, '$.contentType'), metadata, ingested_at"
                + " FROM docs LIMIT 1")
            .get(0);
    assertThat(row.subList(0, 3))
        .containsExactly(
            "Field Notes on the Seattle Weather Record",
            "Ada Brightwater",
            "application/vnd.oasis.opendocument.text");
    assertThat(Json.readObject((String) row.get(3))).containsEntry("pages", 1);
    assertThat(row.get(4)).isNotNull();
  }

  @Test
  void appendAddsDocumentsAndReplaceSwapsTheTable() throws Exception {
    upload("field-notes.docx", "notes.docx", null, LoadOptions.defaults());
    Job appended =
        upload("letter.eml", "letter.eml", null, LoadOptions.defaults().withMode(LoadMode.APPEND));

    assertThat(appended.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(rows("SELECT DISTINCT source FROM docs ORDER BY source"))
        .containsExactly(List.of("letter.eml"), List.of("notes.docx"));

    upload("briefing.pptx", "briefing.pptx", null, LoadOptions.defaults());
    assertThat(rows("SELECT DISTINCT source FROM docs")).containsExactly(List.of("briefing.pptx"));
  }

  @Test
  void aFailedDocumentLeavesThePreviousTableWhole() throws Exception {
    upload("field-notes.docx", "notes.docx", null, LoadOptions.defaults());
    List<List<Object>> before = rows("SELECT * FROM docs ORDER BY fragment_no");

    Job encrypted = upload("encrypted.pdf", "secret.pdf", null, LoadOptions.defaults());
    Job corrupt = upload("truncated.pdf", "broken.pdf", null, LoadOptions.defaults());
    Job bomb =
        upload("bomb.docx", "bomb.docx", null, LoadOptions.defaults().withMode(LoadMode.APPEND));

    assertThat(encrypted.state()).isEqualTo(JobState.FAILED);
    assertThat(encrypted.error().code()).isEqualTo(ErrorCode.DOCUMENT_ENCRYPTED);
    assertThat(corrupt.error().code()).isEqualTo(ErrorCode.INGEST_BAD_FORMAT);
    assertThat(bomb.error().code()).isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(rows("SELECT * FROM docs ORDER BY fragment_no")).isEqualTo(before);
    assertThat(box.tables(TENANT)).extracting(t -> t.name()).containsExactly("docs");
    assertThat(
            metrics.counter(
                DocumentIngest.REJECTED_METRIC, "tenant", "docs", "reason", "encrypted"))
        .isEqualTo(1.0);
    assertThat(
            metrics.counter(
                DocumentIngest.REJECTED_METRIC, "tenant", "docs", "reason", "bad_format"))
        .isEqualTo(1.0);
    assertThat(
            metrics.counter(
                DocumentIngest.REJECTED_METRIC, "tenant", "docs", "reason", "too_large"))
        .isEqualTo(1.0);
  }

  @Test
  void routesByFormatExtensionAndContent() throws Exception {
    Job csv =
        upload("../../../../../../testdata/cars.csv", "cars.csv", null, LoadOptions.defaults());
    assertThat(csv.result()).containsEntry("rowsRead", 406L);

    Job noExtension =
        upload("field-notes.pdf", "upload-without-name", null, LoadOptions.defaults());
    assertThat(noExtension.result()).containsEntry("documents", 1);

    Job named = upload("field-notes.txt", "notes.txt", FileFormat.DOCUMENT, LoadOptions.defaults());
    assertThat(named.result()).containsEntry("documents", 1);
    assertThat(
            Fixtures.flat(
                String.valueOf(rows("SELECT string_agg(text, ' ') FROM docs").get(0).get(0))))
        .contains("Rain is the word most people expect");

    Job markdown = upload("field-notes.md", "notes.md", null, LoadOptions.defaults());
    assertThat(markdown.result()).containsEntry("documents", 1);
  }

  @Test
  void submitFileLoadsADocument() {
    Job job =
        box.awaitJob(
            TENANT,
            files
                .submitFile(TENANT, Fixtures.file("weather.xlsx"), "sheets", LoadOptions.defaults())
                .id(),
            Duration.ofMinutes(1));

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(String.valueOf(rows("SELECT string_agg(text, ' ') FROM sheets").get(0).get(0)))
        .contains("2012-01-04");
  }
}

package io.udb.ingest.file;

import static io.udb.ingest.TestData.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.event.CloudEventJson;
import io.udb.core.event.EventSchemas;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.json.Json;
import io.udb.ingest.TestData;
import io.udb.ingest.load.LoadMode;
import io.udb.ingest.load.LoadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIngestServiceTest {
  private static final TenantId TENANT = TenantId.of("acme");

  @TempDir Path temp;
  private DataBox box;
  private final InMemoryEventSink events = new InMemoryEventSink();

  @AfterEach
  void close() {
    if (box != null) {
      box.close();
    }
  }

  private FileIngestService service(Map<String, String> settings, IngestSettings limits) {
    box =
        DataBox.builder()
            .storageRoot(temp.resolve("store"))
            .eventSink(events)
            .settings(Settings.of(settings))
            .build();
    return new FileIngestService(box, limits);
  }

  private FileIngestService service() {
    return service(Map.of(), IngestSettings.defaults());
  }

  private Job await(Job job) {
    return box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));
  }

  private Path spool() {
    return ((DuckDbEngine) box.engine()).spoolDirectory(TENANT);
  }

  private long spoolFiles() throws Exception {
    if (!Files.isDirectory(spool())) {
      return 0;
    }
    try (Stream<Path> files = Files.list(spool())) {
      return files.count();
    }
  }

  private static InputStream stream(String text, Charset charset) {
    return new ByteArrayInputStream(text.getBytes(charset));
  }

  @Test
  void loadsAnUploadAsAJobWithTheContractsResult() throws Exception {
    FileIngestService files = service();
    Job done;
    try (InputStream upload = Files.newInputStream(TestData.file("cars.csv"))) {
      done = await(files.submitUpload(TENANT, upload, "cars.csv", "cars", LoadOptions.defaults()));
    }

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(1.0);
    Map<String, Object> result = done.result();
    assertThat(result)
        .containsEntry("table", "cars")
        .containsEntry("rowsRead", 406L)
        .containsEntry("rowsLoaded", 406L)
        .containsEntry("rowsRejected", 0L)
        .containsKey("columns");
    assertThat((List<?>) result.get("columns"))
        .first()
        .isEqualTo(Map.of("name", "Name", "type", "VARCHAR"));
    assertThat(spoolFiles()).isZero();
  }

  @Test
  void publishesAnIngestCompletedEventValidAgainstItsSchema() throws Exception {
    FileIngestService files = service();
    Job done =
        await(
            files.submitUpload(
                TENANT,
                stream("a,b\n1,2\n3\n", StandardCharsets.UTF_8),
                "ragged.csv",
                "ragged",
                LoadOptions.defaults()));

    EventEnvelope event = events.events(EventTypes.INGEST_COMPLETED).get(0);
    assertThat(event.data()).containsEntry("jobId", done.id().value());
    assertThat(event.subject()).isEqualTo("jobs/" + done.id().value());
    assertThat(schemaViolations(event)).isEmpty();
    assertThat(rows(box, TENANT, "SELECT job_id, source FROM ragged__rejects"))
        .containsExactly(List.of(done.id().value(), "ragged.csv"));
  }

  private static List<String> schemaViolations(EventEnvelope event) {
    EventSchemas schemas = EventSchemas.load();
    Map<String, String> byId = new LinkedHashMap<>();
    byId.put(EventSchemas.ENVELOPE_ID, schemas.envelope());
    schemas.byType().forEach((type, text) -> byId.put(schemas.idOf(type), text));
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(byId));
    Schema schema = registry.getSchema(SchemaLocation.of(schemas.idOf(event.type())));
    List<Error> errors =
        schema.validate(
            Json.mapper().readTree(CloudEventJson.encode(event)),
            context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    return errors.stream().map(Error::toString).toList();
  }

  @Test
  void refusesAnUploadLargerThanTheLimitAndKeepsNothingOfIt() throws Exception {
    FileIngestService files = service(Map.of(), new IngestSettings(1000, Long.MAX_VALUE));

    assertThatThrownBy(
            () ->
                files.submitUpload(
                    TENANT,
                    Files.newInputStream(TestData.file("cars.csv")),
                    "cars.csv",
                    "cars",
                    LoadOptions.defaults()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("larger than the limit of 1000 bytes")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(spoolFiles()).isZero();
    assertThat(box.tables(TENANT)).isEmpty();
  }

  @Test
  void refusesAnUploadBeyondTheTenantsStorageQuota() throws Exception {
    FileIngestService files =
        service(
            Map.of("security.quota.default.max-storage-bytes", "20000"), IngestSettings.defaults());

    assertThatThrownBy(
            () ->
                files.submitUpload(
                    TENANT,
                    Files.newInputStream(TestData.file("cars.csv")),
                    "cars.csv",
                    "cars",
                    LoadOptions.defaults()))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(spoolFiles()).isZero();
  }

  @Test
  void aFailedLoadFailsTheJobWithTheErrorAndLeavesThePreviousTable() throws Exception {
    FileIngestService files = service();
    await(
        files.submitUpload(
            TENANT,
            stream("a\n1\n", StandardCharsets.UTF_8),
            "t.csv",
            "t",
            LoadOptions.defaults()));
    Job failed =
        await(
            files.submitUpload(
                TENANT,
                stream("{\"a\": ", StandardCharsets.UTF_8),
                "t.json",
                "t",
                LoadOptions.defaults()));

    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.error().code()).isEqualTo(ErrorCode.INGEST_BAD_FORMAT);
    assertThat(failed.error().stage()).isEqualTo("load");
    assertThat(box.describe(TENANT, io.udb.api.engine.TableRef.of("t")).orElseThrow().rowCount())
        .isEqualTo(1);
    assertThat(spoolFiles()).isZero();
  }

  @Test
  void transcodesLatin1AndUtf16ToUtf8() throws Exception {
    FileIngestService files = service();
    Job latin1 =
        await(
            files.submitUpload(
                TENANT,
                stream("city,n\nMalmö,1\nKöln,2\n", StandardCharsets.ISO_8859_1),
                "cities.csv",
                "latin",
                LoadOptions.defaults().withReaderOption("encoding", "ISO-8859-1")));
    ByteArrayOutputStream utf16 = new ByteArrayOutputStream();
    utf16.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
    utf16.write("city,n\r\nMalmö,1\r\nKöln,2\r\n".getBytes(StandardCharsets.UTF_16LE));
    Job wide =
        await(
            files.submitUpload(
                TENANT,
                new ByteArrayInputStream(utf16.toByteArray()),
                "cities.csv",
                "wide",
                LoadOptions.defaults()));

    assertThat(latin1.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(wide.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(rows(box, TENANT, "SELECT city FROM latin ORDER BY n"))
        .containsExactly(List.of("Malmö"), List.of("Köln"));
    assertThat(rows(box, TENANT, "SELECT city FROM wide ORDER BY n"))
        .containsExactly(List.of("Malmö"), List.of("Köln"));
  }

  @Test
  void readsTabSeparatedAndGzippedUploadsByTheirNames() throws Exception {
    FileIngestService files = service();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("a\tb\n1\tx,y\n2\tz\n".getBytes(StandardCharsets.UTF_8));
    }
    Job done =
        await(
            files.submitUpload(
                TENANT,
                new ByteArrayInputStream(gz.toByteArray()),
                "export.tsv.gz",
                "tabs",
                LoadOptions.defaults()));

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(rows(box, TENANT, "SELECT b FROM tabs ORDER BY a"))
        .containsExactly(List.of("x,y"), List.of("z"));
  }

  @Test
  void appendsThroughTheModeOption() throws Exception {
    FileIngestService files = service();
    files.load(TENANT, TestData.file("seattle-weather.csv"), "weather", LoadOptions.defaults());
    Job done =
        await(
            files.submitFile(
                TENANT,
                TestData.file("seattle-weather.csv"),
                "weather",
                LoadOptions.defaults().withMode(LoadMode.APPEND)));

    assertThat(done.result()).containsEntry("mode", "append").containsEntry("rowsLoaded", 1461L);
    assertThat(
            box.describe(TENANT, io.udb.api.engine.TableRef.of("weather")).orElseThrow().rowCount())
        .isEqualTo(2922);
  }
}

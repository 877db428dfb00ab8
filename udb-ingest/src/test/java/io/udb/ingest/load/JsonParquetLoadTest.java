package io.udb.ingest.load;

import static io.udb.ingest.TestData.rows;
import static io.udb.ingest.TestData.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.core.DataBox;
import io.udb.ingest.TestData;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonParquetLoadTest {
  private static final TenantId TENANT = TenantId.of("acme");

  @TempDir Path temp;
  private DataBox box;
  private TenantLoader loader;

  @BeforeEach
  void open() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
    loader = new TenantLoader(box, LoadContext.direct(TENANT), LoadOptions.defaults());
  }

  @AfterEach
  void close() {
    box.close();
  }

  private Path write(String name, String content) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void loadsAJsonArrayOfObjects() throws Exception {
    Path file =
        write(
            "people.json",
            "[{\"id\": 1, \"name\": \"Ada\", \"tags\": [\"math\"]},\n"
                + " {\"id\": 2, \"name\": \"Malmö\", \"extra\": {\"x\": 1.25}}]");
    LoadReport report = loader.loadFile("people", file, FileFormat.JSON, LoadOptions.defaults());

    assertThat(report.result().rowsRead()).isEqualTo(2);
    assertThat(report.result().rowsLoaded()).isEqualTo(2);
    assertThat(report.format()).isEqualTo("json");
    assertThat(rows(box, TENANT, "SELECT name FROM people ORDER BY id"))
        .containsExactly(List.of("Ada"), List.of("Malmö"));
  }

  @Test
  void rejectsArrayElementsThatAreNotObjects() throws Exception {
    Path file = write("mixed.json", "[{\"a\": 1}, 42, [1, 2], {\"a\": 2}]");
    LoadReport report = loader.loadFile("mixed", file, FileFormat.JSON, LoadOptions.defaults());

    assertThat(report.result().rowsRead()).isEqualTo(4);
    assertThat(report.result().rowsLoaded()).isEqualTo(2);
    assertThat(report.result().rowsRejected()).isEqualTo(2);
    assertThat(rows(box, TENANT, "SELECT record_number, raw_text FROM mixed__rejects ORDER BY 1"))
        .containsExactly(List.of(2L, "42"), List.of(3L, "[1,2]"));
  }

  @Test
  void aBrokenJsonDocumentFailsWithItsPosition() throws Exception {
    Path file = write("broken.json", "[{\"a\": 1},\n {\"a\": }]");

    assertThatThrownBy(
            () -> loader.loadFile("broken", file, FileFormat.JSON, LoadOptions.defaults()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("line 2")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INGEST_BAD_FORMAT);
    assertThat(box.tables(TENANT)).isEmpty();
  }

  @Test
  void rejectsBadNdjsonLinesAlone() throws Exception {
    Path file =
        write(
            "events.ndjson",
            "{\"id\": 1, \"kind\": \"click\"}\r\n"
                + "{\"id\": 2, \"kind\": \n"
                + "\n"
                + "\"just a string\"\n"
                + "{\"id\": 3, \"kind\": \"view\", \"ms\": 12}\n");
    LoadReport report = loader.loadFile("events", file, FileFormat.NDJSON, LoadOptions.defaults());

    assertThat(report.result().rowsRead()).isEqualTo(4);
    assertThat(report.result().rowsLoaded()).isEqualTo(2);
    assertThat(report.result().rowsRejected()).isEqualTo(2);
    assertThat(rows(box, TENANT, "SELECT record_number FROM events__rejects ORDER BY 1"))
        .containsExactly(List.of(2L), List.of(4L));
    assertThat(scalar(box, TENANT, "SELECT sum(ms) FROM events")).isEqualTo(12L);
  }

  @Test
  void readsGzippedNdjsonByItsMagicBytes() throws Exception {
    Path file = temp.resolve("events.data");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < 1000; i++) {
        out.write(("{\"i\": " + i + "}\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    LoadReport report = loader.loadFile("gz", file, FileFormat.NDJSON, LoadOptions.defaults());

    assertThat(report.result().rowsLoaded()).isEqualTo(1000);
    assertThat(scalar(box, TENANT, "SELECT sum(i) FROM gz")).isEqualTo(499_500L);
  }

  @Test
  void loadsParquetAndChecksItsRowCount() throws Exception {
    Path file = temp.resolve("weather.parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement copy =
            duck.prepareStatement(
                "COPY (SELECT * FROM read_csv(?)) TO '"
                    + file.toString().replace("'", "''")
                    + "' (FORMAT parquet)")) {
      copy.setString(1, TestData.file("seattle-weather.csv").toString());
      copy.execute();
    }
    LoadReport report =
        loader.loadFile("weather", file, FileFormat.PARQUET, LoadOptions.defaults());

    assertThat(report.result().rowsRead()).isEqualTo(1461);
    assertThat(report.result().rowsLoaded()).isEqualTo(1461);
    assertThat(report.result().columns().get(0).type()).isEqualTo("DATE");
  }

  @Test
  void refusesUnknownReaderOptions() throws Exception {
    Path file = write("x.json", "[{\"a\": 1}]");

    assertThatThrownBy(
            () ->
                loader.loadFile(
                    "x",
                    file,
                    FileFormat.JSON,
                    LoadOptions.defaults().withReaderOption("delimiter", ";")))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Unknown JSON option 'delimiter'");
  }
}

package io.udb.ingest.load;

import static io.udb.ingest.TestData.allTableNames;
import static io.udb.ingest.TestData.rows;
import static io.udb.ingest.TestData.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.event.EventTypes;
import io.udb.core.DataBox;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.observe.MetricNames;
import io.udb.ingest.RecordingMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadModesTest {
  private static final TenantId TENANT = TenantId.of("acme");

  @TempDir Path temp;
  private DataBox box;
  private TenantLoader loader;
  private final InMemoryEventSink events = new InMemoryEventSink();
  private final RecordingMetrics metrics = new RecordingMetrics();

  @BeforeEach
  void open() {
    box = DataBox.builder().inMemory().eventSink(events).metrics(metrics).build();
    loader = new TenantLoader(box, LoadContext.direct(TENANT), LoadOptions.defaults());
  }

  @AfterEach
  void close() {
    box.close();
  }

  private Path csv(String name, String content) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private LoadReport load(String table, Path file, LoadOptions options) {
    return loader.loadFile(table, file, FileFormat.CSV, options);
  }

  private LoadReport load(String table, Path file) {
    return load(table, file, LoadOptions.defaults());
  }

  private long count(String table) {
    return ((Number) scalar(box, TENANT, "SELECT count(*) FROM \"" + table + "\"")).longValue();
  }

  private List<String> internalTables() {
    return allTableNames(box, TENANT).stream().filter(n -> n.contains("__udb_")).toList();
  }

  @Test
  void accountsForTheRowsThatDuckDbsSnifferDropsWithoutAnError() throws Exception {
    Path file = csv("ragged.csv", "a,b\n1,2\n3,4,5,6,7\n");
    // The defect: DuckDB alone takes the last line for the header and returns nothing.
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        PreparedStatement plain =
            duck.prepareStatement(
                "SELECT count(*) FROM read_csv(?, header = true, auto_detect = true)")) {
      plain.setString(1, file.toString());
      try (ResultSet rs = plain.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }

    LoadReport report = load("ragged", file);

    assertThat(report.result().rowsRead()).isEqualTo(2);
    assertThat(report.result().rowsLoaded()).isEqualTo(1);
    assertThat(report.result().rowsRejected()).isEqualTo(1);
    assertThat(report.rejectsTable()).isEqualTo("ragged__rejects");
    List<List<Object>> rejects =
        rows(
            box,
            TENANT,
            "SELECT source, record_number, raw_text, reason, job_id FROM ragged__rejects");
    assertThat(rejects).hasSize(1);
    assertThat(rejects.get(0).subList(0, 3)).containsExactly("ragged.csv", 3L, "3,4,5,6,7");
    assertThat((String) rejects.get(0).get(3)).contains("TOO MANY COLUMNS");
    assertThat(rejects.get(0).get(4)).isNull();
  }

  @Test
  void rejectsValuesThatDoNotCastWithTheirColumnAndReason() throws Exception {
    StringBuilder text = new StringBuilder("id,amount\n");
    // Far enough down that the sniffer's sample only sees numbers.
    for (int i = 1; i <= 30_000; i++) {
      text.append(i).append(',').append(i * 10).append('\n');
    }
    text.append("30001,lots\n30002,7\n");
    LoadReport report =
        load(
            "amounts",
            csv("amounts.csv", text.toString()),
            LoadOptions.defaults().withReaderOption("sample_size", "10"));

    assertThat(report.result().rowsRead()).isEqualTo(30_002);
    assertThat(report.result().rowsLoaded()).isEqualTo(30_001);
    assertThat(report.result().rowsRejected()).isEqualTo(1);
    List<List<Object>> reject =
        rows(
            box,
            TENANT,
            "SELECT record_number, column_name, raw_text, reason FROM amounts__rejects");
    assertThat(reject.get(0).subList(0, 3)).containsExactly(30_002L, "amount", "30001,lots");
    assertThat((String) reject.get(0).get(3)).startsWith("CAST");
  }

  @Test
  void aFileWithNoReadableRecordFailsAndKeepsThePreviousTable() throws Exception {
    load("t", csv("good.csv", "a,b\n1,2\n"));
    Path binary = temp.resolve("noise.csv");
    byte[] noise = new byte[5000];
    new java.util.Random(7).nextBytes(noise);
    Files.write(binary, noise);

    assertThatThrownBy(() -> load("t", binary))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INGEST_BAD_FORMAT);
    assertThat(count("t")).isEqualTo(1);
    assertThat(internalTables()).isEmpty();
  }

  @Test
  void appendAddsRowsAndNewColumns() throws Exception {
    load("people", csv("p1.csv", "id,name\n1,Ada\n2,Alan\n"));
    LoadReport report =
        load(
            "people",
            csv("p2.csv", "id,name,score\n3,Grace,1.5\n"),
            LoadOptions.defaults().withMode(LoadMode.APPEND));

    assertThat(count("people")).isEqualTo(3);
    assertThat(report.schemaChanges())
        .containsExactly(new SchemaChange("score", SchemaChange.Kind.ADDED, null, "DOUBLE"));
    assertThat(scalar(box, TENANT, "SELECT count(score) FROM people")).isEqualTo(1L);
    assertThat((List<?>) report.toMap().get("schemaChanges")).hasSize(1);
  }

  @Test
  void appendWidensNumbersAndFinallyToText() throws Exception {
    load("m", csv("m1.csv", "id,v\n1,10\n"));
    LoadReport toDouble =
        load("m", csv("m2.csv", "id,v\n2,2.5\n"), LoadOptions.defaults().withMode(LoadMode.APPEND));
    LoadReport toText =
        load(
            "m", csv("m3.csv", "id,v\n3,high\n"), LoadOptions.defaults().withMode(LoadMode.APPEND));

    assertThat(toDouble.schemaChanges())
        .containsExactly(new SchemaChange("v", SchemaChange.Kind.WIDENED, "BIGINT", "DOUBLE"));
    assertThat(toText.schemaChanges())
        .containsExactly(new SchemaChange("v", SchemaChange.Kind.WIDENED, "DOUBLE", "VARCHAR"));
    assertThat(rows(box, TENANT, "SELECT v FROM m ORDER BY id"))
        .extracting(r -> r.get(0))
        .containsExactly("10.0", "2.5", "high");
  }

  @Test
  void appendWidensIntegerToBigint() {
    List<ColumnInfo> narrow = List.of(new ColumnInfo("n", "INTEGER"));
    List<ColumnInfo> wide = List.of(new ColumnInfo("n", "BIGINT"));
    loader.loadRows(
        "nums", narrow, List.<List<Object>>of(List.of(1)).iterator(), LoadOptions.defaults());
    LoadReport report =
        loader.loadRows(
            "nums",
            wide,
            List.<List<Object>>of(List.of(5_000_000_000L)).iterator(),
            LoadOptions.defaults().withMode(LoadMode.APPEND));

    assertThat(report.schemaChanges())
        .containsExactly(new SchemaChange("n", SchemaChange.Kind.WIDENED, "INTEGER", "BIGINT"));
    assertThat(scalar(box, TENANT, "SELECT max(n) FROM nums")).isEqualTo(5_000_000_000L);
  }

  @Test
  void appendRefusesAnIncompatibleTypeAndKeepsTheTable() throws Exception {
    load("days", csv("d1.csv", "id,day\n1,2024-01-31\n"));

    assertThatThrownBy(
            () ->
                load(
                    "days",
                    csv("d2.csv", "id,day\n2,true\n"),
                    LoadOptions.defaults().withMode(LoadMode.APPEND)))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("'day' is DATE in the table but BOOLEAN")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(count("days")).isEqualTo(1);
    assertThat(
            rows(
                box,
                TENANT,
                "SELECT data_type FROM duckdb_columns() WHERE table_name = 'days'"
                    + " AND column_name = 'day'"))
        .containsExactly(List.of("DATE"));
    assertThat(internalTables()).isEmpty();
  }

  @Test
  void appendReadsNewRowsWithTheTablesTextTypeSoLeadingZerosStay() throws Exception {
    load("zips", csv("z1.csv", "zip,city\n00501,Holtsville\n"));
    LoadReport report =
        load(
            "zips",
            csv("z2.csv", "zip,city\n02134,Boston\n"),
            LoadOptions.defaults().withMode(LoadMode.APPEND));

    assertThat(report.schemaChanges()).isEmpty();
    assertThat(rows(box, TENANT, "SELECT zip FROM zips ORDER BY zip"))
        .extracting(r -> r.get(0))
        .containsExactly("00501", "02134");
  }

  @Test
  void upsertReplacesRowsByKeyAndTheLastRowOfAKeyWins() throws Exception {
    load("kv", csv("kv1.csv", "id,v\n1,a\n2,b\n"));
    LoadReport report =
        load(
            "kv",
            csv("kv2.csv", "id,v\n2,x\n3,y\n3,z\n"),
            LoadOptions.defaults().upsert(List.of("id")));

    assertThat(report.result().rowsLoaded()).isEqualTo(3);
    assertThat(rows(box, TENANT, "SELECT id, v FROM kv ORDER BY id"))
        .containsExactly(List.of(1L, "a"), List.of(2L, "x"), List.of(3L, "z"));
  }

  @Test
  void upsertNeedsItsKeyInTheData() throws Exception {
    load("kv", csv("kv1.csv", "id,v\n1,a\n"));

    assertThatThrownBy(
            () ->
                load("kv", csv("kv2.csv", "v\nb\n"), LoadOptions.defaults().upsert(List.of("id"))))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Upsert key column 'id'");
    assertThat(count("kv")).isEqualTo(1);
  }

  @Test
  void aLimitRefusalRollsBackAndLeavesNoStagingTable() throws Exception {
    load("t", csv("one.csv", "a\n1\n"));

    assertThatThrownBy(
            () ->
                load("t", csv("three.csv", "a\n1\n2\n3\n"), LoadOptions.defaults().withMaxRows(2)))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INPUT_TOO_LARGE);
    assertThat(count("t")).isEqualTo(1);
    assertThat(internalTables()).isEmpty();
    assertThat(box.tables(TENANT)).extracting(t -> t.name()).containsExactly("t");
  }

  @Test
  void refusesReservedTableNames() throws Exception {
    Path file = csv("x.csv", "a\n1\n");

    assertThatThrownBy(() -> load("__udb_stage_x", file))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void publishesIngestCompletedAndCountsRowsAndRejects() throws Exception {
    load("ragged", csv("ragged.csv", "a,b\n1,2\n3,4\n5\n"));

    assertThat(events.events(EventTypes.INGEST_COMPLETED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.data())
                  .containsEntry("table", "ragged")
                  .containsEntry("rowsRead", 3L)
                  .containsEntry("rowsLoaded", 2L)
                  .containsEntry("rowsRejected", 1L);
              assertThat(e.tenant()).isEqualTo(TENANT);
            });
    assertThat(metrics.counter(MetricNames.INGEST_ROWS, "tenant", "acme")).isEqualTo(2.0);
    assertThat(metrics.counter(MetricNames.INGEST_REJECTED, "tenant", "acme")).isEqualTo(1.0);
  }

  @Test
  void classifiesTheLoadedTableForPii() throws Exception {
    load(
        "contacts", csv("contacts.csv", "name,mail\nAda,ada@example.com\nAlan,alan@example.org\n"));

    assertThat(
            box.security()
                .classifications()
                .find(TENANT, io.udb.api.engine.TableRef.of("contacts")))
        .hasValueSatisfying(
            c ->
                assertThat(c.column("mail").orElseThrow().tags())
                    .containsExactly(io.udb.security.pii.PiiTag.EMAIL));
  }
}

package io.udb.ingest.load;

import static io.udb.ingest.TestData.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.core.DataBox;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RowLoadTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final List<ColumnInfo> SCHEMA =
      List.of(
          new ColumnInfo("id", "INTEGER"),
          new ColumnInfo("price", "DECIMAL(10,2)"),
          new ColumnInfo("day", "DATE"),
          new ColumnInfo("seen", "TIMESTAMP"),
          new ColumnInfo("note", "VARCHAR"),
          new ColumnInfo("ok", "BOOLEAN"));

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

  @Test
  void appendsConvertedValuesOfEveryType() {
    List<List<Object>> input =
        List.of(
            Arrays.asList(
                1,
                new BigDecimal("9.50"),
                LocalDate.of(2024, 1, 31),
                LocalDateTime.of(2024, 1, 31, 12, 0),
                "first",
                true),
            Arrays.asList(
                2L,
                "3.25",
                "2024-02-01",
                Instant.parse("2024-02-01T08:30:00Z"),
                List.of("a", "b"),
                "no"),
            Arrays.asList(3, null, null, null, null, null));
    LoadReport report = loader.loadRows("items", SCHEMA, input.iterator(), LoadOptions.defaults());

    assertThat(report.result().rowsRead()).isEqualTo(3);
    assertThat(report.result().rowsLoaded()).isEqualTo(3);
    assertThat(report.format()).isEqualTo("rows");
    assertThat(rows(box, TENANT, "SELECT price::VARCHAR, note, ok FROM items ORDER BY id"))
        .containsExactly(
            List.of("9.50", "first", true),
            List.of("3.25", "[\"a\",\"b\"]", false),
            Arrays.asList(null, null, null));
  }

  @Test
  void rejectsRowsWhoseValuesDoNotFitWithColumnAndReason() {
    List<List<Object>> input =
        List.of(
            Arrays.asList(1, "1.00", "2024-01-01", null, "fine", true),
            Arrays.asList(3_000_000_000L, "1.00", null, null, "too big", null),
            Arrays.asList(3, "1.001", null, null, "too precise", null),
            Arrays.asList(4, null, "31/01/2024", null, "not ISO", null),
            Arrays.asList(5, null));
    LoadReport report = loader.loadRows("items", SCHEMA, input.iterator(), LoadOptions.defaults());

    assertThat(report.result().rowsRead()).isEqualTo(5);
    assertThat(report.result().rowsLoaded()).isEqualTo(1);
    assertThat(report.result().rowsRejected()).isEqualTo(4);
    List<List<Object>> rejects =
        rows(
            box,
            TENANT,
            "SELECT record_number, column_name, reason FROM items__rejects ORDER BY 1");
    assertThat(rejects).extracting(r -> r.get(0)).containsExactly(2L, 3L, 4L, 5L);
    assertThat(rejects).extracting(r -> r.get(1)).containsExactly("id", "price", "day", null);
    assertThat((String) rejects.get(3).get(2)).contains("Expected 6 values");
  }

  @Test
  void loadsManyRowsInConstantMemoryThroughTheAppender() {
    Iterator<List<Object>> many =
        LongStream.range(0, 300_000).<List<Object>>mapToObj(i -> List.of(i, "row " + i)).iterator();
    LoadReport report =
        loader.loadRows(
            "many",
            List.of(new ColumnInfo("i", "BIGINT"), new ColumnInfo("label", "VARCHAR")),
            many,
            LoadOptions.defaults());

    assertThat(report.result().rowsLoaded()).isEqualTo(300_000);
  }

  @Test
  void refusesTypesThatCannotBePastedIntoDdl() {
    List<ColumnInfo> evil = List.of(new ColumnInfo("x", "INTEGER); DROP TABLE t; --"));

    assertThatThrownBy(
            () ->
                loader.loadRows(
                    "t", evil, List.<List<Object>>of().iterator(), LoadOptions.defaults()))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}

package io.udb.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.core.DataBox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvEdgeCasesTest {
  @TempDir Path temp;
  private DataBox box;
  private TenantLoader loader;

  @BeforeEach
  void open() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
    loader = new TenantLoader(box, LoadContext.direct(TenantId.of("t")), LoadOptions.defaults());
  }

  @AfterEach
  void close() {
    box.close();
  }

  private LoadReport load(String name, String text) throws Exception {
    Path file = temp.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return loader.loadFile("t", file, FileFormat.CSV, LoadOptions.defaults());
  }

  @Test
  void anUnreadableFileIsNamedAsTheUserKnowsItNeverByItsStoragePath() {
    assertThatThrownBy(() -> load("mixed.csv", "a,b\n1,2\r\n3,4\r5,6\n"))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("mixed.csv")
        .hasMessageNotContaining("spool")
        .hasMessageNotContaining(temp.toString())
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INGEST_BAD_FORMAT);
  }

  @Test
  void anEmptyFileHoldsNoRecords() {
    assertThatThrownBy(() -> load("empty.csv", ""))
        .isInstanceOf(UdbException.class)
        .hasMessage("The file empty.csv holds no records");
  }

  @Test
  void aHeaderWithoutRowsGivesAnEmptyTable() throws Exception {
    LoadReport report = load("header.csv", "a,b\n");

    assertThat(report.result().rowsRead()).isZero();
    assertThat(report.result().columns()).extracting(ColumnInfo::name).containsExactly("a", "b");
  }

  @Test
  void rowsWithTrailingDelimitersKeepTheirHeader() throws Exception {
    LoadReport report = load("trailing.csv", "a,b,c\n1,2,\n3,4,\n");

    assertThat(report.skippedLines()).isEmpty();
    assertThat(report.result().rowsLoaded()).isEqualTo(2);
    assertThat(report.result().columns().get(0).name()).isEqualTo("a");
  }

  @Test
  void semicolonsAndNulBytesAreRead() throws Exception {
    assertThat(load("semi.csv", "a;b\n1;2\n").result().columns()).hasSize(2);
    assertThat(load("nul.csv", "a,b\n1,\u0000\n2,y\n").result().rowsLoaded()).isEqualTo(2);
  }
}

package io.udb.ingest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.engine.ColumnInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCounterTest {
  private static final List<ColumnInfo> TWO =
      List.of(new ColumnInfo("a", "VARCHAR"), new ColumnInfo("b", "VARCHAR"));

  private static CsvDialect dialect(
      String quote, String escape, boolean cr, String comment, List<ColumnInfo> columns) {
    return new CsvDialect(",", quote, escape, cr, true, 0, comment, columns, null, null, List.of());
  }

  private static long count(String text, CsvDialect dialect) throws IOException {
    return new RecordCounter(dialect)
        .count(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            bytes -> {},
            () -> false);
  }

  private static long count(String text) throws IOException {
    return count(text, dialect("\"", "\"", false, "", TWO));
  }

  @Test
  void countsLinesWithAndWithoutTrailingLineBreak() throws IOException {
    assertThat(count("a,b\n1,2\n3,4\n")).isEqualTo(3);
    assertThat(count("a,b\n1,2\n3,4")).isEqualTo(3);
    assertThat(count("a,b\r\n1,2\r\n3,4\r\n")).isEqualTo(3);
  }

  @Test
  void lineBreaksInsideQuotesDoNotEndARecord() throws IOException {
    assertThat(count("a,b\n\"x\ny\",2\n\"p\r\nq\"\"\nr\",3\n")).isEqualTo(3);
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsText() throws IOException {
    assertThat(count("a,b\n1,12\" pipe\n2,z\n")).isEqualTo(3);
  }

  @Test
  void backslashEscapesKeepTheQuoteOpen() throws IOException {
    CsvDialect backslash = dialect("\"", "\\", false, "", TWO);
    assertThat(count("a,b\n1,\"x\\\"\ny\"\n2,z\n", backslash)).isEqualTo(3);
  }

  @Test
  void blankLinesAreSkippedUnlessTheFileHasOneColumn() throws IOException {
    assertThat(count("a,b\n1,2\n\n\r\n3,4\n\n")).isEqualTo(3);
    CsvDialect single = dialect("\"", "\"", false, "", List.of(new ColumnInfo("a", "VARCHAR")));
    assertThat(count("a\n1\n\n3\n\n\n", single)).isEqualTo(6);
  }

  @Test
  void whitespaceOnlyLinesAreRecords() throws IOException {
    assertThat(count("a,b\n1,2\n  \n3,4\n")).isEqualTo(4);
  }

  @Test
  void commentLinesAreSkipped() throws IOException {
    CsvDialect hash = dialect("\"", "\"", false, "#", TWO);
    assertThat(count("# made by hand\na,b\n1,2\n#,x\n3,4\n", hash)).isEqualTo(3);
  }

  @Test
  void carriageReturnOnlyFilesEndRecordsAtCr() throws IOException {
    assertThat(count("a,b\r1,2\r3,4\r", dialect("\"", "\"", true, "", TWO))).isEqualTo(3);
  }

  @Test
  void countsExactlyAcrossWordAndBufferBoundaries() throws IOException {
    StringBuilder text = new StringBuilder("id,text\n");
    long expected = 1;
    for (int i = 0; i < 80_000; i++) {
      switch (i % 5) {
        case 0 -> text.append(i).append(",plain value ").append(i).append('\n');
        case 1 -> text.append(i).append(",\"quoted, with\nline break\"\n");
        case 2 -> text.append(i).append(",\"say \"\"hi\"\"\"\r\n");
        case 3 -> text.append('\n').append(i).append(",after a blank line\n");
        default -> text.append(i).append(",").append("x".repeat(i % 97)).append('\n');
      }
      expected++;
    }
    assertThat(text.length()).isGreaterThan(2 << 20);
    assertThat(count(text.toString())).isEqualTo(expected);
  }
}

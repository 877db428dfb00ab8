package io.udb.ingest.load;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Counts the records of a CSV file independently of DuckDB, so that a record the reader drops
 * without an error cannot go unnoticed. It follows the same rules as DuckDB's reader: a line break
 * inside a quoted field does not end a record, a quote opens a field only at its start, blank lines
 * are skipped (except in single-column files, where they are NULL rows) and comment lines are
 * skipped.
 *
 * <p>Eight bytes are examined at a time where no quote can change the state (SWAR), so the count
 * costs a fraction of the read it checks. Single use, one thread.
 */
final class RecordCounter {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long HIGH = 0x8080808080808080L;
  private static final int BUFFER = 1 << 20;

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int ESCAPED = 3;
  private static final int AFTER_QUOTE = 4;

  private final int quote;
  private final int escape;
  private final boolean doubledQuoteEscapes;
  private final int delimiter;
  private final int newline;
  private final int comment;
  private final boolean blankLinesAreRecords;
  private final long quoteBroadcast;
  private final long commentBroadcast;
  private final long newlineBroadcast;
  private final long carriageReturnBroadcast;

  private int state = FIELD_START;
  private boolean lineEmpty = true;
  private boolean commentLine;
  private long records;

  /**
   * Creates a counter for a dialect.
   *
   * @param dialect the dialect the file is read with
   */
  RecordCounter(CsvDialect dialect) {
    this.quote = dialect.quote().isEmpty() ? -1 : dialect.quote().charAt(0);
    int esc = dialect.escape().isEmpty() ? -1 : dialect.escape().charAt(0);
    this.doubledQuoteEscapes = esc == quote;
    this.escape = esc == quote ? -1 : esc;
    byte[] delimiterBytes = dialect.delimiter().getBytes(StandardCharsets.UTF_8);
    this.delimiter = delimiterBytes[delimiterBytes.length - 1] & 0xFF;
    this.newline = dialect.carriageReturnLines() ? '\r' : '\n';
    this.comment = dialect.comment().isEmpty() ? -1 : dialect.comment().charAt(0);
    this.blankLinesAreRecords = dialect.columns().size() == 1;
    this.quoteBroadcast = quote < 0 ? 0 : broadcast(quote);
    this.commentBroadcast = comment < 0 ? 0 : broadcast(comment);
    this.newlineBroadcast = broadcast(newline);
    this.carriageReturnBroadcast = newline == '\r' ? 0 : broadcast('\r');
  }

  /**
   * Counts the records of a stream, header and skipped lines included.
   *
   * @param in the decompressed bytes
   * @param progress receives the bytes read so far, now and then
   * @param cancelled checked between buffers; the count stops early when it says so
   * @return the records
   * @throws IOException when reading fails
   */
  long count(InputStream in, LongConsumer progress, java.util.function.BooleanSupplier cancelled)
      throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    int filled = 0;
    while (true) {
      int read = in.read(buffer, filled, buffer.length - filled);
      if (read < 0) {
        break;
      }
      filled += read;
      total += read;
      if (filled < buffer.length) {
        continue;
      }
      scan(buffer, filled);
      filled = 0;
      progress.accept(total);
      if (cancelled.getAsBoolean()) {
        return records;
      }
    }
    scan(buffer, filled);
    if (!lineEmpty) {
      endLine();
    }
    progress.accept(total);
    return records;
  }

  private void scan(byte[] buffer, int length) {
    int i = 0;
    int words = length - 7;
    while (i < words) {
      long word = (long) LONGS.get(buffer, i);
      boolean plain =
          (state == FIELD_START || state == UNQUOTED)
              && ((quote < 0 ? 0 : matches(word, quoteBroadcast))
                      | (comment < 0 ? 0 : matches(word, commentBroadcast)))
                  == 0;
      if (plain) {
        plainWord(buffer, i, word);
      } else {
        for (int k = i; k < i + 8; k++) {
          step(buffer[k] & 0xFF);
        }
      }
      i += 8;
    }
    for (; i < length; i++) {
      step(buffer[i] & 0xFF);
    }
  }

  /** Eight bytes without a quote or comment character, outside quotes. */
  private void plainWord(byte[] buffer, int offset, long word) {
    long lineEnds = matches(word, newlineBroadcast);
    long carriageReturns =
        carriageReturnBroadcast == 0 ? 0 : matches(word, carriageReturnBroadcast);
    long content = ~(lineEnds | carriageReturns) & HIGH;
    if (lineEnds == 0) {
      if (content != 0) {
        lineEmpty = false;
      }
    } else {
      long done = 0;
      long remaining = lineEnds;
      while (remaining != 0) {
        long bit = remaining & -remaining;
        if ((content & (bit - 1) & ~done) != 0) {
          lineEmpty = false;
        }
        endLine();
        done |= bit | (bit - 1);
        remaining &= remaining - 1;
      }
      if ((content & ~done) != 0) {
        lineEmpty = false;
      }
    }
    for (int k = offset + 7; k >= offset; k--) {
      int b = buffer[k] & 0xFF;
      if (b != '\r' || newline == '\r') {
        state = (b == newline || b == delimiter) ? FIELD_START : UNQUOTED;
        break;
      }
    }
  }

  private void step(int b) {
    switch (state) {
      case QUOTED -> {
        if (b == escape) {
          state = ESCAPED;
        } else if (b == quote) {
          state = AFTER_QUOTE;
        }
      }
      case ESCAPED -> state = QUOTED;
      case AFTER_QUOTE -> {
        if (b == quote && doubledQuoteEscapes) {
          state = QUOTED;
        } else if (b == newline) {
          endLine();
          state = FIELD_START;
        } else if (b == delimiter) {
          state = FIELD_START;
        } else if (b != '\r') {
          state = UNQUOTED;
        }
      }
      default -> unquoted(b);
    }
  }

  private void unquoted(int b) {
    if (b == newline) {
      endLine();
      state = FIELD_START;
    } else if (commentLine || b == '\r') {
      // the rest of a comment line, or the CR of a CRLF: neither starts content
    } else if (lineEmpty && b == comment) {
      commentLine = true;
      lineEmpty = false;
    } else {
      lineEmpty = false;
      if (state == FIELD_START && b == quote) {
        state = QUOTED;
      } else {
        state = b == delimiter ? FIELD_START : UNQUOTED;
      }
    }
  }

  private void endLine() {
    if (commentLine) {
      commentLine = false;
    } else if (!lineEmpty || blankLinesAreRecords) {
      records++;
    }
    lineEmpty = true;
  }

  private static long broadcast(int b) {
    return (b & 0xFFL) * 0x0101010101010101L;
  }

  /** The high bit of every byte of {@code word} equal to the broadcast byte, exactly. */
  private static long matches(long word, long broadcast) {
    long x = word ^ broadcast;
    long t = ((x & LOW7) + LOW7) | x;
    return ~t & HIGH;
  }
}

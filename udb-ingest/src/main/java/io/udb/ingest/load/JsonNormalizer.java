package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Rewrites JSON input as clean newline-delimited JSON objects for DuckDB's {@code read_json},
 * counting every record and sending those that are not JSON objects to the rejects (with their text
 * and the reason). In line mode (NDJSON) a malformed line is rejected alone; in document mode (an
 * array, or a sequence of objects) a syntax error cannot be resynchronised and fails the load.
 */
final class JsonNormalizer {
  /** The longest line accepted in line mode. */
  static final int MAX_LINE_BYTES = 64 << 20;

  private final OutputStream out;
  private final RejectWriter rejects;
  private final LoadContext context;
  private long records;
  private long valid;

  JsonNormalizer(OutputStream out, RejectWriter rejects, LoadContext context) {
    this.out = out;
    this.rejects = rejects;
    this.context = context;
  }

  /** Records seen. */
  long records() {
    return records;
  }

  /** Objects written. */
  long valid() {
    return valid;
  }

  /**
   * Reads newline-delimited JSON: one object per line, blank lines ignored.
   *
   * @param in the input
   * @throws IOException when reading or writing fails
   * @throws SQLException when a reject cannot be stored
   */
  void lines(InputStream in) throws IOException, SQLException {
    LineReader reader = new LineReader(in);
    byte[] line;
    long lineNumber = 0;
    while ((line = reader.next()) != null) {
      lineNumber++;
      int length = reader.length();
      if (lineNumber == 1 && startsWithByteOrderMark(line, length)) {
        System.arraycopy(line, 3, line, 0, length - 3);
        length -= 3;
      }
      if (reader.overlong()) {
        records++;
        rejects.reject(
            lineNumber,
            new String(line, 0, length, StandardCharsets.UTF_8),
            null,
            "The line is longer than " + MAX_LINE_BYTES + " bytes");
        continue;
      }
      if (isBlank(line, length)) {
        continue;
      }
      records++;
      String problem = objectProblem(line, length);
      if (problem == null) {
        out.write(line, 0, length);
        out.write('\n');
        valid++;
      } else {
        rejects.reject(
            lineNumber, new String(line, 0, length, StandardCharsets.UTF_8), null, problem);
      }
      if ((records & 0xFFFF) == 0) {
        context.throwIfCancelled();
      }
    }
  }

  /**
   * Reads a JSON document: an array of objects, or one or more objects one after the other.
   *
   * @param in the input
   * @throws IOException when writing fails
   * @throws SQLException when a reject cannot be stored
   * @throws UdbException with {@link ErrorCode#INGEST_BAD_FORMAT} on a syntax error
   */
  void document(InputStream in) throws IOException, SQLException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (JsonParser parser = Json.mapper().createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return;
      }
      if (first == JsonToken.START_ARRAY) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          if (token == null) {
            throw bad("the array is not closed", parser.currentLocation());
          }
          element(parser, token, buffer);
        }
        if (parser.nextToken() != null) {
          throw bad("there is more text after the array", parser.currentLocation());
        }
      } else {
        JsonToken token = first;
        while (token != null) {
          element(parser, token, buffer);
          token = parser.nextToken();
        }
      }
    } catch (JacksonException e) {
      throw bad(e.getOriginalMessage(), e.getLocation());
    }
  }

  private void element(JsonParser parser, JsonToken token, ByteArrayOutputStream buffer)
      throws IOException, SQLException {
    records++;
    buffer.reset();
    try (JsonGenerator generator = Json.mapper().createGenerator(buffer)) {
      generator.copyCurrentStructureExact(parser);
    }
    if (token == JsonToken.START_OBJECT) {
      buffer.writeTo(out);
      out.write('\n');
      valid++;
    } else {
      rejects.reject(
          records,
          buffer.toString(StandardCharsets.UTF_8),
          null,
          "Record " + records + " is not a JSON object");
    }
    if ((records & 0xFFFF) == 0) {
      context.throwIfCancelled();
    }
  }

  /** Why a line is not exactly one JSON object, or {@code null} when it is. */
  private static String objectProblem(byte[] line, int length) {
    try (JsonParser parser = Json.mapper().createParser(line, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return "The line is not a JSON object";
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        return "The line holds more than one JSON value";
      }
      return null;
    } catch (JacksonException e) {
      return "Invalid JSON: " + e.getOriginalMessage();
    }
  }

  private static UdbException bad(String what, TokenStreamLocation location) {
    String where =
        location == null || location == TokenStreamLocation.NA
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return new UdbException(
        ErrorCode.INGEST_BAD_FORMAT,
        "The JSON document cannot be read"
            + where
            + ": "
            + what
            + "; fix it, or send one object per line as NDJSON so that bad lines are rejected"
            + " alone");
  }

  private static boolean startsWithByteOrderMark(byte[] line, int length) {
    return length >= 3
        && (line[0] & 0xFF) == 0xEF
        && (line[1] & 0xFF) == 0xBB
        && (line[2] & 0xFF) == 0xBF;
  }

  private static boolean isBlank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** Splits a stream into lines on LF (a CR before it is dropped), without decoding. */
  private static final class LineReader {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private int length;
    private boolean overlong;

    LineReader(InputStream in) {
      this.in = in;
    }

    /** The next line (valid up to {@link #length()}), or {@code null} at the end. */
    byte[] next() throws IOException {
      length = 0;
      overlong = false;
      boolean any = false;
      while (true) {
        if (position == limit) {
          limit = in.read(chunk);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return any ? finish() : null;
          }
        }
        any = true;
        int start = position;
        while (position < limit && chunk[position] != '\n') {
          position++;
        }
        append(start, position - start);
        if (position < limit) {
          position++;
          return finish();
        }
      }
    }

    int length() {
      return length;
    }

    boolean overlong() {
      return overlong;
    }

    private byte[] finish() {
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      return line;
    }

    private void append(int start, int count) {
      if (count == 0 || overlong) {
        return;
      }
      if (length + count > MAX_LINE_BYTES) {
        // Keep what was read for the rejects table (cut there); drop the rest of the line.
        overlong = true;
        return;
      }
      if (length + count > line.length) {
        byte[] bigger = new byte[Math.max(line.length * 2, length + count)];
        System.arraycopy(line, 0, bigger, 0, length);
        line = bigger;
      }
      System.arraycopy(chunk, start, line, length, count);
      length += count;
    }
  }
}

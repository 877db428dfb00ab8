package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * Files in a tenant's private spool folder, the only folder its database may read: placing a file
 * there (a hard link when possible, so a large file is not copied), size-limited copies of streams,
 * gzip detection and transcoding to UTF-8.
 */
public final class SpoolFiles {
  /** Bytes of a file examined to recognise its layout. */
  static final int HEAD_BYTES = 64 * 1024;

  private SpoolFiles() {}

  /**
   * A fresh, unused path in the spool folder that keeps the name's extension (for readers that go
   * by it) but nothing else of a name a client chose.
   *
   * @param spool the spool folder
   * @param fileName a client's file name, or {@code null}
   * @return the path (not created)
   */
  public static Path newSpoolPath(Path spool, String fileName) {
    return spool.resolve("load-" + UUID.randomUUID() + safeSuffix(fileName));
  }

  /**
   * Copies a stream into a new spool file, counting bytes as they come, and refuses it when it is
   * larger than the limit (the partial file is removed).
   *
   * @param in the stream; read to its end, not closed
   * @param target the new file
   * @param maxBytes the most bytes accepted
   * @return the bytes copied
   * @throws UdbException with {@link ErrorCode#INPUT_TOO_LARGE} when the stream is larger
   */
  public static long copyLimited(InputStream in, Path target, long maxBytes) {
    long total = 0;
    byte[] buffer = new byte[1 << 16];
    boolean done = false;
    try {
      Files.createDirectories(target.getParent());
      try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          total += read;
          if (total > maxBytes) {
            throw new UdbException(
                ErrorCode.INPUT_TOO_LARGE,
                "The upload is larger than the limit of " + maxBytes + " bytes");
          }
          out.write(buffer, 0, read);
        }
      }
      done = true;
      return total;
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot spool the upload", e);
    } finally {
      if (!done) {
        deleteQuietly(target);
      }
    }
  }

  /**
   * Places a file in the spool folder: returns it unchanged when it is already there, else links or
   * copies it to a new spool path.
   *
   * @param file the file
   * @param spool the spool folder
   * @return the spooled path, and whether it is a new file the caller must remove
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when it cannot be placed
   */
  public static Spooled place(Path file, Path spool) {
    Path absolute = file.toAbsolutePath().normalize();
    Path spoolDir = spool.toAbsolutePath().normalize();
    if (absolute.startsWith(spoolDir) && !Files.isSymbolicLink(absolute)) {
      return new Spooled(absolute, false);
    }
    Path target = newSpoolPath(spoolDir, file.getFileName().toString());
    try {
      Files.createDirectories(spoolDir);
      // The link or copy is of the real file: a symbolic link in the spool folder could point
      // anywhere.
      Path real = absolute.toRealPath();
      try {
        Files.createLink(target, real);
      } catch (FileSystemException | UnsupportedOperationException e) {
        // another file system, or links refused: copy instead
        Files.copy(real, target);
      }
      return new Spooled(target, true);
    } catch (IOException e) {
      deleteQuietly(target);
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot place " + file.getFileName() + " for loading", e);
    }
  }

  /**
   * A file in the spool folder.
   *
   * @param path where it is
   * @param owned whether the loader made it and must remove it
   */
  public record Spooled(Path path, boolean owned) {}

  /** Whether a file starts with the gzip magic bytes. */
  static boolean isGzip(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(2);
      return magic.length == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot read " + file.getFileName(), e);
    }
  }

  /** Opens a file for reading, decompressing gzip. */
  static InputStream open(Path file, boolean gzip) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return gzip ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * The first bytes of a file, decompressed.
   *
   * @param file the file
   * @param gzip whether it is gzip-compressed
   * @return up to {@link #HEAD_BYTES} bytes
   */
  static byte[] head(Path file, boolean gzip) {
    try (InputStream in = open(file, gzip)) {
      return in.readNBytes(HEAD_BYTES);
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "Cannot read " + file.getFileName() + ": " + LoadErrors.firstLine(e),
          e);
    }
  }

  /** The character set a byte order mark announces, other than UTF-8's, or {@code null}. */
  static Charset byteOrderMarkCharset(byte[] head) {
    if (head.length >= 4
        && (head[0] & 0xFF) == 0xFF
        && (head[1] & 0xFF) == 0xFE
        && head[2] == 0
        && head[3] == 0) {
      return Charset.forName("UTF-32LE");
    }
    if (head.length >= 4
        && head[0] == 0
        && head[1] == 0
        && (head[2] & 0xFF) == 0xFE
        && (head[3] & 0xFF) == 0xFF) {
      return Charset.forName("UTF-32BE");
    }
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      return StandardCharsets.UTF_16LE;
    }
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  /**
   * Writes a UTF-8 copy of a text file in another encoding, dropping a byte order mark; malformed
   * input fails the load rather than being replaced silently.
   *
   * @param source the file
   * @param gzip whether it is gzip-compressed
   * @param charset its encoding
   * @param target the new UTF-8 file
   */
  static void transcode(Path source, boolean gzip, Charset charset, Path target) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader reader = new InputStreamReader(open(source, gzip), decoder);
        Writer writer =
            Files.newBufferedWriter(
                target, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
      char[] buffer = new char[1 << 15];
      int read;
      boolean first = true;
      while ((read = reader.read(buffer)) >= 0) {
        int offset = 0;
        if (first && read > 0 && buffer[0] == '\uFEFF') {
          offset = 1;
        }
        first = first && read == 0;
        writer.write(buffer, offset, read - offset);
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      deleteQuietly(target);
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "The file " + source.getFileName() + " is not valid " + charset.name() + " text",
          e);
    } catch (IOException e) {
      deleteQuietly(target);
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "Cannot decode " + source.getFileName() + ": " + LoadErrors.firstLine(e),
          e);
    }
  }

  /**
   * Removes a file, ignoring failure: spool files are private and go with the tenant.
   *
   * @param file the file, or {@code null}
   */
  public static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the spool folder is private to the tenant and cleaned with it
    }
  }

  private static String safeSuffix(String fileName) {
    String base = FileFormat.baseName(fileName).toLowerCase(Locale.ROOT);
    int dot = base.indexOf('.');
    if (dot < 0) {
      return "";
    }
    String suffix = base.substring(dot);
    return suffix.length() <= 16 && suffix.matches("(\\.[a-z0-9]+)+") ? suffix : "";
  }
}

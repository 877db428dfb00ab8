package io.udb.exampleplugin;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import io.udb.core.event.CloudEventJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code cloudevents-file} sink: appends each event as one line of CloudEvents 1.0 JSON
 * (structured mode, the same encoding UDB uses everywhere) to a file, ready for {@code jq}, log
 * shippers or a replay into a broker. Lines are written whole, in publishing order, and flushed to
 * the operating system before {@link #publish} returns; with {@code fsync} also to the disk.
 *
 * <p>Thread-safe: publishers serialize on the sink, so lines never interleave.
 */
public final class CloudEventsFileSink implements EventSink {
  private final Path file;
  private final Set<String> types;
  private final boolean fsync;
  private final FileChannel channel;

  /**
   * Opens (creating when missing) the file for appending.
   *
   * @param file the JSON-lines file
   * @param types the event types to write; empty for all
   * @param fsync whether each line is forced to the disk before {@link #publish} returns
   * @throws UdbException with {@code STORAGE_ERROR} when the file cannot be opened
   */
  public CloudEventsFileSink(Path file, Set<String> types, boolean fsync) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    this.types = Set.copyOf(types);
    this.fsync = fsync;
    try {
      Files.createDirectories(this.file.getParent());
      this.channel =
          FileChannel.open(
              this.file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot open the event file " + this.file + ": " + e, e);
    }
  }

  /** The file the events go to. */
  public Path file() {
    return file;
  }

  @Override
  public void publish(EventEnvelope event) {
    if (!types.isEmpty() && !types.contains(event.type())) {
      return;
    }
    // encode outside the lock: a bad event fails alone and slow encoding does not block others
    ByteBuffer line =
        ByteBuffer.wrap((CloudEventJson.encode(event) + "\n").getBytes(StandardCharsets.UTF_8));
    synchronized (this) {
      try {
        while (line.hasRemaining()) {
          channel.write(line);
        }
        if (fsync) {
          channel.force(false);
        }
      } catch (IOException e) {
        throw new UdbException(
            ErrorCode.STORAGE_ERROR,
            "Cannot append event " + event.id() + " to " + file + ": " + e,
            e);
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot close " + file + ": " + e, e);
    }
  }
}

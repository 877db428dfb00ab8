package io.udb.ingest.load;

import java.sql.SQLException;

/** Helpers for turning engine failures into messages that say what to fix. */
final class LoadErrors {
  private LoadErrors() {}

  /** The first line of an exception's message (DuckDB appends context lines and carets). */
  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /**
   * The first line of an engine message about a file, with the file's path (a spooled copy's, in
   * the tenant's storage) replaced by the name the user knows it by.
   */
  static String describe(Throwable e, java.nio.file.Path file, String sourceName) {
    String message = firstLine(e);
    if (file != null) {
      message = message.replace(file.toAbsolutePath().toString(), sourceName);
      message = message.replace(file.toString(), sourceName);
    }
    return message;
  }

  /** Whether DuckDB stopped for lack of memory rather than because of the input. */
  static boolean outOfMemory(SQLException e) {
    String message = firstLine(e);
    return message.contains("Out of Memory") || message.contains("could not allocate");
  }

  /** Whether DuckDB refused a commit because another transaction changed the same table. */
  static boolean conflict(Throwable e) {
    String message = firstLine(e);
    return message.contains("Conflict") || message.contains("conflict");
  }
}

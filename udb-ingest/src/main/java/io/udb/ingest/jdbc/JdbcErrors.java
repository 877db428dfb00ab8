package io.udb.ingest.jdbc;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.sql.SQLException;

/**
 * Turns driver exceptions into typed UDB errors whose messages never hold the password or the URL's
 * parameters.
 */
final class JdbcErrors {
  private JdbcErrors() {}

  /**
   * A typed error for a failure of the source database.
   *
   * @param what what UDB was doing, e.g. {@code Cannot read stream 'orders'}
   * @param e the driver's exception
   * @param settings the connection's settings, to redact the password
   * @return the error
   */
  static UdbException failure(String what, SQLException e, JdbcSettings settings) {
    return new UdbException(codeOf(e), what + ": " + describe(e, settings), e);
  }

  static ErrorCode codeOf(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("28") || state.startsWith("42") || state.equals("3D000")) {
      // credentials refused, unknown table or column, bad query, unknown database
      return ErrorCode.CONFIG_INVALID;
    }
    if (state.equals("25006")) {
      // a query stream tried to write in the read-only transaction
      return ErrorCode.CONFIG_INVALID;
    }
    if (state.startsWith("08") || state.startsWith("57") || state.startsWith("53")) {
      // connection lost, server shutting down or out of resources
      return ErrorCode.UNAVAILABLE;
    }
    if (state.startsWith("22")) {
      return ErrorCode.INGEST_BAD_FORMAT;
    }
    return ErrorCode.JOB_FAILED;
  }

  /** The first line of the driver's message, with the password masked, and the SQL state. */
  static String describe(SQLException e, JdbcSettings settings) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    if (settings != null) {
      if (settings.password() != null) {
        String password = settings.password().reveal();
        if (!password.isEmpty()) {
          message = message.replace(password, "***");
        }
      }
      if (!settings.url().equals(settings.displayUrl())) {
        message = message.replace(settings.url(), settings.displayUrl());
      }
    }
    return e.getSQLState() == null
        ? message.strip()
        : message.strip() + " (SQL state " + e.getSQLState() + ")";
  }
}

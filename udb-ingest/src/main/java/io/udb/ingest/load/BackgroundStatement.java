package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One long statement (a whole file read into a staging table) running on its own thread, so that
 * the loader's thread can meanwhile count the file's records, and can cancel the statement inside
 * DuckDB when the job is cancelled. The connection is used by the statement's thread alone until
 * {@link #await} or {@link #close} returns.
 */
final class BackgroundStatement implements AutoCloseable {
  private static final long POLL_MILLIS = 100;

  private final PreparedStatement statement;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile long updateCount = -1;
  private volatile SQLException failure;

  private BackgroundStatement(PreparedStatement statement) {
    this.statement = statement;
  }

  /**
   * Prepares and starts a statement.
   *
   * @param connection the connection
   * @param sql the statement
   * @param parameters its bound values
   * @param threadName the worker thread's name
   * @return the running statement
   * @throws SQLException when it cannot be prepared
   */
  static BackgroundStatement start(
      Connection connection, String sql, List<Object> parameters, String threadName)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
    BackgroundStatement running = new BackgroundStatement(statement);
    Thread worker = new Thread(running::run, threadName);
    worker.setDaemon(true);
    worker.start();
    return running;
  }

  private void run() {
    try {
      statement.execute();
      updateCount = statement.getUpdateCount();
    } catch (SQLException e) {
      failure = e;
    } finally {
      finished.countDown();
    }
  }

  /**
   * Waits for the statement, cancelling it when the load is cancelled.
   *
   * @param context the load's context
   * @return the statement's update count
   * @throws SQLException when the statement failed
   * @throws UdbException with {@link ErrorCode#JOB_CANCELLED} when the load was cancelled
   */
  long await(LoadContext context) throws SQLException {
    try {
      while (!finished.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (context.isCancelled()) {
          close();
          context.throwIfCancelled();
        }
      }
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new UdbException(ErrorCode.JOB_CANCELLED, "The load was interrupted", e);
    }
    if (failure != null) {
      throw failure;
    }
    return updateCount;
  }

  /** Cancels the statement if it still runs and waits until its thread has let go. */
  @Override
  public void close() {
    if (finished.getCount() > 0) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        // it finished meanwhile
      }
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      statement.close();
    } catch (SQLException e) {
      // nothing left to release
    }
  }
}

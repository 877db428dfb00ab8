package io.udb.core.engine;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A session for UDB's own generated SQL on one tenant database. Any statement that is not a query
 * may change the schema, so it invalidates the tenant's cached catalog.
 *
 * <p>A statement stops when the thread running it is interrupted (a job being cancelled is): DuckDB
 * runs it in native code, which a Java interrupt does not reach, so a watch cancels the statement
 * on DuckDB's side and the call fails with {@link ErrorCode#JOB_CANCELLED}.
 */
public final class DuckDbSqlSession implements SqlSession {
  private final TenantDatabase.Lease lease;
  private final SqlDialect dialect;
  private final ScheduledExecutorService watches;

  DuckDbSqlSession(
      TenantDatabase.Lease lease, SqlDialect dialect, ScheduledExecutorService watches) {
    this.lease = lease;
    this.dialect = dialect;
    this.watches = watches;
  }

  @Override
  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * The underlying JDBC connection, for bulk paths such as DuckDB's appender. Callers that change
   * the schema through it must call {@link #schemaChanged()}.
   *
   * @return the connection, valid until this session is closed
   */
  public Connection connection() {
    return lease.connection();
  }

  /** Records that the tenant's tables changed, so cached guard decisions are dropped. */
  public void schemaChanged() {
    lease.database().catalogChanged();
  }

  /** The tenant's private spool folder, the only folder its database may read files from. */
  public java.nio.file.Path spoolDirectory() {
    return lease.database().paths().spool();
  }

  @Override
  public QueryResult query(String sql, List<?> parameters) {
    long start = System.nanoTime();
    try (Statement statement = statement(sql, parameters);
        InterruptWatch watch = watchInterrupts(statement);
        ResultSet rows =
            parameters.isEmpty()
                ? statement.executeQuery(sql)
                : ((PreparedStatement) statement).executeQuery()) {
      ResultSetMetaData meta = rows.getMetaData();
      List<ColumnInfo> columns = new ArrayList<>(meta.getColumnCount());
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(new ColumnInfo(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
      }
      List<List<Object>> out = new ArrayList<>();
      while (rows.next()) {
        List<Object> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          row.add(JdbcValues.read(rows, i));
        }
        out.add(row);
      }
      return new QueryResult(
          columns, out, out.size(), false, (System.nanoTime() - start) / 1_000_000);
    } catch (SQLException e) {
      throw failure("Internal query failed: ", e);
    }
  }

  @Override
  public long execute(String sql, List<?> parameters) {
    try (Statement statement = statement(sql, parameters);
        InterruptWatch watch = watchInterrupts(statement)) {
      if (parameters.isEmpty()) {
        statement.execute(sql);
      } else {
        ((PreparedStatement) statement).execute();
      }
      return statement.getUpdateCount();
    } catch (SQLException e) {
      throw failure("Internal statement failed: ", e);
    } finally {
      schemaChanged();
    }
  }

  /**
   * A plain statement when there is nothing to bind, else a prepared one with the parameters bound.
   * Preparing and then executing costs DuckDB more than running a statement directly (1-2 ms more
   * on a statistics query over eight columns), and UDB's generated SQL is not reused, so preparing
   * buys nothing when there is nothing to bind.
   */
  private Statement statement(String sql, List<?> parameters) throws SQLException {
    if (parameters.isEmpty()) {
      return lease.connection().createStatement();
    }
    PreparedStatement statement = lease.connection().prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  /**
   * Cancels a statement of this session's {@link #connection()} on DuckDB's side once the calling
   * thread is interrupted, as this session's own statements are: for bulk paths that run their own
   * JDBC statements. Start it before the statement runs, on the thread that runs it.
   *
   * @param statement the statement about to run
   * @return the watch; close it when the statement is done
   */
  public InterruptWatch watchInterrupts(Statement statement) {
    return InterruptWatch.start(
        watches,
        () -> {
          try {
            statement.cancel();
          } catch (SQLException e) {
            // the statement has finished or its connection closed: nothing left to stop
          }
        });
  }

  private static UdbException failure(String what, SQLException e) {
    if (Thread.currentThread().isInterrupted()) {
      return new UdbException(
          ErrorCode.JOB_CANCELLED, "The statement was stopped: its job was cancelled", e);
    }
    return new UdbException(ErrorCode.ENGINE_ERROR, what + firstLine(e), e);
  }

  @Override
  public void close() {
    lease.close();
  }

  static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

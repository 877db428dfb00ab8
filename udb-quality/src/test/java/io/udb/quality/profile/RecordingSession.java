package io.udb.quality.profile;

import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import java.util.List;

/**
 * A session that passes every statement on and adds its text to a list; closing it does nothing.
 */
final class RecordingSession implements SqlSession {
  private final SqlSession session;
  private final SqlDialect dialect;
  private final List<String> statements;

  /** Records into {@code statements}, speaking the wrapped session's dialect. */
  RecordingSession(SqlSession session, List<String> statements) {
    this(session, session.dialect(), statements);
  }

  /** Records into {@code statements}, answering {@link #dialect()} with {@code dialect}. */
  RecordingSession(SqlSession session, SqlDialect dialect, List<String> statements) {
    this.session = session;
    this.dialect = dialect;
    this.statements = statements;
  }

  @Override
  public SqlDialect dialect() {
    return dialect;
  }

  @Override
  public QueryResult query(String sql, List<?> parameters) {
    statements.add(sql);
    return session.query(sql, parameters);
  }

  @Override
  public long execute(String sql, List<?> parameters) {
    statements.add(sql);
    return session.execute(sql, parameters);
  }

  @Override
  public void close() {}
}

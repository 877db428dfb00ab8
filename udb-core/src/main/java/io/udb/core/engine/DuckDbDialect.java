package io.udb.core.engine;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import java.util.Optional;

/** DuckDB's spelling of the SQL UDB generates. Stateless and thread-safe. */
public final class DuckDbDialect implements SqlDialect {
  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public String quantileContinuous(String expression, double fraction) {
    return "quantile_cont(" + expression + ", " + SqlDialect.checkedFraction(fraction) + ")";
  }

  @Override
  public String dateTrunc(String grain, String expression) {
    return "date_trunc('" + SqlDialect.checkedGrain(grain) + "', " + expression + ")";
  }

  /**
   * Parses the count statement of the predicate with DuckDB's own parser ({@code
   * json_serialize_sql}, the text bound and never executed) and admits exactly the shape {@code
   * SELECT count(*) FROM <table> WHERE NOT (<expression>)} with no table, subquery or query node in
   * the expression. Functions are left to the SQL guard, which the statement passes on the guarded
   * path before it runs.
   */
  @Override
  public void checkPredicate(SqlSession session, TableRef table, String predicate) {
    DuckDbPredicates.check(session, table, predicate);
  }

  /** Parses the expression's probe statement and checks the shape of DuckDB's parse tree. */
  @Override
  public Optional<String> expressionProblem(SqlSession session, TableRef table, String expression) {
    return DuckDbExpressionCheck.problem(this, session, table, expression);
  }
}

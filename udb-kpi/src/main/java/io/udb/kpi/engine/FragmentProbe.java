package io.udb.kpi.engine;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.kpi.InvalidKpiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a user SQL fragment alone before it is composed into a KPI query, and learns its type:
 *
 * <ol>
 *   <li>the lexical check of {@link SqlFragments};
 *   <li>the engine's own parser, through {@link io.udb.api.engine.SqlDialect#expressionProblem}:
 *       the fragment must be exactly one scalar expression (DuckDB checks the parse tree of the
 *       probe below, Spark the node types of the parsed expression);
 *   <li>the probe {@code SELECT any_value((<fragment>)) AS "__udb_probe" FROM "<table>" LIMIT 0}
 *       runs through the guarded user query path ({@link io.udb.core.DataBox#query}), so the SQL
 *       guard applies (no table functions, files, settings; only the tenant's tables) and the
 *       engine binds it (unknown columns, type errors), returning no rows but the fragment's type.
 *       Wrapping it in an aggregate also refuses aggregates and window functions inside it, which
 *       the KPI query would nest.
 * </ol>
 *
 * <p>One instance serves one batch of one tenant; it remembers the type of each fragment it probed.
 * Not thread-safe.
 */
final class FragmentProbe {
  static final String ALIAS = "__udb_probe";
  private static final String RAW_ALIAS = "__udb_raw";

  private final KpiStatements statements;
  private final KpiSql sql;
  private final QueryOptions options;
  private final Map<List<String>, String> types = new HashMap<>();

  FragmentProbe(KpiStatements statements, KpiSql sql, QueryOptions options) {
    this.statements = statements;
    this.sql = sql;
    this.options = options;
  }

  /**
   * Checks an expression over a table and returns its engine type name.
   *
   * @param kpi the KPI, for errors
   * @param field the field holding the fragment
   * @param table the table's actual name
   * @param fragment the expression
   * @return the expression's type, e.g. {@code DOUBLE}
   */
  String typeOf(String kpi, String field, String table, String fragment) {
    List<String> key = List.of(table, fragment);
    String known = types.get(key);
    if (known != null) {
      return known;
    }
    SqlFragments.check(kpi, field, fragment);
    String probe =
        "SELECT any_value(("
            + fragment
            + ")) AS "
            + sql.quote(ALIAS)
            + " FROM "
            + sql.table(table)
            + " LIMIT 0";
    checkWithParser(kpi, field, table, fragment);
    QueryResult result =
        run(kpi, field, probe, "an expression over table '" + table + "'", statements.trusted());
    String type = result.columns().get(0).type();
    types.put(key, type);
    return type;
  }

  /**
   * Checks a raw KPI query and returns its columns.
   *
   * @param kpi the KPI, for errors
   * @param rawSql the query
   * @return its result columns
   */
  List<ColumnInfo> columnsOf(String kpi, String rawSql) {
    SqlFragments.check(kpi, "sql", rawSql);
    String probe = "SELECT * FROM (" + rawSql + ") AS " + sql.quote(RAW_ALIAS) + " LIMIT 0";
    // a whole query is user SQL no expression check covers: it takes the guarded path always
    return run(kpi, "sql", probe, "a query", false).columns();
  }

  /**
   * Runs a probe through the guarded user path, or through a trusted session when its user SQL is
   * an expression the dialect's allow-list accepted.
   */
  private QueryResult run(String kpi, String field, String probe, String what, boolean trusted) {
    try {
      return trusted ? statements.run(probe, options) : statements.guarded(probe, options);
    } catch (SqlRejectedException e) {
      throw new InvalidKpiException(
          e.code(), kpi, field, "was refused by the SQL guard: " + e.getMessage(), e);
    } catch (UdbException e) {
      if (e.code() == ErrorCode.ENGINE_OPERATION_UNSUPPORTED) {
        throw new InvalidKpiException(
            e.code(),
            kpi,
            field,
            "needs ad-hoc SQL, which the "
                + statements.engineName()
                + " engine does not run"
                + (field.equals("sql")
                    ? "; define the KPI by table, measure and aggregation instead"
                    : ""),
            e);
      }
      // through a session, any engine error of a probe is the expression failing to bind
      if (e.code() != ErrorCode.SQL_EXECUTION_ERROR && !trusted) {
        throw e;
      }
      throw new InvalidKpiException(
          ErrorCode.INVALID_ARGUMENT,
          kpi,
          field,
          "is not valid as " + what + ": " + engineMessage(e),
          e);
    }
  }

  private void checkWithParser(String kpi, String field, String table, String fragment) {
    Optional<String> problem;
    try (SqlSession session = statements.openSession()) {
      problem = sql.dialect().expressionProblem(session, TableRef.of(table), fragment);
    }
    if (problem.isPresent()) {
      throw new InvalidKpiException(kpi, field, problem.get());
    }
  }

  static String engineMessage(UdbException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String prefix = "The query failed: ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}

package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.observe.MetricNames;
import java.time.Duration;
import java.util.List;

/**
 * Admits the custom SQL predicates of {@link Check.Satisfies}, which are untrusted user input. A
 * predicate becomes the statement {@code SELECT count(*) FROM <table> WHERE NOT (<predicate>)},
 * which must:
 *
 * <ol>
 *   <li>hold no {@code ;}, no comment and balanced parentheses outside quotes (a predicate cannot
 *       close the {@code NOT (} it is wrapped in);
 *   <li>be admitted by the engine's dialect ({@link SqlDialect#checkPredicate}), which parses it
 *       with the engine's own parser without running it: one boolean expression over the table's
 *       columns, without subqueries, other tables, set operations, grouping or modifiers;
 *   <li>pass the SQL guard and run on the guarded user path of the engine serving the table ({@link
 *       DataBox#query(TenantId, TableRef, String, QueryOptions)}), which counts the violating rows.
 *       An engine without ad-hoc SQL ({@link ErrorCode#ENGINE_OPERATION_UNSUPPORTED}, e.g. Spark)
 *       counts them on a trusted session instead, provided its check is an allow-list ({@link
 *       SqlDialect#expressionCheckIsAllowList()}): there the dialect's check of step 2 is the only
 *       gate.
 * </ol>
 *
 * A refusal is a {@link SqlRejectedException} with a {@code SQL_*} code, thrown before the
 * statement runs.
 */
final class PredicateGuard {
  private PredicateGuard() {}

  /**
   * The statement that counts the rows violating a predicate.
   *
   * @param dialect the engine's dialect
   * @param table the checked table
   * @param predicate the user's predicate
   * @return {@code SELECT count(*) FROM <table> WHERE NOT (<predicate>)}
   */
  static String countStatement(SqlDialect dialect, TableRef table, String predicate) {
    return "SELECT count(*) FROM " + dialect.table(table) + " WHERE NOT (" + predicate + ")";
  }

  /**
   * Checks a predicate's text and has the engine check its shape, without running anything.
   *
   * @param box the box, for the rejection metric
   * @param session a trusted session, used only to parse (the text is bound, never executed)
   * @param table the checked table
   * @param check the check holding the predicate
   * @throws SqlRejectedException when the predicate is refused
   */
  static void checkShape(DataBox box, SqlSession session, TableRef table, Check.Satisfies check) {
    try {
      checkText(check);
      try {
        session.dialect().checkPredicate(session, table, check.predicate());
      } catch (SqlRejectedException e) {
        throw reject(e.code(), e.reason(), check, e.getMessage());
      }
    } catch (SqlRejectedException e) {
      box.metrics().count(MetricNames.SQL_REJECTED, 1, "reason", e.reason());
      throw e;
    }
  }

  /**
   * Counts the violating rows through the guarded user path, or through a trusted session on an
   * engine without one.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the checked table
   * @param check the check holding the predicate
   * @param timeout the longest the count may run
   * @return the number of rows for which the predicate is false
   * @throws SqlRejectedException when the SQL guard refuses it
   */
  static long countViolations(
      DataBox box, TenantId tenant, TableRef table, Check.Satisfies check, Duration timeout) {
    QueryResult result =
        query(box, tenant, table, check, "SELECT count(*) FROM ", "", new QueryOptions(1, timeout));
    return ((Number) result.rows().get(0).get(0)).longValue();
  }

  /**
   * Reads some of the rows violating a predicate, on the same path as {@link #countViolations}.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the checked table
   * @param check the check holding the predicate
   * @param options the row cap and timeout
   * @return at most {@code options.maxRows()} violating rows
   */
  static QueryResult violatingRows(
      DataBox box, TenantId tenant, TableRef table, Check.Satisfies check, QueryOptions options) {
    return query(
        box, tenant, table, check, "SELECT * FROM ", " LIMIT " + options.maxRows(), options);
  }

  private static QueryResult query(
      DataBox box,
      TenantId tenant,
      TableRef table,
      Check.Satisfies check,
      String select,
      String limit,
      QueryOptions options) {
    String condition = " WHERE NOT (" + check.predicate() + ")";
    AnalyticsEngine serving = box.engine().engineFor(tenant, table);
    SqlDialect dialect = serving.dialect();
    try {
      return box.query(tenant, table, select + dialect.table(table) + condition, options);
    } catch (SqlRejectedException e) {
      throw e;
    } catch (UdbException e) {
      if (e.code() != ErrorCode.ENGINE_OPERATION_UNSUPPORTED
          || !dialect.expressionCheckIsAllowList()) {
        throw e;
      }
    }
    // an engine without ad-hoc SQL whose check is an allow-list admitted the predicate node by node
    try (SqlSession session = box.openSession(tenant, table)) {
      return session.query(select + session.dialect().table(table) + condition + limit, List.of());
    }
  }

  private static void checkText(Check.Satisfies check) {
    String text = check.predicate();
    if (text.indexOf(';') >= 0) {
      throw reject(
          ErrorCode.SQL_MULTIPLE_STATEMENTS,
          "multiple_statements",
          check,
          "must not contain ';' (one boolean expression, not statements)");
    }
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          boolean doubled = i + 1 < text.length() && text.charAt(i + 1) == quote;
          if (doubled) {
            i++;
          } else {
            quote = 0;
          }
        }
        continue;
      }
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if ((c == '-' && next == '-') || (c == '/' && next == '*')) {
        throw reject(
            ErrorCode.SQL_FORBIDDEN, "predicate_shape", check, "must not contain comments");
      }
      if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth < 0) {
        throw reject(
            ErrorCode.SQL_FORBIDDEN,
            "predicate_shape",
            check,
            "closes a parenthesis it did not open");
      }
    }
    if (quote != 0) {
      throw reject(ErrorCode.SQL_PARSE_ERROR, "parse_error", check, "has an unterminated quote");
    }
    if (depth != 0) {
      throw reject(ErrorCode.SQL_PARSE_ERROR, "parse_error", check, "has an unclosed parenthesis");
    }
  }

  private static SqlRejectedException reject(
      ErrorCode code, String reason, Check.Satisfies check, String problem) {
    return new SqlRejectedException(
        code, reason, "The predicate of check '" + check.name() + "' " + problem);
  }
}

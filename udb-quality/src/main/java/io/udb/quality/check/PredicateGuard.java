package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.core.observe.MetricNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Admits the custom SQL predicates of {@link Check.Satisfies}, which are untrusted user input. A
 * predicate becomes the statement {@code SELECT count(*) FROM "table" WHERE NOT (<predicate>)},
 * which must:
 *
 * <ol>
 *   <li>hold no {@code ;}, no comment and balanced parentheses outside quotes (a predicate cannot
 *       close the {@code NOT (} it is wrapped in);
 *   <li>parse (with the engine's parser, without running) to exactly that shape: one SELECT of
 *       {@code count(*)} from the one table, filtered by a {@code NOT} over an expression without
 *       subqueries, other tables, set operations, grouping or modifiers;
 *   <li>pass the SQL guard and run on the guarded user path ({@link DataBox#query(TenantId, String,
 *       QueryOptions)}), which counts the violating rows.
 * </ol>
 *
 * A refusal is a {@link SqlRejectedException} with a {@code SQL_*} code, thrown before the
 * statement runs.
 */
final class PredicateGuard {
  private static final Set<String> TABLE_OR_QUERY_TYPES =
      Set.of(
          "BASE_TABLE",
          "TABLE_FUNCTION",
          "JOIN",
          "SUBQUERY",
          "EXPRESSION_LIST",
          "EMPTY",
          "PIVOT",
          "SHOW_REF",
          "COLUMN_DATA",
          "DELIM_GET",
          "BOUND_REF");

  private PredicateGuard() {}

  /**
   * The statement that counts the rows violating a predicate.
   *
   * @param dialect the engine's dialect
   * @param table the checked table
   * @param predicate the user's predicate
   * @return {@code SELECT count(*) FROM "table" WHERE NOT (<predicate>)}
   */
  static String countStatement(SqlDialect dialect, TableRef table, String predicate) {
    return "SELECT count(*) FROM " + dialect.table(table) + " WHERE NOT (" + predicate + ")";
  }

  /**
   * Checks a predicate's text and the shape of its count statement, without running anything.
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
      String statement = countStatement(session.dialect(), table, check.predicate());
      checkTree(check, table, parse(session, statement));
    } catch (SqlRejectedException e) {
      box.metrics().count(MetricNames.SQL_REJECTED, 1, "reason", e.reason());
      throw e;
    }
  }

  /**
   * Counts the violating rows through the guarded user path.
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
    String statement = countStatement(box.engine().dialect(), table, check.predicate());
    QueryResult result = box.query(tenant, statement, new QueryOptions(1, timeout));
    return ((Number) result.rows().get(0).get(0)).longValue();
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
      if (c == '\'' || c == '"') {
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

  private static JsonNode parse(SqlSession session, String statement) {
    Object json =
        session.query(QualitySql.parseTreeQuery(), List.of(statement)).rows().get(0).get(0);
    try {
      return Json.mapper().readTree(String.valueOf(json));
    } catch (JacksonException e) {
      throw new SqlRejectedException(
          ErrorCode.SQL_FORBIDDEN, "too_complex", "A check predicate is too complex");
    }
  }

  private static void checkTree(Check.Satisfies check, TableRef table, JsonNode tree) {
    if (tree.path("error").asBoolean(false)) {
      throw reject(
          ErrorCode.SQL_PARSE_ERROR,
          "parse_error",
          check,
          "is not valid SQL: " + tree.path("error_message").asString(""));
    }
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      throw reject(
          ErrorCode.SQL_MULTIPLE_STATEMENTS,
          "multiple_statements",
          check,
          "must be one boolean expression");
    }
    JsonNode node = statements.get(0).path("node");
    JsonNode from = node.path("from_table");
    JsonNode select = node.path("select_list");
    JsonNode where = node.path("where_clause");
    boolean shape =
        node.path("type").asString("").equals("SELECT_NODE")
            && node.path("modifiers").size() == 0
            && node.path("cte_map").path("map").size() == 0
            && node.path("group_expressions").size() == 0
            && node.path("group_sets").size() == 0
            && isAbsent(node.path("having"))
            && isAbsent(node.path("qualify"))
            && isAbsent(node.path("sample"))
            && select.size() == 1
            && select.get(0).path("function_name").asString("").equals("count_star")
            && from.path("type").asString("").equals("BASE_TABLE")
            && from.path("table_name").asString("").equals(table.name())
            && from.path("schema_name").asString("").isEmpty()
            && from.path("catalog_name").asString("").isEmpty()
            && where.path("type").asString("").equals("OPERATOR_NOT")
            && plainExpression(where, 0);
    if (!shape) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "predicate_shape",
          check,
          "must be a boolean expression over the columns of table '"
              + table.name()
              + "' (no subqueries, other tables, set operations or clauses after it)");
    }
  }

  private static boolean isAbsent(JsonNode node) {
    return node.isMissingNode() || node.isNull();
  }

  /** True when no node below is a table reference, subquery or query node. */
  private static boolean plainExpression(JsonNode node, int depth) {
    if (depth > 400) {
      return false;
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        if (!plainExpression(child, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (!node.isObject()) {
      return true;
    }
    String type = node.path("type").asString("");
    String kind = node.path("class").asString("");
    if (kind.equals("SUBQUERY") || type.endsWith("_NODE") || TABLE_OR_QUERY_TYPES.contains(type)) {
      return false;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!plainExpression(field.getValue(), depth + 1)) {
        return false;
      }
    }
    return true;
  }

  private static SqlRejectedException reject(
      ErrorCode code, String reason, Check.Satisfies check, String problem) {
    return new SqlRejectedException(
        code, reason, "The predicate of check '" + check.name() + "' " + problem);
  }
}

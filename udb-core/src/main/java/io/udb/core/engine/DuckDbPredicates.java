package io.udb.core.engine;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * DuckDB's check of a user's predicate ({@link DuckDbDialect#checkPredicate}): the statement {@code
 * SELECT count(*) FROM <table> WHERE NOT (<predicate>)} is parsed by DuckDB's {@code
 * json_serialize_sql} (the text is bound, never executed) and must have exactly that shape, with no
 * node below the {@code NOT} being a table reference, subquery or query node. Functions are left to
 * the SQL guard, which the statement passes on the guarded path before it runs.
 */
final class DuckDbPredicates {
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

  private DuckDbPredicates() {}

  static void check(SqlSession session, TableRef table, String predicate) {
    String statement =
        "SELECT count(*) FROM " + session.dialect().table(table) + " WHERE NOT (" + predicate + ")";
    Object json =
        session
            .query("SELECT json_serialize_sql(CAST(? AS VARCHAR))", List.of(statement))
            .rows()
            .get(0)
            .get(0);
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(String.valueOf(json));
    } catch (JacksonException e) {
      throw new SqlRejectedException(ErrorCode.SQL_FORBIDDEN, "too_complex", "is too complex");
    }
    checkTree(table, tree);
  }

  private static void checkTree(TableRef table, JsonNode tree) {
    if (tree.path("error").asBoolean(false)) {
      throw new SqlRejectedException(
          ErrorCode.SQL_PARSE_ERROR,
          "parse_error",
          "is not valid SQL: " + tree.path("error_message").asString(""));
    }
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      throw new SqlRejectedException(
          ErrorCode.SQL_MULTIPLE_STATEMENTS,
          "multiple_statements",
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
      throw new SqlRejectedException(
          ErrorCode.SQL_FORBIDDEN,
          "predicate_shape",
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
}

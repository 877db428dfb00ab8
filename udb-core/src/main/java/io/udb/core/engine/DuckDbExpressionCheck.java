package io.udb.core.engine;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * DuckDB's check of a user SQL expression ({@link SqlDialect#expressionProblem}): the probe {@code
 * SELECT any_value((<expression>)) AS "__udb_probe" FROM "<table>" LIMIT 0} is parsed by DuckDB
 * ({@code json_serialize_sql}, without running) and its parse tree must have exactly that shape:
 * one SELECT of one {@code any_value} call over the one base table, no WHERE, GROUP BY, HAVING, CTE
 * or other modifier than {@code LIMIT 0}. An expression that closed the call or added clauses would
 * change the shape. Stateless.
 */
final class DuckDbExpressionCheck {
  /** The alias of the probe's only column. */
  static final String ALIAS = "__udb_probe";

  private static final String PARSE = "SELECT json_serialize_sql(CAST(? AS VARCHAR))";

  private DuckDbExpressionCheck() {}

  /**
   * Parses the probe of an expression and checks its shape.
   *
   * @param dialect DuckDB's dialect, for quoting
   * @param session a session of the tenant, to parse with
   * @param table the table the expression is evaluated over
   * @param expression the expression
   * @return why it is refused, or empty
   */
  static Optional<String> problem(
      SqlDialect dialect, SqlSession session, TableRef table, String expression) {
    String probe = probe(dialect, table, expression);
    String json = String.valueOf(session.query(PARSE, List.of(probe)).rows().get(0).get(0));
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      return Optional.of("is too complex to check");
    }
    if (tree.path("error").asBoolean(false)) {
      return Optional.of("is not valid SQL: " + tree.path("error_message").asString(""));
    }
    if (!hasProbeShape(tree, table.name())) {
      return Optional.of(
          "must be a single SQL expression; it changes the shape of the statement it is placed"
              + " in");
    }
    return Optional.empty();
  }

  /** The probe statement of an expression. */
  static String probe(SqlDialect dialect, TableRef table, String expression) {
    return "SELECT any_value(("
        + expression
        + ")) AS "
        + dialect.quoteIdentifier(ALIAS)
        + " FROM "
        + dialect.table(table)
        + " LIMIT 0";
  }

  /** Whether the parse tree is exactly the probe with one argument in {@code any_value}. */
  static boolean hasProbeShape(JsonNode tree, String table) {
    JsonNode statements = tree.path("statements");
    if (statements.size() != 1) {
      return false;
    }
    JsonNode node = statements.get(0).path("node");
    JsonNode select = node.path("select_list");
    JsonNode from = node.path("from_table");
    JsonNode modifiers = node.path("modifiers");
    if (!node.path("type").asString("").equals("SELECT_NODE")
        || node.path("cte_map").path("map").size() != 0
        || select.size() != 1
        || !node.path("where_clause").isNull()
        || node.path("group_expressions").size() != 0
        || node.path("group_sets").size() != 0
        || !node.path("having").isNull()
        || !node.path("qualify").isNull()
        || !node.path("sample").isNull()) {
      return false;
    }
    JsonNode call = select.get(0);
    if (!call.path("class").asString("").equals("FUNCTION")
        || !call.path("function_name").asString("").equals("any_value")
        || !call.path("alias").asString("").equals(ALIAS)
        || !call.path("schema").asString("").isEmpty()
        || call.path("arguments").size() != 1
        || !call.path("filter").isNull()
        || call.path("distinct").asBoolean(true)
        || call.path("order_bys").path("orders").size() != 0) {
      return false;
    }
    if (!from.path("type").asString("").equals("BASE_TABLE")
        || !from.path("table_name").asString("").equals(table)
        || !from.path("schema_name").asString("").isEmpty()
        || !from.path("catalog_name").asString("").isEmpty()) {
      return false;
    }
    if (modifiers.size() != 1) {
      return false;
    }
    JsonNode limit = modifiers.get(0);
    return limit.path("type").asString("").equals("LIMIT_MODIFIER")
        && limit.path("limit").path("literal").path("text").asString("").equals("0")
        && limit.path("offset").isNull();
  }
}

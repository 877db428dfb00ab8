package io.udb.kpi.engine;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.kpi.InvalidKpiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a user SQL fragment alone before it is composed into a KPI query, and learns its type:
 *
 * <ol>
 *   <li>the lexical check of {@link SqlFragments};
 *   <li>the probe {@code SELECT any_value((<fragment>)) AS "__udb_probe" FROM "<table>" LIMIT 0} is
 *       parsed by DuckDB (without running) and its parse tree must have exactly that shape: one
 *       SELECT of one {@code any_value} call over the one base table, no WHERE, GROUP BY, HAVING,
 *       CTE or other modifier than {@code LIMIT 0}. A fragment that closed the call or added
 *       clauses would change the shape. Wrapping it in an aggregate also refuses aggregates and
 *       window functions inside it, which the KPI query would nest;
 *   <li>the probe runs through the guarded user query path ({@link DataBox#query}), so the SQL
 *       guard applies (no table functions, files, settings; only the tenant's tables) and DuckDB
 *       binds it (unknown columns, type errors), returning no rows but the fragment's type.
 * </ol>
 *
 * <p>One instance serves one batch of one tenant; it remembers the type of each fragment it probed.
 * Not thread-safe.
 */
final class FragmentProbe {
  static final String ALIAS = "__udb_probe";
  private static final String RAW_ALIAS = "__udb_raw";

  private final DataBox box;
  private final TenantId tenant;
  private final KpiSql sql;
  private final QueryOptions options;
  private final Map<List<String>, String> types = new HashMap<>();

  FragmentProbe(DataBox box, TenantId tenant, KpiSql sql, QueryOptions options) {
    this.box = box;
    this.tenant = tenant;
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
    checkShape(kpi, field, table, probe);
    QueryResult result = run(kpi, field, probe, "an expression over table '" + table + "'");
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
    return run(kpi, "sql", probe, "a query").columns();
  }

  private QueryResult run(String kpi, String field, String probe, String what) {
    try {
      return box.query(tenant, probe, options);
    } catch (SqlRejectedException e) {
      throw new InvalidKpiException(
          e.code(), kpi, field, "was refused by the SQL guard: " + e.getMessage(), e);
    } catch (UdbException e) {
      if (e.code() != ErrorCode.SQL_EXECUTION_ERROR) {
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

  private void checkShape(String kpi, String field, String table, String probe) {
    Optional<String> parser = sql.parseTreeQuery();
    if (parser.isEmpty()) {
      return;
    }
    String json;
    try (SqlSession session = box.openSession(tenant)) {
      Object value = session.query(parser.get(), List.of(probe)).rows().get(0).get(0);
      json = String.valueOf(value);
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new InvalidKpiException(
          ErrorCode.INVALID_ARGUMENT, kpi, field, "is too complex to check", e);
    }
    if (tree.path("error").asBoolean(false)) {
      throw new InvalidKpiException(
          kpi, field, "is not valid SQL: " + tree.path("error_message").asString(""));
    }
    if (!hasProbeShape(tree, table)) {
      throw new InvalidKpiException(
          kpi,
          field,
          "must be a single SQL expression; it changes the shape of the statement it is placed"
              + " in");
    }
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

  static String engineMessage(UdbException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    String prefix = "The query failed: ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}

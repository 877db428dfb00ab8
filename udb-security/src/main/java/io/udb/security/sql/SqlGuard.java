package io.udb.security.sql;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides whether untrusted SQL may run. The text is parsed by DuckDB's own parser (never by
 * regular expressions) and the whole parse tree is walked:
 *
 * <ul>
 *   <li>exactly one statement, and it is a query (SELECT, set operation, CTE, VALUES);
 *   <li>table functions only from a small allow-list of pure generators ({@code range}, {@code
 *       generate_series}, {@code unnest}): everything that reads files, the network, settings,
 *       secrets or SQL hidden in strings ({@code read_*}, {@code glob}, {@code query}, {@code
 *       duckdb_settings}, ...) is refused;
 *   <li>no scalar function that reads the environment or settings, or executes SQL text;
 *   <li>tables only by bare name (or {@code main.} name) that exist in the caller's tenant or are
 *       CTEs in scope; file paths used as tables (replacement scans) and other catalogs or schemas
 *       are refused.
 * </ul>
 *
 * <p>The guard is the first of two locks: the statement then runs on a DuckDB instance with
 * external access disabled and its configuration locked. Instances are immutable and thread-safe.
 */
public final class SqlGuard {

  /** Longest statement accepted, in characters. */
  public static final int MAX_SQL_LENGTH = 100_000;

  private static final int MAX_TREE_DEPTH = 400;

  private static final Set<String> QUERY_NODES =
      Set.of("SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE");

  private static final Set<String> FORBIDDEN_TABLE_REFS =
      Set.of("SHOW_REF", "COLUMN_DATA", "DELIM_GET", "BOUND_REF");

  private static final Set<String> ALLOWED_TABLE_FUNCTIONS =
      Set.of("range", "generate_series", "unnest");

  private static final Set<String> FORBIDDEN_FUNCTIONS =
      Set.of(
          "getenv",
          "current_setting",
          "nextval",
          "currval",
          "query",
          "query_table",
          "json_execute_serialized_sql",
          "json_serialize_sql",
          "json_deserialize_sql",
          "json_serialize_plan",
          "sql_auto_complete",
          "which_secret",
          "glob",
          "load_extension",
          "enable_logging",
          "disable_logging",
          "checkpoint",
          "force_checkpoint",
          "export_database",
          "import_database");

  private static final String[] FORBIDDEN_FUNCTION_PREFIXES = {
    "duckdb_",
    "pragma_",
    "read_",
    "sniff_",
    "parquet_",
    "iceberg_",
    "delta_",
    "postgres_",
    "mysql_",
    "sqlite_",
    "http",
    "s3",
    "azure_",
    "gcs_",
    "json_execute",
    "arrow_",
    "test_"
  };

  private static final Set<String> ALLOWED_FUNCTION_SCHEMAS = Set.of("", "main", "pg_catalog");

  private final JsonMapper mapper = JsonMapper.builder().build();

  /**
   * Checks one statement.
   *
   * @param sql the untrusted text
   * @param parser DuckDB's parser, bound to a connection of the caller's engine
   * @param catalog the tables of the caller's tenant
   * @return the accepted statement and the tables it reads
   * @throws SqlRejectedException with a {@code SQL_*} code and a stable reason token
   */
  public GuardedStatement check(String sql, SqlParser parser, TableCatalog catalog) {
    if (sql == null || sql.isBlank()) {
      throw reject(ErrorCode.SQL_PARSE_ERROR, "empty", "The SQL statement is empty");
    }
    if (sql.length() > MAX_SQL_LENGTH) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "too_long",
          "The SQL statement is longer than " + MAX_SQL_LENGTH + " characters");
    }
    JsonNode tree = parse(parser, sql);
    JsonNode statements = tree.path("statements");
    if (statements.size() == 0) {
      throw reject(ErrorCode.SQL_PARSE_ERROR, "empty", "The SQL text holds no statement");
    }
    if (statements.size() > 1) {
      throw reject(
          ErrorCode.SQL_MULTIPLE_STATEMENTS,
          "multiple_statements",
          "Exactly one statement is allowed; found " + statements.size());
    }
    JsonNode root = statements.get(0).path("node");
    String rootType = root.path("type").asString("");
    if (!QUERY_NODES.contains(rootType)) {
      throw reject(ErrorCode.SQL_NOT_SELECT, "not_select", "Only SELECT queries are allowed");
    }
    Set<String> tables = new HashSet<>();
    walk(root, new ArrayDeque<>(), catalog, tables, 0);
    return new GuardedStatement(sql, tables);
  }

  private JsonNode parse(SqlParser parser, String sql) {
    String json;
    try {
      json = parser.serialize(sql);
    } catch (RuntimeException e) {
      throw reject(
          ErrorCode.SQL_PARSE_ERROR, "parse_error", "The SQL statement could not be parsed");
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(json);
    } catch (JacksonException e) {
      throw reject(ErrorCode.SQL_FORBIDDEN, "too_complex", "The SQL statement is too complex");
    }
    if (tree.path("error").asBoolean(false)) {
      String type = tree.path("error_type").asString("");
      String message = tree.path("error_message").asString("");
      if (type.equals("parser")) {
        throw reject(ErrorCode.SQL_PARSE_ERROR, "parse_error", "SQL syntax error: " + message);
      }
      // DuckDB parsed the text but serializes only SELECT statements, so it reports no statement
      // count here. The text is refused either way; a lexical count only picks the clearer code.
      int count = StatementCounter.count(sql);
      if (count > 1) {
        throw reject(
            ErrorCode.SQL_MULTIPLE_STATEMENTS,
            "multiple_statements",
            "Exactly one statement is allowed; found " + count);
      }
      throw reject(
          ErrorCode.SQL_NOT_SELECT,
          "not_select",
          "Only a single SELECT query is allowed (DDL, DML, PRAGMA, SET, COPY, ATTACH, INSTALL,"
              + " LOAD and CALL are refused)");
    }
    return tree;
  }

  private void walk(
      JsonNode node,
      Deque<Set<String>> cteScopes,
      TableCatalog catalog,
      Set<String> tables,
      int depth) {
    if (depth > MAX_TREE_DEPTH) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN, "too_complex", "The SQL statement is nested too deeply");
    }
    if (node.isArray()) {
      for (JsonNode child : node) {
        walk(child, cteScopes, catalog, tables, depth + 1);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    inspect(node, cteScopes, catalog, tables);
    JsonNode ctes = node.path("cte_map").path("map");
    if (ctes.size() == 0) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        walk(field.getValue(), cteScopes, catalog, tables, depth + 1);
      }
      return;
    }
    // DuckDB binds a CTE's body with only the CTEs defined before it; any other name there
    // resolves to the catalog, e.g. to a system view. So a CTE name becomes visible only after its
    // own body has been checked. A recursive CTE sees itself only in its recursive term (the
    // right side of its UNION): in the anchor (the left side) its own name still means the
    // catalog's table or view of that name.
    Set<String> visible = new HashSet<>();
    cteScopes.push(visible);
    try {
      for (JsonNode entry : ctes) {
        String name = entry.path("key").asString("").toLowerCase(Locale.ROOT);
        JsonNode body = entry.path("value");
        JsonNode query = body.path("query_node");
        if (query.path("type").asString("").equals("RECURSIVE_CTE_NODE") && body.isObject()) {
          ObjectNode anchor = ((ObjectNode) body).deepCopy();
          ((ObjectNode) anchor.get("query_node")).remove("right");
          walk(anchor, cteScopes, catalog, tables, depth + 1);
          visible.add(name);
          walk(query.path("right"), cteScopes, catalog, tables, depth + 2);
          continue;
        }
        walk(body, cteScopes, catalog, tables, depth + 1);
        visible.add(name);
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getKey().equals("cte_map")) {
          walk(field.getValue(), cteScopes, catalog, tables, depth + 1);
        }
      }
    } finally {
      cteScopes.pop();
    }
  }

  private static void inspect(
      JsonNode node, Deque<Set<String>> cteScopes, TableCatalog catalog, Set<String> tables) {
    if (node.has("function_name")) {
      checkFunction(node);
    }
    if (node.has("class")) {
      return;
    }
    String type = node.path("type").asString("");
    if (type.endsWith("_NODE") && !QUERY_NODES.contains(type)) {
      throw reject(ErrorCode.SQL_NOT_SELECT, "not_select", "Only SELECT queries are allowed");
    }
    if (FORBIDDEN_TABLE_REFS.contains(type) || type.startsWith("SHOW")) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "table_ref",
          "DESCRIBE, SHOW and SUMMARIZE are not available here; query the table instead");
    }
    switch (type) {
      case "TABLE_FUNCTION" -> checkTableFunction(node);
      case "BASE_TABLE" -> checkTable(node, cteScopes, catalog, tables);
      default -> {
        // other node types (joins, subqueries, modifiers) are containers; their children are
        // walked
      }
    }
  }

  private static void checkTableFunction(JsonNode node) {
    JsonNode function = node.path("function");
    String name = function.path("function_name").asString("").toLowerCase(Locale.ROOT);
    if (!ALLOWED_TABLE_FUNCTIONS.contains(name)
        || !function.path("schema").asString("").isEmpty()
        || !function.path("catalog").asString("").isEmpty()) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "table_function",
          "Table function '"
              + name
              + "' is not allowed; only range, generate_series and unnest may be used in FROM."
              + " Ingest files through UDB instead of reading them in SQL");
    }
  }

  private static void checkFunction(JsonNode node) {
    String name = node.path("function_name").asString("").toLowerCase(Locale.ROOT);
    String schema = node.path("schema").asString("").toLowerCase(Locale.ROOT);
    String catalogName = node.path("catalog").asString("").toLowerCase(Locale.ROOT);
    boolean forbidden = FORBIDDEN_FUNCTIONS.contains(name);
    for (String prefix : FORBIDDEN_FUNCTION_PREFIXES) {
      forbidden |= name.startsWith(prefix);
    }
    if (forbidden) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "function",
          "Function '" + name + "' is not allowed in queries: it reaches outside the data");
    }
    if (!ALLOWED_FUNCTION_SCHEMAS.contains(schema)
        || !(catalogName.isEmpty() || catalogName.equals("system"))) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "catalog",
          "Functions may not be qualified with a catalog or schema other than main");
    }
  }

  private static void checkTable(
      JsonNode node, Deque<Set<String>> cteScopes, TableCatalog catalog, Set<String> tables) {
    String name = node.path("table_name").asString("");
    String schema = node.path("schema_name").asString("");
    String catalogName = node.path("catalog_name").asString("");
    if (!catalogName.isEmpty() || !(schema.isEmpty() || schema.equalsIgnoreCase("main"))) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "catalog",
          "Tables must be named without a catalog or schema (found '"
              + (catalogName.isEmpty() ? schema : catalogName + "." + schema)
              + "."
              + name
              + "')");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (schema.isEmpty()) {
      for (Set<String> scope : cteScopes) {
        if (scope.contains(lower)) {
          return;
        }
      }
    }
    if (catalog.contains(name)) {
      tables.add(lower);
      return;
    }
    if (looksLikePath(name)) {
      throw reject(
          ErrorCode.SQL_FORBIDDEN,
          "replacement_scan",
          "Reading files or URLs from SQL is not allowed ('"
              + name
              + "'); ingest the file through UDB and query its table");
    }
    throw reject(
        ErrorCode.SQL_UNKNOWN_TABLE, "unknown_table", "Table '" + name + "' does not exist");
  }

  private static boolean looksLikePath(String name) {
    for (char c : new char[] {'/', '\\', '.', ':', '*', '?', '~', '$'}) {
      if (name.indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static SqlRejectedException reject(ErrorCode code, String reason, String message) {
    return new SqlRejectedException(code, reason, message);
  }
}

package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableInfo;
import io.udb.core.SecuredBox;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET {base}/tables} and {@code POST {base}/sql}. */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class QueryController {
  private final UdbWebProperties properties;

  /**
   * The controller.
   *
   * @param properties the default row cap
   */
  public QueryController(UdbWebProperties properties) {
    this.properties = properties;
  }

  /** The caller's tables: {@code [{"name","rowCount","columns":[{"name","type"}]}]}. */
  @GetMapping("/tables")
  public ResponseEntity<byte[]> tables(HttpServletRequest request) {
    List<TableInfo> tables = BearerAuthenticationFilter.caller(request).tables();
    return JsonBodies.ok(tables.stream().map(QueryController::table).toList());
  }

  /**
   * Runs one guarded SELECT: {@code {"sql","maxRows"?}} → {@code {"columns","rows","rowCount",
   * "truncated","elapsedMs"}}.
   */
  @PostMapping(path = "/sql", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> sql(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    JsonNode node = JsonBodies.object(body, false);
    String sql = JsonBodies.requiredString(node, "sql");
    int maxRows = properties.getDefaultMaxRows();
    JsonNode max = node.get("maxRows");
    if (max != null && !max.isNull()) {
      if (!max.canConvertToInt() || !max.isIntegralNumber() || max.intValue() < 0) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "'maxRows' must be a non-negative integer");
      }
      maxRows = max.intValue();
    }
    QueryResult result = caller.query(sql, QueryOptions.maxRows(maxRows));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("columns", result.columns().stream().map(QueryController::column).toList());
    out.put("rows", result.rows());
    out.put("rowCount", result.rowCount());
    out.put("truncated", result.truncated());
    out.put("elapsedMs", result.elapsedMs());
    return JsonBodies.ok(out);
  }

  private static Map<String, Object> table(TableInfo table) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", table.name());
    out.put("rowCount", table.rowCount());
    out.put("columns", table.columns().stream().map(QueryController::column).toList());
    return out;
  }

  static Map<String, Object> column(ColumnInfo column) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", column.name());
    out.put("type", column.type());
    return out;
  }
}

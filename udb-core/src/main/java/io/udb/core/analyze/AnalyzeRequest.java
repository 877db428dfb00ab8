package io.udb.core.analyze;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an analyze job works on: the body of {@code POST /udb/analyze}, {@code
 * {"tables"?,"connectionIds"?,"kpis"?,"checks"?,"skip"?}}.
 *
 * <p>The KPI definitions and checks stay in their JSON form (lists of objects) here, so that core
 * does not depend on the modules that read them; the {@code kpi} and {@code quality} stages parse
 * them ({@link AnalyzeStage#validate} refuses malformed ones before the job starts). A check may
 * carry a {@code "table"} field naming the table it is for; without one it applies to every table.
 *
 * @param tables tables of the tenant to analyse, in order, without repeats (case-insensitive)
 * @param connectionIds stored connections to sync first; the tables they write are analysed too
 * @param kpis KPI definitions in the form of {@code POST /udb/kpis}; empty skips the KPI stage
 * @param checks checks in the form of {@code POST /udb/quality}; empty runs suggested checks
 * @param skip names of stages not to run, e.g. {@code drift}
 */
public record AnalyzeRequest(
    List<TableRef> tables,
    List<String> connectionIds,
    List<Map<String, Object>> kpis,
    List<Map<String, Object>> checks,
    Set<String> skip) {
  private static final Set<String> FIELDS =
      Set.of("tables", "connectionIds", "kpis", "checks", "skip");
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

  /**
   * Validates and copies.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when neither tables nor
   *     connections are given, or a value is malformed
   */
  public AnalyzeRequest {
    tables = distinctTables(tables == null ? List.of() : tables);
    connectionIds = connections(connectionIds == null ? List.of() : connectionIds);
    kpis = objects(kpis == null ? List.of() : kpis, "kpis");
    checks = objects(checks == null ? List.of() : checks, "checks");
    skip = stages(skip == null ? Set.of() : skip);
    if (tables.isEmpty() && connectionIds.isEmpty()) {
      throw invalid("Give at least one table in 'tables' or one connection in 'connectionIds'");
    }
  }

  /**
   * A request that analyses the given tables.
   *
   * @param tables table names
   * @return the request
   */
  public static AnalyzeRequest ofTables(String... tables) {
    return new AnalyzeRequest(
        Arrays.stream(tables).map(TableRef::of).toList(),
        List.of(),
        List.of(),
        List.of(),
        Set.of());
  }

  /**
   * A request that syncs the given connections and analyses what they load.
   *
   * @param connectionIds connection ids
   * @return the request
   */
  public static AnalyzeRequest ofConnections(String... connectionIds) {
    return new AnalyzeRequest(List.of(), List.of(connectionIds), List.of(), List.of(), Set.of());
  }

  /**
   * This request with KPI definitions.
   *
   * @param definitions definitions in their JSON form
   * @return the copy
   */
  public AnalyzeRequest withKpis(List<? extends Map<String, ?>> definitions) {
    return new AnalyzeRequest(tables, connectionIds, copy(definitions), checks, skip);
  }

  /**
   * This request with checks.
   *
   * @param definitions checks in their JSON form
   * @return the copy
   */
  public AnalyzeRequest withChecks(List<? extends Map<String, ?>> definitions) {
    return new AnalyzeRequest(tables, connectionIds, kpis, copy(definitions), skip);
  }

  /**
   * This request with connections to sync first.
   *
   * @param ids connection ids
   * @return the copy
   */
  public AnalyzeRequest withConnections(List<String> ids) {
    return new AnalyzeRequest(tables, ids, kpis, checks, skip);
  }

  /**
   * This request without the given stages.
   *
   * @param stages stage names, e.g. {@code drift}
   * @return the copy
   */
  public AnalyzeRequest skipping(String... stages) {
    Set<String> all = new LinkedHashSet<>(skip);
    all.addAll(Arrays.asList(stages));
    return new AnalyzeRequest(tables, connectionIds, kpis, checks, all);
  }

  /**
   * Whether a stage is skipped by this request.
   *
   * @param stage the stage name
   * @return true when {@link #skip()} names it
   */
  public boolean skips(String stage) {
    return skip.contains(stage);
  }

  /**
   * Reads a request from its JSON text.
   *
   * @param json {@code {"tables"?,"connectionIds"?,"kpis"?,"checks"?,"skip"?}}
   * @return the request
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for malformed JSON, an unknown
   *     field or a value of the wrong type
   */
  public static AnalyzeRequest fromJson(String json) {
    return fromJson(Json.readObject(json));
  }

  /**
   * Reads a request from an already parsed body (maps, lists, strings, numbers).
   *
   * @param body {@code {"tables"?,"connectionIds"?,"kpis"?,"checks"?,"skip"?}}
   * @return the request
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown field or a value of
   *     the wrong type
   */
  public static AnalyzeRequest fromJson(Map<String, ?> body) {
    if (body == null) {
      throw invalid("The analyze request is missing");
    }
    for (String field : body.keySet()) {
      if (!FIELDS.contains(field)) {
        throw invalid(
            "Unknown field '"
                + shortened(String.valueOf(field))
                + "' in the analyze request; allowed: tables, connectionIds, kpis, checks, skip");
      }
    }
    List<TableRef> tables =
        strings(body.get("tables"), "tables").stream().map(TableRef::of).toList();
    return new AnalyzeRequest(
        tables,
        strings(body.get("connectionIds"), "connectionIds"),
        objectList(body.get("kpis"), "kpis"),
        objectList(body.get("checks"), "checks"),
        new LinkedHashSet<>(strings(body.get("skip"), "skip")));
  }

  /** The request in its JSON form, as {@link #fromJson(Map)} reads it. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tables", tables.stream().map(TableRef::name).toList());
    json.put("connectionIds", connectionIds);
    json.put("kpis", kpis);
    json.put("checks", checks);
    json.put("skip", List.copyOf(skip));
    return json;
  }

  private static List<String> strings(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid("'" + field + "' must be a list of strings");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof String text)) {
        throw invalid("'" + field + "' must be a list of strings");
      }
      out.add(text);
    }
    return out;
  }

  private static List<Map<String, Object>> objectList(Object value, String field) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid("'" + field + "' must be a list of objects");
    }
    List<Map<String, Object>> out = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> map)) {
        throw invalid("'" + field + "' must be a list of objects");
      }
      out.add(object(map, field));
    }
    return out;
  }

  private static Map<String, Object> object(Map<?, ?> map, String field) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw invalid("The objects of '" + field + "' must have string keys");
      }
      out.put(key, entry.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<Map<String, Object>> copy(List<? extends Map<String, ?>> definitions) {
    Objects.requireNonNull(definitions, "definitions");
    List<Map<String, Object>> out = new ArrayList<>(definitions.size());
    for (Map<String, ?> definition : definitions) {
      out.add(new LinkedHashMap<>(Objects.requireNonNull(definition, "definition")));
    }
    return out;
  }

  private static List<TableRef> distinctTables(List<TableRef> tables) {
    Map<String, TableRef> byName = new LinkedHashMap<>();
    for (TableRef table : tables) {
      Objects.requireNonNull(table, "table");
      byName.putIfAbsent(table.name().toLowerCase(Locale.ROOT), table);
    }
    return List.copyOf(byName.values());
  }

  private static List<String> connections(List<String> ids) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : ids) {
      if (id == null || id.isBlank()) {
        throw invalid("'connectionIds' must hold connection ids, not blanks");
      }
      out.add(id.trim());
    }
    return List.copyOf(out);
  }

  private static List<Map<String, Object>> objects(List<Map<String, Object>> list, String field) {
    List<Map<String, Object>> out = new ArrayList<>(list.size());
    for (Map<String, Object> item : list) {
      if (item == null) {
        throw invalid("'" + field + "' must be a list of objects, not nulls");
      }
      out.add(object(item, field));
    }
    return Collections.unmodifiableList(out);
  }

  private static Set<String> stages(Set<String> names) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : names) {
      if (name == null || !STAGE_NAME.matcher(name).matches()) {
        throw invalid(
            "'skip' holds stage names such as sync, profile, quality, drift, kpi; got '"
                + shortened(String.valueOf(name))
                + "'");
      }
      out.add(name);
    }
    return Collections.unmodifiableSet(out);
  }

  private static String shortened(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }

  private static UdbException invalid(String message) {
    return new UdbException(ErrorCode.INVALID_ARGUMENT, message);
  }
}

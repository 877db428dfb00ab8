package io.udb.quality.check;

import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of checks: the {@code checks} array of {@code POST /udb/quality}. Each element is
 * an object with a {@code check} name (see {@link CheckType#jsonName()}), the fields of that check
 * and an optional {@code severity} ({@code error} by default), e.g.
 *
 * <pre>{@code
 * {"check": "completeness", "column": "Horsepower", "min": 0.95, "severity": "warning"}
 * {"check": "allowed_values", "column": "Origin", "values": ["USA", "Europe", "Japan"]}
 * {"check": "satisfies", "name": "positive_hp", "predicate": "Horsepower > 0"}
 * }</pre>
 *
 * Bounds are given with {@code min}, {@code max} (inclusive), {@code exclusiveMin}, {@code
 * exclusiveMax} or {@code equals}. The JSON Schema is the class path resource {@value
 * #SCHEMA_RESOURCE}. Parsing is strict: unknown checks and fields, and values of the wrong type,
 * are refused with an {@link InvalidCheckException} naming the index and field.
 */
public final class CheckJson {
  /** The class path resource of the JSON Schema of a quality request. */
  public static final String SCHEMA_RESOURCE = "/io/udb/quality/check/quality-request.schema.json";

  private static final List<String> BOUND_FIELDS =
      List.of("min", "max", "exclusiveMin", "exclusiveMax", "equals");
  private static final Map<CheckType, List<String>> FIELDS = fields();

  private CheckJson() {}

  private static Map<CheckType, List<String>> fields() {
    Map<CheckType, List<String>> fields = new EnumMap<>(CheckType.class);
    List<String> columnAndBound = with(List.of("column"), BOUND_FIELDS);
    fields.put(CheckType.COMPLETENESS, columnAndBound);
    fields.put(CheckType.UNIQUENESS, with(List.of("column", "columns"), BOUND_FIELDS));
    fields.put(CheckType.PRIMARY_KEY, List.of("column", "columns"));
    fields.put(CheckType.DISTINCTNESS, with(List.of("column", "columns"), BOUND_FIELDS));
    fields.put(CheckType.ALLOWED_VALUES, with(List.of("column", "values"), BOUND_FIELDS));
    for (CheckType type :
        List.of(CheckType.MIN, CheckType.MAX, CheckType.MEAN, CheckType.SUM, CheckType.STD)) {
      fields.put(type, columnAndBound);
    }
    fields.put(CheckType.NON_NEGATIVE, List.of("column"));
    fields.put(CheckType.PATTERN, with(List.of("column", "pattern"), BOUND_FIELDS));
    fields.put(CheckType.EMAIL, columnAndBound);
    fields.put(CheckType.URL, columnAndBound);
    fields.put(CheckType.CREDIT_CARD, columnAndBound);
    fields.put(CheckType.DATA_TYPE, with(List.of("column", "type"), BOUND_FIELDS));
    fields.put(CheckType.ROW_COUNT, BOUND_FIELDS);
    fields.put(CheckType.SATISFIES, with(List.of("name", "predicate"), BOUND_FIELDS));
    fields.put(CheckType.FRESHNESS, List.of("column", "maxAge"));
    fields.put(
        CheckType.REFERENTIAL_INTEGRITY,
        with(List.of("column", "referencedTable", "referencedColumn"), BOUND_FIELDS));
    fields.put(CheckType.REQUIRED_COLUMNS, List.of("columns"));
    fields.put(CheckType.FORBIDDEN_COLUMNS, List.of("columns"));
    fields.put(CheckType.COLUMN_TYPE, List.of("column", "type"));
    return fields;
  }

  private static List<String> with(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  /**
   * Parses a {@code checks} array given as JSON text.
   *
   * @param table the table the checks are for
   * @param checksJson the JSON array
   * @return the suite
   * @throws InvalidCheckException when the text or a check is malformed
   */
  public static CheckSuite parseSuite(TableRef table, String checksJson) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(checksJson);
    } catch (JacksonException e) {
      throw new InvalidCheckException(-1, "checks", "not valid JSON: " + e.getOriginalMessage());
    }
    return parseSuite(table, node);
  }

  /**
   * Parses a {@code checks} array.
   *
   * @param table the table the checks are for
   * @param checks the JSON array
   * @return the suite
   * @throws InvalidCheckException when a check is malformed
   */
  public static CheckSuite parseSuite(TableRef table, JsonNode checks) {
    if (checks == null || !checks.isArray()) {
      throw new InvalidCheckException(-1, "checks", "expected an array of checks");
    }
    List<Check> parsed = new ArrayList<>(checks.size());
    for (int i = 0; i < checks.size(); i++) {
      parsed.add(parseCheck(i, checks.get(i)));
    }
    return new CheckSuite(table, parsed);
  }

  /**
   * Parses one check object.
   *
   * @param index its position in the {@code checks} array, for error messages
   * @param node the JSON object
   * @return the check
   * @throws InvalidCheckException when it is malformed
   */
  public static Check parseCheck(int index, JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidCheckException(index, null, "expected an object");
    }
    JsonNode name = node.get("check");
    if (name == null || !name.isString()) {
      throw new InvalidCheckException(index, "check", "missing or not a string");
    }
    CheckType type =
        CheckType.fromJson(name.stringValue())
            .orElseThrow(
                () ->
                    new InvalidCheckException(
                        index,
                        "check",
                        "unknown check '"
                            + printable(name.stringValue())
                            + "'; expected one of "
                            + Arrays.stream(CheckType.values())
                                .map(CheckType::jsonName)
                                .collect(Collectors.joining(", "))));
    List<String> allowed = FIELDS.get(type);
    for (String field : node.propertyNames()) {
      if (!field.equals("check") && !field.equals("severity") && !allowed.contains(field)) {
        throw new InvalidCheckException(
            index,
            printable(field),
            "unknown field for check '"
                + type.jsonName()
                + "'; allowed: check, severity, "
                + String.join(", ", allowed));
      }
    }
    Fields f = new Fields(index, node);
    Severity severity = f.severity();
    try {
      return build(type, f, severity);
    } catch (InvalidCheckException e) {
      throw e;
    } catch (UdbException e) {
      throw new InvalidCheckException(index, null, e.getMessage());
    }
  }

  private static Check build(CheckType type, Fields f, Severity severity) {
    return switch (type) {
      case COMPLETENESS ->
          new Check.Completeness(f.string("column"), f.bound(Bound.eq(1)), severity);
      case UNIQUENESS -> new Check.Uniqueness(f.columns(), f.bound(Bound.eq(1)), severity);
      case PRIMARY_KEY -> new Check.PrimaryKey(f.columns(), severity);
      case DISTINCTNESS -> new Check.Distinctness(f.columns(), f.bound(null), severity);
      case ALLOWED_VALUES ->
          new Check.AllowedValues(f.string("column"), f.values(), f.bound(Bound.eq(1)), severity);
      case MIN, MAX, MEAN, SUM, STD ->
          new Check.Statistic(f.string("column"), type, f.bound(null), severity);
      case NON_NEGATIVE -> new Check.NonNegative(f.string("column"), severity);
      case PATTERN ->
          new Check.Pattern(
              f.string("column"), type, f.string("pattern"), f.bound(Bound.eq(1)), severity);
      case EMAIL, URL, CREDIT_CARD ->
          Check.Pattern.builtIn(f.string("column"), type, f.bound(Bound.eq(1)), severity);
      case DATA_TYPE ->
          new Check.HasDataType(f.string("column"), f.dataType(), f.bound(Bound.eq(1)), severity);
      case ROW_COUNT -> new Check.RowCount(f.bound(null), severity);
      case SATISFIES ->
          new Check.Satisfies(
              f.string("name"), f.string("predicate"), f.bound(Bound.eq(1)), severity);
      case FRESHNESS -> new Check.Freshness(f.string("column"), f.duration("maxAge"), severity);
      case REFERENTIAL_INTEGRITY ->
          new Check.ReferentialIntegrity(
              f.string("column"),
              f.string("referencedTable"),
              f.string("referencedColumn"),
              f.bound(Bound.eq(1)),
              severity);
      case REQUIRED_COLUMNS -> new Check.RequiredColumns(f.stringList("columns"), severity);
      case FORBIDDEN_COLUMNS -> new Check.ForbiddenColumns(f.stringList("columns"), severity);
      case COLUMN_TYPE -> new Check.ColumnType(f.string("column"), f.string("type"), severity);
    };
  }

  /**
   * The JSON form of a suite's checks.
   *
   * @param suite the suite
   * @return the {@code checks} array as JSON-compatible maps
   */
  public static List<Map<String, Object>> toJson(CheckSuite suite) {
    return suite.checks().stream().map(CheckJson::toJson).toList();
  }

  /**
   * The JSON form of one check; {@link #parseCheck} reads it back to an equal check.
   *
   * @param check the check
   * @return a JSON-compatible map
   */
  public static Map<String, Object> toJson(Check check) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("check", check.type().jsonName());
    if (check instanceof Check.Completeness c) {
      json.put("column", c.column());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.Uniqueness c) {
      json.put("columns", c.columns());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.PrimaryKey c) {
      json.put("columns", c.columns());
    } else if (check instanceof Check.Distinctness c) {
      json.put("columns", c.columns());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.AllowedValues c) {
      json.put("column", c.column());
      json.put("values", c.values());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.Statistic c) {
      json.put("column", c.column());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.NonNegative c) {
      json.put("column", c.column());
    } else if (check instanceof Check.Pattern c) {
      json.put("column", c.column());
      if (c.type() == CheckType.PATTERN) {
        json.put("pattern", c.regex());
      }
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.HasDataType c) {
      json.put("column", c.column());
      json.put("type", c.dataType().jsonName());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.RowCount c) {
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.Satisfies c) {
      json.put("name", c.name());
      json.put("predicate", c.predicate());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.Freshness c) {
      json.put("column", c.column());
      json.put("maxAge", c.maxAge().toString());
    } else if (check instanceof Check.ReferentialIntegrity c) {
      json.put("column", c.column());
      json.put("referencedTable", c.referencedTable());
      json.put("referencedColumn", c.referencedColumn());
      json.putAll(c.bound().toJson());
    } else if (check instanceof Check.RequiredColumns c) {
      json.put("columns", c.columns());
    } else if (check instanceof Check.ForbiddenColumns c) {
      json.put("columns", c.columns());
    } else if (check instanceof Check.ColumnType c) {
      json.put("column", c.column());
      json.put("type", c.engineType());
    }
    json.put("severity", check.severity().jsonName());
    return json;
  }

  private static String printable(String raw) {
    String cut = raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** Typed access to the fields of one check object, with errors naming index and field. */
  private static final class Fields {
    private final int index;
    private final JsonNode node;

    Fields(int index, JsonNode node) {
      this.index = index;
      this.node = node;
    }

    Severity severity() {
      JsonNode value = node.get("severity");
      if (value == null) {
        return Severity.ERROR;
      }
      if (!value.isString()) {
        throw invalid("severity", "expected 'warning' or 'error'");
      }
      try {
        return Severity.fromJson(value.stringValue());
      } catch (UdbException e) {
        throw invalid("severity", "expected 'warning' or 'error'");
      }
    }

    String string(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw invalid(field, "required");
      }
      if (!value.isString()) {
        throw invalid(field, "expected a string");
      }
      return value.stringValue();
    }

    List<String> stringList(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw invalid(field, "required");
      }
      if (!value.isArray() || value.isEmpty()) {
        throw invalid(field, "expected a non-empty array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isString()) {
          throw invalid(field, "expected a non-empty array of strings");
        }
        out.add(item.stringValue());
      }
      return out;
    }

    /** {@code column} or {@code columns}, exactly one of them. */
    List<String> columns() {
      boolean one = node.has("column");
      boolean many = node.has("columns");
      if (one == many) {
        throw invalid(one ? "columns" : "column", "give either 'column' or 'columns'");
      }
      return one ? List.of(string("column")) : stringList("columns");
    }

    List<Object> values() {
      JsonNode value = node.get("values");
      if (value == null || !value.isArray() || value.isEmpty()) {
        throw invalid("values", "expected a non-empty array of strings, numbers or booleans");
      }
      Set<Object> out = new LinkedHashSet<>();
      for (JsonNode item : value) {
        if (item.isString()) {
          out.add(item.stringValue());
        } else if (item.isIntegralNumber() && item.canConvertToLong()) {
          out.add(item.longValue());
        } else if (item.isNumber()) {
          out.add(item.doubleValue());
        } else if (item.isBoolean()) {
          out.add(item.booleanValue());
        } else {
          throw invalid("values", "expected strings, numbers or booleans (no nulls or objects)");
        }
      }
      return new ArrayList<>(out);
    }

    DataType dataType() {
      String text = string("type");
      try {
        return DataType.fromJson(text);
      } catch (UdbException e) {
        throw invalid("type", e.getMessage());
      }
    }

    Duration duration(String field) {
      String text = string(field);
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(field, "expected an ISO-8601 duration such as PT24H or P7D");
      }
    }

    /**
     * The bound from {@code min}/{@code max}/{@code exclusiveMin}/{@code exclusiveMax}/{@code
     * equals}, or the default when none is given.
     */
    Bound bound(Bound fallback) {
      Double min = number("min");
      Double max = number("max");
      Double exclusiveMin = number("exclusiveMin");
      Double exclusiveMax = number("exclusiveMax");
      Double equals = number("equals");
      if (equals != null) {
        if (min != null || max != null || exclusiveMin != null || exclusiveMax != null) {
          throw invalid("equals", "cannot be combined with min, max or their exclusive forms");
        }
        return Bound.eq(equals);
      }
      if (min != null && exclusiveMin != null) {
        throw invalid("exclusiveMin", "give either 'min' or 'exclusiveMin'");
      }
      if (max != null && exclusiveMax != null) {
        throw invalid("exclusiveMax", "give either 'max' or 'exclusiveMax'");
      }
      Double low = min != null ? min : exclusiveMin;
      Double high = max != null ? max : exclusiveMax;
      if (low == null && high == null) {
        if (fallback == null) {
          throw invalid(
              "min",
              "this check needs a bound: min, max, exclusiveMin, exclusiveMax" + " or equals");
        }
        return fallback;
      }
      try {
        return new Bound(low, min != null, high, max != null);
      } catch (UdbException e) {
        throw invalid(low != null ? (min != null ? "min" : "exclusiveMin") : "max", e.getMessage());
      }
    }

    private Double number(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
        throw invalid(field, "expected a number");
      }
      return value.doubleValue();
    }

    private InvalidCheckException invalid(String field, String problem) {
      return new InvalidCheckException(index, field, problem);
    }
  }
}

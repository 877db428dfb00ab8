package io.udb.kpi;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes {@link KpiDefinition}s in their JSON and YAML form, the form of {@code POST
 * /udb/kpis}: {@code {"kpis":[{"name","table","measure","aggregation","timeColumn","grain",
 * "filter","dimension",...}]}}.
 *
 * <p>Fields: {@code name}, {@code label}, {@code table}, {@code sql}, {@code measure}, {@code
 * aggregation} ({@code sum}, {@code avg}, {@code count}, {@code count_distinct}, {@code min},
 * {@code max}, {@code median}, {@code percentile} or the short form {@code percentile(90)}, {@code
 * ratio}), {@code percentile}, {@code numerator} and {@code denominator} (objects with {@code
 * measure}, {@code aggregation}, {@code percentile}, {@code filter}), {@code timeColumn}, {@code
 * grain}, {@code filter}, {@code dimension} (a string) or {@code dimensions} (a list), {@code
 * format} ({@code number}, {@code percent}, {@code currency}), {@code unit}, {@code unitPlural},
 * {@code decimals}, {@code target}, {@code warning}, {@code critical}, {@code upIsGood}. Unknown
 * fields are refused, so that a misspelt field never silently changes a KPI.
 *
 * <p>Stateless and thread-safe.
 */
public final class KpiDefinitions {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Pattern PERCENTILE_SHORT =
      Pattern.compile("\\s*percentile\\s*\\(\\s*([0-9]+(?:\\.[0-9]+)?)\\s*\\)\\s*");
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "label",
          "table",
          "sql",
          "measure",
          "aggregation",
          "percentile",
          "numerator",
          "denominator",
          "timeColumn",
          "grain",
          "filter",
          "dimension",
          "dimensions",
          "format",
          "unit",
          "unitPlural",
          "decimals",
          "target",
          "warning",
          "critical",
          "upIsGood");
  private static final Set<String> MEASURE_FIELDS =
      Set.of("measure", "aggregation", "percentile", "filter");

  private KpiDefinitions() {}

  /**
   * Reads one definition from a JSON object.
   *
   * @param json the object's text
   * @return the definition
   * @throws InvalidKpiException for a field that is missing, unknown or malformed
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the text is not a JSON object
   */
  public static KpiDefinition fromJson(String json) {
    return fromTree(parse(Json.mapper(), json, "JSON"));
  }

  /**
   * Reads definitions from JSON: {@code {"kpis":[...]}}, a list, or a single object.
   *
   * @param json the text
   * @return the definitions, in order
   */
  public static List<KpiDefinition> listFromJson(String json) {
    return listFromTree(parse(Json.mapper(), json, "JSON"));
  }

  /**
   * Reads one definition from a YAML mapping.
   *
   * @param yaml the text
   * @return the definition
   */
  public static KpiDefinition fromYaml(String yaml) {
    return fromTree(parse(YAML, yaml, "YAML"));
  }

  /**
   * Reads definitions from YAML: a mapping with {@code kpis}, a sequence, or a single mapping.
   *
   * @param yaml the text
   * @return the definitions, in order
   */
  public static List<KpiDefinition> listFromYaml(String yaml) {
    return listFromTree(parse(YAML, yaml, "YAML"));
  }

  /**
   * Reads definitions from an already parsed request body (maps, lists, strings, numbers).
   *
   * @param body {@code {"kpis":[...]}}
   * @return the definitions, in order
   */
  public static List<KpiDefinition> listFromMap(Map<String, ?> body) {
    return listFromTree(Json.mapper().valueToTree(body));
  }

  /**
   * Reads definitions from a JSON tree: an object with {@code kpis}, an array, or one object.
   *
   * @param tree the tree
   * @return the definitions, in order
   */
  public static List<KpiDefinition> listFromTree(JsonNode tree) {
    JsonNode list = tree;
    if (tree.isObject() && tree.has("kpis")) {
      if (tree.size() != 1) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "A KPI request holds only the field 'kpis'");
      }
      list = tree.get("kpis");
    }
    if (list.isObject()) {
      return List.of(fromTree(list));
    }
    if (!list.isArray()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "'kpis' must be a list of KPI definitions");
    }
    List<KpiDefinition> out = new ArrayList<>(list.size());
    for (JsonNode item : list) {
      out.add(fromTree(item));
    }
    return List.copyOf(out);
  }

  /**
   * Reads one definition from a JSON object tree.
   *
   * @param node the object
   * @return the definition
   */
  public static KpiDefinition fromTree(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "A KPI definition must be an object with at least a name");
    }
    String kpi = node.has("name") && node.get("name").isString() ? node.get("name").asString() : "";
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new InvalidKpiException(
            kpi, field.getKey(), "unknown field; known fields are " + String.join(", ", sorted()));
      }
    }
    Reader in = new Reader(kpi, node, "");
    KpiDefinition.Builder builder =
        KpiDefinition.builder(in.string("name"))
            .label(in.string("label"))
            .table(in.string("table"))
            .sql(in.string("sql"))
            .measure(in.string("measure"))
            .filter(in.string("filter"));
    AggregationSpec aggregation = in.aggregation();
    builder.aggregation(aggregation.aggregation());
    Double percentile = in.number("percentile");
    if (aggregation.percentile() != null) {
      if (percentile != null) {
        throw new InvalidKpiException(
            kpi, "percentile", "give the percentile either in aggregation or here, not both");
      }
      percentile = aggregation.percentile();
    }
    if (percentile != null) {
      builder.percentile(percentile);
      builder.aggregation(aggregation.aggregation());
    }
    Measure numerator = in.measure("numerator");
    Measure denominator = in.measure("denominator");
    if (numerator != null || denominator != null) {
      builder.ratio(numerator, denominator);
      builder.aggregation(aggregation.aggregation());
    }
    builder.time(in.string("timeColumn"), in.grain());
    builder.dimensions(in.dimensions());
    builder.format(in.format());
    Double target = in.number("target");
    if (target != null) {
      builder.target(target);
    }
    builder.thresholds(in.number("warning"), in.number("critical"));
    Boolean upIsGood = in.bool("upIsGood");
    builder.upIsGood(upIsGood == null || upIsGood);
    return builder.build();
  }

  /**
   * The JSON form of a definition, without absent fields.
   *
   * @param definition the definition
   * @return a map of JSON-compatible values
   */
  public static Map<String, Object> toMap(KpiDefinition definition) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", definition.name());
    putIfPresent(out, "label", definition.label());
    putIfPresent(out, "table", definition.table());
    putIfPresent(out, "sql", definition.sql());
    putIfPresent(out, "measure", definition.measure());
    if (definition.aggregation() != null) {
      out.put("aggregation", definition.aggregation().externalName());
    }
    putIfPresent(out, "percentile", definition.percentile());
    if (definition.numerator() != null) {
      out.put("numerator", measureToMap(definition.numerator()));
      out.put("denominator", measureToMap(definition.denominator()));
    }
    putIfPresent(out, "timeColumn", definition.timeColumn());
    if (definition.grain() != null) {
      out.put("grain", definition.grain().externalName());
    }
    putIfPresent(out, "filter", definition.filter());
    if (!definition.dimensions().isEmpty()) {
      out.put("dimensions", definition.dimensions());
    }
    KpiFormat format = definition.format();
    if (format.style() != KpiFormat.Style.NUMBER) {
      out.put("format", format.style().name().toLowerCase(Locale.ROOT));
    }
    putIfPresent(out, "unit", format.unit());
    putIfPresent(out, "unitPlural", format.unitPlural());
    putIfPresent(out, "decimals", format.decimals());
    putIfPresent(out, "target", definition.target());
    putIfPresent(out, "warning", definition.warning());
    putIfPresent(out, "critical", definition.critical());
    if (!definition.upIsGood()) {
      out.put("upIsGood", false);
    }
    return out;
  }

  /**
   * The JSON text {@code {"kpis":[...]}} of definitions.
   *
   * @param definitions the definitions
   * @return compact JSON
   */
  public static String toJson(List<KpiDefinition> definitions) {
    return Json.write(Map.of("kpis", definitions.stream().map(KpiDefinitions::toMap).toList()));
  }

  /**
   * The YAML text of definitions, a mapping with {@code kpis}.
   *
   * @param definitions the definitions
   * @return YAML
   */
  public static String toYaml(List<KpiDefinition> definitions) {
    try {
      return YAML.writeValueAsString(
          Map.of("kpis", definitions.stream().map(KpiDefinitions::toMap).toList()));
    } catch (JacksonException e) {
      throw new UdbException(ErrorCode.INTERNAL, "Cannot write KPI definitions as YAML", e);
    }
  }

  static Map<String, Object> measureToMap(Measure measure) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfPresent(out, "measure", measure.expression());
    out.put("aggregation", measure.aggregation().externalName());
    putIfPresent(out, "percentile", measure.percentile());
    putIfPresent(out, "filter", measure.filter());
    return out;
  }

  private static void putIfPresent(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }

  private static List<String> sorted() {
    return FIELDS.stream().sorted().toList();
  }

  private static JsonNode parse(ObjectMapper mapper, String text, String kind) {
    if (text == null || text.isBlank()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The KPI " + kind + " text is empty");
    }
    try {
      return mapper.readTree(text);
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "The KPI definitions are not valid " + kind + ": " + e.getOriginalMessage(),
          e);
    }
  }

  private record AggregationSpec(Aggregation aggregation, Double percentile) {}

  /** Typed access to the fields of one definition object, with errors naming the field. */
  private static final class Reader {
    private final String kpi;
    private final JsonNode node;
    private final String prefix;

    Reader(String kpi, JsonNode node, String prefix) {
      this.kpi = kpi;
      this.node = node;
      this.prefix = prefix;
    }

    private Optional<JsonNode> field(String field) {
      JsonNode value = node.get(field);
      return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    String string(String field) {
      Optional<JsonNode> value = field(field);
      if (value.isEmpty()) {
        return null;
      }
      if (!value.get().isString()) {
        throw new InvalidKpiException(kpi, prefix + field, "must be a string");
      }
      return value.get().asString();
    }

    Double number(String field) {
      Optional<JsonNode> value = field(field);
      if (value.isEmpty()) {
        return null;
      }
      if (!value.get().isNumber()) {
        throw new InvalidKpiException(kpi, prefix + field, "must be a number");
      }
      return value.get().asDouble();
    }

    Boolean bool(String field) {
      Optional<JsonNode> value = field(field);
      if (value.isEmpty()) {
        return null;
      }
      if (!value.get().isBoolean()) {
        throw new InvalidKpiException(kpi, prefix + field, "must be true or false");
      }
      return value.get().asBoolean();
    }

    AggregationSpec aggregation() {
      String text = string("aggregation");
      if (text == null) {
        return new AggregationSpec(null, null);
      }
      Matcher shortForm = PERCENTILE_SHORT.matcher(text.toLowerCase(Locale.ROOT));
      if (shortForm.matches()) {
        return new AggregationSpec(Aggregation.PERCENTILE, Double.parseDouble(shortForm.group(1)));
      }
      return new AggregationSpec(
          Aggregation.byName(text)
              .orElseThrow(
                  () ->
                      new InvalidKpiException(
                          kpi,
                          prefix + "aggregation",
                          "must be one of sum, avg, count, count_distinct, min, max, median,"
                              + " percentile, percentile(p), ratio; got '"
                              + text
                              + "'")),
          null);
    }

    Grain grain() {
      String text = string("grain");
      if (text == null) {
        return null;
      }
      return Grain.byName(text)
          .orElseThrow(
              () ->
                  new InvalidKpiException(
                      kpi,
                      "grain",
                      "must be one of day, week, month, quarter, year; got '" + text + "'"));
    }

    Measure measure(String field) {
      Optional<JsonNode> value = field(field);
      if (value.isEmpty()) {
        return null;
      }
      if (!value.get().isObject()) {
        throw new InvalidKpiException(
            kpi, field, "must be an object with measure, aggregation, percentile and filter");
      }
      for (Map.Entry<String, JsonNode> entry : value.get().properties()) {
        if (!MEASURE_FIELDS.contains(entry.getKey())) {
          throw new InvalidKpiException(
              kpi,
              field + "." + entry.getKey(),
              "unknown field; known fields are aggregation, filter, measure, percentile");
        }
      }
      Reader part = new Reader(kpi, value.get(), field + ".");
      AggregationSpec aggregation = part.aggregation();
      if (aggregation.aggregation() == null) {
        throw new InvalidKpiException(kpi, field + ".aggregation", "is required");
      }
      Double percentile = part.number("percentile");
      if (aggregation.percentile() != null) {
        percentile = aggregation.percentile();
      }
      return new Measure(
          part.string("measure"), aggregation.aggregation(), percentile, part.string("filter"));
    }

    List<String> dimensions() {
      Optional<JsonNode> one = field("dimension");
      Optional<JsonNode> many = field("dimensions");
      if (one.isPresent() && many.isPresent()) {
        throw new InvalidKpiException(
            kpi, "dimensions", "give either dimension or dimensions, not both");
      }
      JsonNode value = one.orElse(many.orElse(null));
      String field = one.isPresent() ? "dimension" : "dimensions";
      if (value == null) {
        return List.of();
      }
      if (value.isString()) {
        return List.of(value.asString());
      }
      if (!value.isArray()) {
        throw new InvalidKpiException(kpi, field, "must be a column name or a list of them");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isString()) {
          throw new InvalidKpiException(kpi, field, "must list column names as strings");
        }
        out.add(item.asString());
      }
      return out;
    }

    KpiFormat format() {
      String style = string("format");
      KpiFormat.Style parsed = KpiFormat.Style.NUMBER;
      if (style != null) {
        parsed =
            switch (style.trim().toLowerCase(Locale.ROOT)) {
              case "number" -> KpiFormat.Style.NUMBER;
              case "percent" -> KpiFormat.Style.PERCENT;
              case "currency" -> KpiFormat.Style.CURRENCY;
              default ->
                  throw new InvalidKpiException(
                      kpi, "format", "must be number, percent or currency; got '" + style + "'");
            };
      }
      Double decimals = number("decimals");
      if (decimals != null && decimals != Math.rint(decimals)) {
        throw new InvalidKpiException(kpi, "decimals", "must be a whole number");
      }
      try {
        return new KpiFormat(
            parsed,
            string("unit"),
            string("unitPlural"),
            decimals == null ? null : decimals.intValue());
      } catch (UdbException e) {
        throw new InvalidKpiException(kpi, "format", e.getMessage());
      }
    }
  }
}

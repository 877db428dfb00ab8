package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON form of {@link ChartSpec}. Read field by field rather than by data binding, so that
 * every error names the field and says what it accepts.
 */
final class ChartSpecJson {
  private static final List<String> FIELDS =
      List.of(
          "type",
          "title",
          "x",
          "y",
          "series",
          "value",
          "xLabel",
          "yLabel",
          "width",
          "height",
          "grain",
          "numberFormat",
          "unit",
          "orientation",
          "stacked",
          "topN",
          "bins");

  private ChartSpecJson() {}

  static ChartSpec read(String json) {
    if (json == null) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Chart spec is missing");
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Chart spec is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return read(root);
  }

  static ChartSpec read(Map<String, ?> fields) {
    if (fields == null) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Chart spec is missing");
    }
    JsonNode root;
    try {
      root = Json.mapper().valueToTree(fields);
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart spec holds a value that is not JSON-compatible: " + e.getOriginalMessage(),
          e);
    }
    return read(root);
  }

  static String write(ChartSpec spec) {
    return Json.write(spec.toMap());
  }

  static String names(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(value -> value.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private static ChartSpec read(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart spec must be a JSON object such as {\"type\":\"line\"}");
    }
    for (String name : root.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Chart spec field '"
                + name
                + "' is not known; the fields are "
                + String.join(", ", FIELDS));
      }
    }
    String typeName = text(root, "type");
    if (typeName == null) {
      throw ChartSpec.invalid("type", "is required: one of " + names(ChartType.values()));
    }
    ChartSpec.Builder builder =
        ChartSpec.builder(choice(typeName, "type", ChartType.values(), ChartType::fromJsonName));
    builder
        .title(text(root, "title"))
        .x(text(root, "x"))
        .y(text(root, "y"))
        .series(text(root, "series"))
        .value(text(root, "value"))
        .xLabel(text(root, "xLabel"))
        .yLabel(text(root, "yLabel"))
        .numberFormat(text(root, "numberFormat"))
        .unit(text(root, "unit"))
        .topN(integer(root, "topN"))
        .bins(integer(root, "bins"));
    Integer width = integer(root, "width");
    Integer height = integer(root, "height");
    builder.size(
        width == null ? ChartSpec.DEFAULT_WIDTH : width,
        height == null ? ChartSpec.DEFAULT_HEIGHT : height);
    String grain = text(root, "grain");
    if (grain != null) {
      builder.grain(choice(grain, "grain", DateGrain.values(), DateGrain::fromJsonName));
    }
    String orientation = text(root, "orientation");
    if (orientation != null) {
      builder.orientation(
          choice(
              orientation, "orientation", BarOrientation.values(), BarOrientation::fromJsonName));
    }
    Boolean stacked = bool(root, "stacked");
    builder.stacked(stacked != null && stacked);
    return builder.build();
  }

  private static <E extends Enum<E>> E choice(
      String name, String field, E[] values, Function<String, Optional<E>> lookup) {
    return lookup
        .apply(name)
        .orElseThrow(
            () ->
                ChartSpec.invalid(
                    field, "must be one of " + names(values) + ", got '" + name + "'"));
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw ChartSpec.invalid(field, "must be a string, got " + describe(node));
    }
    return node.stringValue();
  }

  private static Integer integer(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw ChartSpec.invalid(field, "must be a whole number, got " + describe(node));
    }
    return node.intValue();
  }

  private static Boolean bool(JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw ChartSpec.invalid(field, "must be true or false, got " + describe(node));
    }
    return node.booleanValue();
  }

  private static String describe(JsonNode node) {
    String text = node.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}

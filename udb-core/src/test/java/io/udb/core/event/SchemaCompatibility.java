package io.udb.core.event;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds the changes from a released JSON Schema to its current form that can break a consumer
 * written against the released one: a property removed, a property newly required, a type narrowed
 * ({@code type} losing a member or appearing, {@code enum} losing a value or appearing, {@code
 * const} appearing or changing, a length, range, pattern or format constraint added or changed,
 * {@code additionalProperties: false} appearing), a {@code $ref} retargeted.
 */
final class SchemaCompatibility {
  private static final List<String> CONSTRAINTS =
      List.of(
          "pattern",
          "format",
          "minLength",
          "maxLength",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minItems",
          "maxItems");

  private SchemaCompatibility() {}

  /**
   * The breaking changes, each as {@code <path>: <what>}; empty when compatible.
   *
   * @param released the released schema
   * @param current the schema now
   */
  static List<String> breakingChanges(Map<String, Object> released, Map<String, Object> current) {
    List<String> problems = new ArrayList<>();
    compare("$", released, current, problems);
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static void compare(
      String path, Map<String, Object> released, Map<String, Object> current, List<String> out) {
    Set<String> releasedTypes = types(released.get("type"));
    Set<String> currentTypes = types(current.get("type"));
    if (currentTypes != null
        && (releasedTypes == null || !currentTypes.containsAll(releasedTypes))) {
      out.add(path + ": type narrowed from " + describe(releasedTypes) + " to " + currentTypes);
    }
    if (current.containsKey("enum")) {
      List<Object> now = (List<Object>) current.get("enum");
      List<Object> before = (List<Object>) released.get("enum");
      if (before == null || !now.containsAll(before)) {
        out.add(path + ": enum narrowed from " + describe(before) + " to " + now);
      }
    }
    if (current.containsKey("const")
        && !Objects.equals(current.get("const"), released.get("const"))) {
      out.add(
          path + ": const changed from " + released.get("const") + " to " + current.get("const"));
    }
    for (String constraint : CONSTRAINTS) {
      if (current.containsKey(constraint)
          && !Objects.equals(current.get(constraint), released.get(constraint))) {
        out.add(
            path
                + ": "
                + constraint
                + " changed from "
                + released.get(constraint)
                + " to "
                + current.get(constraint));
      }
    }
    if (Boolean.FALSE.equals(current.get("additionalProperties"))
        && !Boolean.FALSE.equals(released.get("additionalProperties"))) {
      out.add(path + ": additionalProperties became false");
    }
    if (!Objects.equals(released.get("$ref"), current.get("$ref"))) {
      out.add(path + ": $ref changed from " + released.get("$ref") + " to " + current.get("$ref"));
    }
    Set<Object> newlyRequired = new HashSet<>(list(current.get("required")));
    newlyRequired.removeAll(list(released.get("required")));
    if (!newlyRequired.isEmpty()) {
      out.add(path + ": newly required " + newlyRequired);
    }
    Map<String, Object> before = map(released.get("properties"));
    Map<String, Object> now = map(current.get("properties"));
    for (Map.Entry<String, Object> property : before.entrySet()) {
      String child = path + ".properties." + property.getKey();
      if (!now.containsKey(property.getKey())) {
        out.add(child + ": removed");
      } else {
        compare(child, map(property.getValue()), map(now.get(property.getKey())), out);
      }
    }
    if (released.get("items") instanceof Map<?, ?> items && current.get("items") != null) {
      compare(path + ".items", (Map<String, Object>) items, map(current.get("items")), out);
    } else if (released.get("items") == null && current.get("items") != null) {
      out.add(path + ".items: constrained");
    }
    List<Object> allBefore = list(released.get("allOf"));
    List<Object> allNow = list(current.get("allOf"));
    for (int i = 0; i < allNow.size(); i++) {
      if (i >= allBefore.size()) {
        out.add(path + ".allOf[" + i + "]: added");
      } else {
        compare(path + ".allOf[" + i + "]", map(allBefore.get(i)), map(allNow.get(i)), out);
      }
    }
  }

  private static Set<String> types(Object type) {
    if (type == null) {
      return null;
    }
    Set<String> out = new HashSet<>();
    if (type instanceof List<?> list) {
      list.forEach(t -> out.add(String.valueOf(t)));
    } else {
      out.add(String.valueOf(type));
    }
    // An integer is a number: widening integer to number is compatible.
    if (out.contains("number")) {
      out.add("integer");
    }
    return out;
  }

  private static String describe(Object before) {
    return before == null ? "anything" : before.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}

package io.udb.ingest.connection;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a connection's configuration against its connector's JSON Schema (draft 2020-12) at run
 * time. It implements the assertion keywords configuration schemas use: {@code type}, {@code enum},
 * {@code const}, numeric and string bounds, {@code pattern}, {@code items}, {@code prefixItems},
 * {@code uniqueItems}, {@code required}, {@code properties}, {@code patternProperties}, {@code
 * additionalProperties}, {@code propertyNames}, {@code dependentRequired}, {@code allOf}/{@code
 * anyOf}/{@code oneOf}/{@code not}, {@code if}/{@code then}/{@code else} and local {@code $ref}s
 * ({@code #/...}). As the specification says, unknown keywords are annotations and ignored; {@code
 * format} is not asserted.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigSchemaValidator {
  private static final int MAX_DEPTH = 64;

  private final Map<String, Object> root;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  private ConfigSchemaValidator(Map<String, Object> root) {
    this.root = root;
  }

  /**
   * Reads a schema.
   *
   * @param schemaJson the schema's JSON text
   * @return the validator
   * @throws UdbException with {@code PLUGIN_BROKEN} when the text is not a JSON object
   */
  public static ConfigSchemaValidator of(String schemaJson) {
    Objects.requireNonNull(schemaJson, "schemaJson");
    try {
      return new ConfigSchemaValidator(Json.readObject(schemaJson));
    } catch (UdbException e) {
      throw new UdbException(
          ErrorCode.PLUGIN_BROKEN, "A connector's configuration schema is not a JSON object", e);
    }
  }

  /**
   * Validates a value.
   *
   * @param instance the configuration in its JSON form
   * @return one message per violation, each starting with the JSON pointer of the offending value;
   *     empty when valid
   */
  public List<String> validate(Object instance) {
    List<String> violations = new ArrayList<>();
    validate(root, instance, "", violations, 0);
    return List.copyOf(violations);
  }

  private void validate(Object schema, Object instance, String path, List<String> out, int depth) {
    if (depth > MAX_DEPTH) {
      out.add(at(path) + "the schema nests too deeply (a $ref cycle?)");
      return;
    }
    if (schema instanceof Boolean allowed) {
      if (!allowed) {
        out.add(at(path) + "is not allowed");
      }
      return;
    }
    if (!(schema instanceof Map<?, ?> s)) {
      return;
    }
    if (s.get("$ref") instanceof String ref) {
      validate(resolve(ref, path, out), instance, path, out, depth + 1);
    }
    Object type = s.get("type");
    if (type != null && !matchesType(type, instance)) {
      out.add(at(path) + "must be of type " + describeType(type));
      return;
    }
    if (s.get("enum") instanceof List<?> options
        && options.stream().noneMatch(o -> jsonEquals(o, instance))) {
      out.add(at(path) + "must be one of " + Json.write(options));
    }
    if (s.containsKey("const") && !jsonEquals(s.get("const"), instance)) {
      out.add(at(path) + "must be " + Json.write(s.get("const")));
    }
    if (instance instanceof Number number && !(instance instanceof Double d && d.isNaN())) {
      numeric(s, decimal(number), path, out);
    } else if (instance instanceof String text) {
      string(s, text, path, out);
    } else if (instance instanceof List<?> list) {
      array(s, list, path, out, depth);
    } else if (instance instanceof Map<?, ?> object) {
      object(s, object, path, out, depth);
    }
    combinators(s, instance, path, out, depth);
  }

  private void numeric(Map<?, ?> s, BigDecimal value, String path, List<String> out) {
    if (s.get("minimum") instanceof Number min && value.compareTo(decimal(min)) < 0) {
      out.add(at(path) + "must be at least " + plain(min));
    }
    if (s.get("maximum") instanceof Number max && value.compareTo(decimal(max)) > 0) {
      out.add(at(path) + "must be at most " + plain(max));
    }
    if (s.get("exclusiveMinimum") instanceof Number min && value.compareTo(decimal(min)) <= 0) {
      out.add(at(path) + "must be greater than " + plain(min));
    }
    if (s.get("exclusiveMaximum") instanceof Number max && value.compareTo(decimal(max)) >= 0) {
      out.add(at(path) + "must be less than " + plain(max));
    }
    if (s.get("multipleOf") instanceof Number factor
        && decimal(factor).signum() > 0
        && value.remainder(decimal(factor)).signum() != 0) {
      out.add(at(path) + "must be a multiple of " + plain(factor));
    }
  }

  private void string(Map<?, ?> s, String text, String path, List<String> out) {
    int length = text.codePointCount(0, text.length());
    if (s.get("minLength") instanceof Number min && length < min.longValue()) {
      out.add(at(path) + "must have at least " + min + " characters");
    }
    if (s.get("maxLength") instanceof Number max && length > max.longValue()) {
      out.add(at(path) + "must have at most " + max + " characters");
    }
    if (s.get("pattern") instanceof String regex && !pattern(regex).matcher(text).find()) {
      out.add(at(path) + "must match the pattern " + regex);
    }
  }

  private void array(Map<?, ?> s, List<?> list, String path, List<String> out, int depth) {
    int prefix = 0;
    if (s.get("prefixItems") instanceof List<?> prefixItems) {
      prefix = Math.min(prefixItems.size(), list.size());
      for (int i = 0; i < prefix; i++) {
        validate(prefixItems.get(i), list.get(i), path + "/" + i, out, depth + 1);
      }
    }
    if (s.containsKey("items")) {
      for (int i = prefix; i < list.size(); i++) {
        validate(s.get("items"), list.get(i), path + "/" + i, out, depth + 1);
      }
    }
    if (s.get("minItems") instanceof Number min && list.size() < min.longValue()) {
      out.add(at(path) + "must have at least " + min + " items");
    }
    if (s.get("maxItems") instanceof Number max && list.size() > max.longValue()) {
      out.add(at(path) + "must have at most " + max + " items");
    }
    if (Boolean.TRUE.equals(s.get("uniqueItems"))) {
      for (int i = 0; i < list.size(); i++) {
        for (int j = i + 1; j < list.size(); j++) {
          if (jsonEquals(list.get(i), list.get(j))) {
            out.add(at(path) + "must not repeat items (items " + i + " and " + j + " are equal)");
            return;
          }
        }
      }
    }
  }

  private void object(Map<?, ?> s, Map<?, ?> object, String path, List<String> out, int depth) {
    if (s.get("required") instanceof List<?> required) {
      for (Object name : required) {
        if (!object.containsKey(name)) {
          out.add(at(path + "/" + escape(String.valueOf(name))) + "is required");
        }
      }
    }
    if (s.get("dependentRequired") instanceof Map<?, ?> dependent) {
      for (Map.Entry<?, ?> entry : dependent.entrySet()) {
        if (object.containsKey(entry.getKey()) && entry.getValue() instanceof List<?> needed) {
          for (Object name : needed) {
            if (!object.containsKey(name)) {
              out.add(
                  at(path + "/" + escape(String.valueOf(name)))
                      + "is required when '"
                      + entry.getKey()
                      + "' is set");
            }
          }
        }
      }
    }
    if (s.get("minProperties") instanceof Number min && object.size() < min.longValue()) {
      out.add(at(path) + "must have at least " + min + " entries");
    }
    if (s.get("maxProperties") instanceof Number max && object.size() > max.longValue()) {
      out.add(at(path) + "must have at most " + max + " entries");
    }
    Map<?, ?> properties = s.get("properties") instanceof Map<?, ?> p ? p : Map.of();
    Map<?, ?> patternProperties = s.get("patternProperties") instanceof Map<?, ?> p ? p : Map.of();
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String name = String.valueOf(entry.getKey());
      String childPath = path + "/" + escape(name);
      if (s.containsKey("propertyNames")) {
        List<String> nameViolations = new ArrayList<>();
        validate(s.get("propertyNames"), name, childPath, nameViolations, depth + 1);
        for (String violation : nameViolations) {
          out.add("name " + violation);
        }
      }
      boolean matched = false;
      if (properties.containsKey(name)) {
        matched = true;
        validate(properties.get(name), entry.getValue(), childPath, out, depth + 1);
      }
      for (Map.Entry<?, ?> patterned : patternProperties.entrySet()) {
        if (pattern(String.valueOf(patterned.getKey())).matcher(name).find()) {
          matched = true;
          validate(patterned.getValue(), entry.getValue(), childPath, out, depth + 1);
        }
      }
      if (!matched && s.containsKey("additionalProperties")) {
        Object additional = s.get("additionalProperties");
        if (Boolean.FALSE.equals(additional)) {
          out.add(at(childPath) + "is not a known setting");
        } else {
          validate(additional, entry.getValue(), childPath, out, depth + 1);
        }
      }
    }
  }

  private void combinators(Map<?, ?> s, Object instance, String path, List<String> out, int depth) {
    if (s.get("allOf") instanceof List<?> all) {
      for (Object sub : all) {
        validate(sub, instance, path, out, depth + 1);
      }
    }
    if (s.get("anyOf") instanceof List<?> any) {
      List<List<String>> failures = alternatives(any, instance, path, depth);
      if (failures.stream().noneMatch(List::isEmpty)) {
        out.add(at(path) + "must satisfy one of: " + describe(failures));
      }
    }
    if (s.get("oneOf") instanceof List<?> one) {
      List<List<String>> failures = alternatives(one, instance, path, depth);
      long matches = failures.stream().filter(List::isEmpty).count();
      if (matches == 0) {
        out.add(at(path) + "must satisfy exactly one of: " + describe(failures));
      } else if (matches > 1) {
        out.add(at(path) + "satisfies " + matches + " alternatives where exactly one is allowed");
      }
    }
    if (s.containsKey("not")) {
      List<String> inner = new ArrayList<>();
      validate(s.get("not"), instance, path, inner, depth + 1);
      if (inner.isEmpty()) {
        out.add(at(path) + "must not match " + Json.write(s.get("not")));
      }
    }
    if (s.containsKey("if")) {
      List<String> condition = new ArrayList<>();
      validate(s.get("if"), instance, path, condition, depth + 1);
      Object branch = condition.isEmpty() ? s.get("then") : s.get("else");
      if (branch != null) {
        validate(branch, instance, path, out, depth + 1);
      }
    }
  }

  private List<List<String>> alternatives(
      List<?> schemas, Object instance, String path, int depth) {
    List<List<String>> failures = new ArrayList<>();
    for (Object sub : schemas) {
      List<String> violations = new ArrayList<>();
      validate(sub, instance, path, violations, depth + 1);
      failures.add(violations);
    }
    return failures;
  }

  private static String describe(List<List<String>> failures) {
    List<String> parts = new ArrayList<>();
    for (List<String> failure : failures) {
      parts.add(failure.isEmpty() ? "(valid)" : "(" + String.join("; ", failure) + ")");
    }
    return String.join(" | ", parts);
  }

  private Object resolve(String ref, String path, List<String> out) {
    if (!ref.startsWith("#")) {
      out.add(at(path) + "cannot resolve the schema reference " + ref);
      return true;
    }
    Object node = root;
    String pointer = ref.substring(1);
    if (pointer.isEmpty()) {
      return root;
    }
    for (String token : pointer.substring(1).split("/", -1)) {
      String key = token.replace("~1", "/").replace("~0", "~");
      if (node instanceof Map<?, ?> map && map.containsKey(key)) {
        node = map.get(key);
      } else {
        out.add(at(path) + "cannot resolve the schema reference " + ref);
        return true;
      }
    }
    return node;
  }

  private Pattern pattern(String regex) {
    return patterns.computeIfAbsent(
        regex,
        r -> {
          try {
            return Pattern.compile(r);
          } catch (PatternSyntaxException e) {
            throw new UdbException(
                ErrorCode.PLUGIN_BROKEN, "A configuration schema has an invalid pattern: " + r, e);
          }
        });
  }

  private static boolean matchesType(Object type, Object instance) {
    if (type instanceof List<?> types) {
      return types.stream().anyMatch(t -> matchesType(t, instance));
    }
    return switch (String.valueOf(type)) {
      case "object" -> instance instanceof Map<?, ?>;
      case "array" -> instance instanceof List<?>;
      case "string" -> instance instanceof String;
      case "boolean" -> instance instanceof Boolean;
      case "null" -> instance == null;
      case "number" -> instance instanceof Number;
      case "integer" -> instance instanceof Number n && isIntegral(n);
      default -> true;
    };
  }

  private static String describeType(Object type) {
    return type instanceof List<?> types
        ? String.join(" or ", types.stream().map(String::valueOf).toList())
        : String.valueOf(type);
  }

  private static boolean isIntegral(Number number) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      return !Double.isInfinite(d) && d == Math.rint(d);
    }
    BigDecimal value = decimal(number);
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof BigDecimal d) {
      return d;
    }
    if (number instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (number instanceof Double || number instanceof Float) {
      return BigDecimal.valueOf(number.doubleValue());
    }
    return BigDecimal.valueOf(number.longValue());
  }

  private static String plain(Number number) {
    return decimal(number).stripTrailingZeros().toPlainString();
  }

  /** JSON equality: numbers by value, objects by entries, arrays by items in order. */
  private static boolean jsonEquals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return decimal(x).compareTo(decimal(y)) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!y.containsKey(entry.getKey())
            || !jsonEquals(entry.getValue(), y.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!jsonEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static String at(String path) {
    return (path.isEmpty() ? "/" : path) + ": ";
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}

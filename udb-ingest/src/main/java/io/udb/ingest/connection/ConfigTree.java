package io.udb.ingest.connection;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a connection's configuration from its JSON form (what clients send and what the connector's
 * JSON Schema describes) into the flat {@link Settings} connectors read: nested objects become
 * dotted keys ({@code {"streams":{"orders":{"query":"..."}}}} → {@code streams.orders.query}),
 * arrays of scalars comma-separated values, numbers and booleans their text; {@code null}s are left
 * out.
 *
 * <p>Keys must therefore not contain dots, and array items no commas; arrays of objects cannot be
 * expressed. Such configurations are refused with {@code INVALID_ARGUMENT}.
 */
public final class ConfigTree {
  private ConfigTree() {}

  /**
   * Flattens a configuration.
   *
   * @param config the JSON form: maps, lists, strings, numbers, booleans, nulls
   * @return the settings
   * @throws UdbException with {@code INVALID_ARGUMENT} naming the offending path
   */
  public static Settings toSettings(Map<String, ?> config) {
    Map<String, String> flat = new TreeMap<>();
    flatten("", config, flat);
    return Settings.of(flat);
  }

  private static void flatten(String prefix, Map<?, ?> object, Map<String, String> out) {
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String key = String.valueOf(entry.getKey());
      if (key.isEmpty() || key.indexOf('.') >= 0) {
        throw invalid(
            "Configuration key '" + prefix + key + "' must be non-empty and must not contain '.'");
      }
      String path = prefix + key;
      Object value = entry.getValue();
      if (value == null) {
        continue;
      }
      if (value instanceof Map<?, ?> nested) {
        flatten(path + ".", nested, out);
      } else if (value instanceof List<?> list) {
        out.put(path, joined(path, list));
      } else {
        out.put(path, scalar(path, value));
      }
    }
  }

  private static String joined(String path, List<?> list) {
    List<String> items = new ArrayList<>(list.size());
    for (Object item : list) {
      if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
        throw invalid("Configuration '" + path + "' may only list strings, numbers or booleans");
      }
      String text = scalar(path, item);
      if (text.indexOf(',') >= 0 || text.isBlank()) {
        throw invalid("Items of configuration '" + path + "' must not be blank or contain a comma");
      }
      items.add(text.trim());
    }
    return String.join(",", items);
  }

  private static String scalar(String path, Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw invalid(
        "Configuration '" + path + "' has a value of unsupported type " + value.getClass());
  }

  private static UdbException invalid(String message) {
    return new UdbException(ErrorCode.INVALID_ARGUMENT, message);
  }
}

package io.udb.quality.profile;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A single-row aggregate query assembled from many expressions, each remembered by its position, so
 * that one scan computes every statistic of every column. Parameters are kept in the order their
 * placeholders appear.
 */
final class AggregateQuery {
  private final List<String> expressions = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();

  /**
   * Adds an expression.
   *
   * @param expression a SQL aggregate expression
   * @param values the values of its placeholders, in order
   * @return its position in the result row
   */
  int add(String expression, Object... values) {
    expressions.add(expression);
    Collections.addAll(parameters, values);
    return expressions.size() - 1;
  }

  boolean isEmpty() {
    return expressions.isEmpty();
  }

  /** The statement selecting every expression from {@code from} (which has no placeholders). */
  String sql(String from) {
    return "SELECT " + String.join(", ", expressions) + " FROM " + from;
  }

  List<Object> parameters() {
    return List.copyOf(parameters);
  }

  /** Typed access to one result row. */
  record Row(List<Object> values) {
    Object get(int index) {
      return values.get(index);
    }

    long longValue(int index) {
      Object value = values.get(index);
      return value == null ? 0 : ((Number) value).longValue();
    }

    Long longOrNull(int index) {
      Object value = values.get(index);
      return value == null ? null : ((Number) value).longValue();
    }

    Double doubleOrNull(int index) {
      return toDouble(values.get(index));
    }

    List<Object> list(int index) {
      Object value = values.get(index);
      if (value == null) {
        return List.of();
      }
      List<Object> out = new ArrayList<>();
      for (Object item : (List<?>) value) {
        out.add(item);
      }
      return out;
    }

    Map<?, ?> map(int index) {
      Object value = values.get(index);
      return value == null ? Map.of() : (Map<?, ?>) value;
    }
  }

  /** A number as a double, {@code null} for null; big integers and decimals included. */
  static Double toDouble(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.doubleValue();
    }
    if (value instanceof BigInteger integer) {
      return integer.doubleValue();
    }
    return ((Number) value).doubleValue();
  }
}

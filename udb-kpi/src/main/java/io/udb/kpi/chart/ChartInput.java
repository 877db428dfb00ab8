package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A spec's view of its data: the columns its fields name, checked to exist and to hold what the
 * chart type needs, with errors that name the field.
 *
 * @param spec the spec
 * @param data the data
 * @param theme the theme, for locale-dependent labels
 */
record ChartInput(ChartSpec spec, ChartData data, UdbChartTheme theme) {
  /** Beyond this, XChart's tick arithmetic overflows to infinity and never finishes. */
  private static final double MAX_MAGNITUDE = 1e300;

  /** The values of the column a field names. */
  List<Object> column(String field, String column) {
    if (!data.hasColumn(column)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart spec field '"
              + field
              + "' names the column '"
              + column
              + "', which the data does not have; its columns are "
              + String.join(", ", data.columns()));
    }
    return data.column(column);
  }

  /** The values of a numeric column as doubles, {@code null} where missing. */
  List<Double> numbers(String field, String column) {
    List<Object> values = column(field, column);
    ChartValues.Kind kind = ChartValues.kind(values);
    if (kind == ChartValues.Kind.EMPTY) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart spec field '"
              + field
              + "' names the column '"
              + column
              + "', which has no values to chart");
    }
    if (kind != ChartValues.Kind.NUMBER) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart spec field '"
              + field
              + "' names the column '"
              + column
              + "', whose values are not numbers; "
              + article(spec.type())
              + " needs numbers there");
    }
    List<Double> numbers = values.stream().map(ChartValues::number).toList();
    for (Double number : numbers) {
      if (number != null && Math.abs(number) > MAX_MAGNITUDE) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "The column '" + column + "' holds values beyond ±1e300, which cannot be charted");
      }
    }
    return numbers;
  }

  /** The text of a category column, {@code null} where missing. */
  List<String> texts(String field, String column) {
    return column(field, column).stream().map(ChartValues::text).toList();
  }

  /** The series name of each row: the series column's text, or the y field for one series. */
  List<String> seriesNames() {
    if (spec.series() == null) {
      String only = spec.yLabel() != null ? spec.yLabel() : spec.y();
      return Collections.nCopies(data.size(), only);
    }
    List<String> names = new ArrayList<>(texts("series", spec.series()));
    names.replaceAll(name -> name == null ? "(none)" : name);
    return names;
  }

  /**
   * The category labels of a field's column: dates labelled by the grain, other values by their
   * text. Also returns the rows in display order: by date when the column holds dates, else in data
   * order.
   */
  Categories categories(String field, String column) {
    List<Object> values = column(field, column);
    if (ChartValues.kind(values) != ChartValues.Kind.TIME) {
      return new Categories(
          values.stream().map(ChartValues::text).toList(),
          IntStream.range(0, values.size()).boxed().toList());
    }
    List<LocalDate> dates = values.stream().map(ChartValues::date).toList();
    DateGrain grain =
        spec.grain() != null
            ? spec.grain()
            : DateGrain.infer(dates.stream().filter(d -> d != null).toList());
    List<String> labels =
        dates.stream().map(d -> d == null ? null : grain.label(d, theme.locale())).toList();
    List<Integer> order =
        IntStream.range(0, values.size())
            .boxed()
            .sorted(
                Comparator.comparing(dates::get, Comparator.nullsLast(Comparator.naturalOrder())))
            .toList();
    return new Categories(labels, order);
  }

  /** Reorders per-row values into the display order of {@link Categories#order}. */
  static <T> List<T> reorder(List<T> values, List<Integer> order) {
    return order.stream().map(values::get).toList();
  }

  static String article(ChartType type) {
    return "a " + type.jsonName() + " chart";
  }

  /**
   * Category labels of a column.
   *
   * @param labels the label of each row, {@code null} where missing
   * @param order the row indexes in display order
   */
  record Categories(List<String> labels, List<Integer> order) {}
}

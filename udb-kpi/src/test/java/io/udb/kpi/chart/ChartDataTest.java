package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartDataTest {

  @Test
  void takesTheColumnsAndRowsOfAQueryResult() {
    QueryResult result =
        new QueryResult(
            List.of(new ColumnInfo("month", "DATE"), new ColumnInfo("avg", "DOUBLE")),
            List.of(List.of("2015-06-01", 18.4), List.of("2015-07-01", 24.1)),
            2,
            false,
            1);

    ChartData data = ChartData.of(result);

    assertThat(data.columns()).containsExactly("month", "avg");
    assertThat(data.column("avg")).containsExactly(18.4, 24.1);
    assertThat(data.size()).isEqualTo(2);
  }

  @Test
  void takesRowsAsMapsWithMissingKeysAsNulls() {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("period", "2015-06");
    first.put("value", 1L);
    Map<String, Object> second = Map.of("period", "2015-07", "target", 3L);

    ChartData data = ChartData.fromMaps(List.of(first, second));

    assertThat(data.columns()).containsExactly("period", "value", "target");
    assertThat(data.column("value")).containsExactly(1L, null);
    assertThat(data.column("target")).containsExactly(null, 3L);
  }

  @Test
  void refusesRowsOfTheWrongWidthAndRepeatedColumns() {
    assertThatThrownBy(() -> new ChartData(List.of("a", "b"), List.of(List.of(1L))))
        .isInstanceOf(UdbException.class)
        .hasMessage("Chart data row 0 has 1 values for 2 columns");
    assertThatThrownBy(() -> new ChartData(List.of("a", "a"), List.of()))
        .isInstanceOf(UdbException.class)
        .hasMessage("Chart data has the column 'a' twice");
    assertThatThrownBy(() -> new ChartData(List.of("a"), List.of()).column("b"))
        .isInstanceOf(UdbException.class)
        .hasMessage("Chart data has no column 'b'; its columns are a");
  }

  @Test
  void judgesColumnsByTheirValues() {
    List<Object> withNull = new ArrayList<>(List.of(1L, new BigDecimal("2.5")));
    withNull.add(null);

    assertThat(ChartValues.kind(withNull)).isEqualTo(ChartValues.Kind.NUMBER);
    assertThat(ChartValues.kind(List.of("2015-06-01", "2015-06-01T10:00", "2015-06-01 10:00:00")))
        .isEqualTo(ChartValues.Kind.TIME);
    assertThat(ChartValues.kind(List.of("2015-06-01T10:00:00Z", "2015-06-01T10:00+02:00")))
        .isEqualTo(ChartValues.Kind.TIME);
    assertThat(ChartValues.kind(List.of("2015-06-01", "sun"))).isEqualTo(ChartValues.Kind.CATEGORY);
    assertThat(ChartValues.kind(List.of("2015-13-01"))).isEqualTo(ChartValues.Kind.CATEGORY);
    assertThat(ChartValues.kind(List.of(Double.NaN))).isEqualTo(ChartValues.Kind.CATEGORY);
    assertThat(ChartValues.text(2012.0)).isEqualTo("2012");
    assertThat(ChartValues.text(new BigDecimal("100.50"))).isEqualTo("100.5");
  }
}

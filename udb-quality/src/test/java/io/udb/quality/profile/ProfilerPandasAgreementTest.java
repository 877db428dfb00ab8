package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The profile's numbers agree with pandas 1.5.3 (and, for the three scenarios made by {@code
 * drift_reference.py}, numpy 2.4.6) on the reference and current slices of the expected scenarios
 * ({@code testdata/expected/*.json}): count, missing, distinct, min, max, mean, sample standard
 * deviation and quantiles 0.25/0.5/0.75 within 1e-9 relative; for strings also the most frequent
 * value's count and the lengths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfilerPandasAgreementTest {
  private static final double TOLERANCE = 1e-9;
  private static final Set<String> OPERATORS = Set.of("=", "!=", "<", ">=", "<=", ">");

  private TestBoxes boxes;

  @BeforeAll
  void loadData() {
    boxes = new TestBoxes();
    boxes.csv("cars.csv", "cars");
    boxes.csv("seattle-weather.csv", "seattle");
    boxes.csv("birdstrikes.csv", "birdstrikes");
    boxes.csv("zipcodes.csv", "zipcodes");
    boxes.csv("danish_data.csv", "danish");
  }

  @AfterAll
  void close() {
    boxes.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "cars_usa_vs_non_usa, reference, cars",
    "cars_usa_vs_non_usa, current, cars",
    "seattle_2012_2013_vs_2014_2015, reference, seattle",
    "seattle_2012_2013_vs_2014_2015, current, seattle",
    "birdstrikes_before_vs_from_1996, reference, birdstrikes",
    "birdstrikes_before_vs_from_1996, current, birdstrikes",
    "zipcodes_ny_vs_rest, reference, zipcodes",
    "zipcodes_ny_vs_rest, current, zipcodes",
    "danish_before_vs_from_1981, reference, danish",
    "danish_before_vs_from_1981, current, danish"
  })
  void sliceStatisticsEqualPandas(String scenario, String side, String table) throws IOException {
    Map<String, Object> expected =
        Json.readObject(Files.readString(TestData.file("expected/" + scenario + ".json")));
    Map<String, Object> slice = map(expected.get(side));
    String sliceTable = scenario + "_" + side;
    createSlice(table, sliceTable, list(slice.get("filters")));

    Profile profile = boxes.profile(sliceTable);

    assertThat(profile.rowCount()).isEqualTo(number(slice.get("rows")).longValue());
    Map<String, Object> columns = map(expected.get("columns"));
    assertThat(profile.columns()).extracting(ColumnProfile::name).containsAll(columns.keySet());
    for (Map.Entry<String, Object> entry : columns.entrySet()) {
      Map<String, Object> stats = map(map(entry.getValue()).get(side));
      ColumnProfile column = profile.column(entry.getKey()).orElseThrow();
      String what = scenario + "/" + side + "/" + entry.getKey();
      assertThat(column.count())
          .as(what + " count")
          .isEqualTo(number(stats.get("count")).longValue());
      assertThat(column.missing())
          .as(what + " missing")
          .isEqualTo(number(stats.get("missing")).longValue());
      assertThat(column.distinct())
          .as(what + " distinct")
          .isEqualTo(number(stats.get("distinct")).longValue());
      if (column.kind() == ColumnKind.NUMERIC) {
        close(what + " min", (Number) column.min(), stats.get("min"));
        close(what + " max", (Number) column.max(), stats.get("max"));
        close(what + " mean", column.mean(), stats.get("mean"));
        close(what + " std", column.std(), stats.get("std"));
        Map<String, Object> quantiles = map(stats.get("quantiles"));
        for (String q : quantiles.keySet()) {
          close(what + " quantile " + q, column.quantile(q), quantiles.get(q));
        }
      } else {
        // dates compare as their ISO text, strings as themselves
        assertThat(String.valueOf(column.min())).as(what + " min").isEqualTo(stats.get("min"));
        assertThat(String.valueOf(column.max())).as(what + " max").isEqualTo(stats.get("max"));
        assertThat(column.topValues().get(0).count())
            .as(what + " top count")
            .isEqualTo(number(stats.get("top_count")).longValue());
      }
      if (column.strings() != null) {
        assertThat(column.strings().minLength())
            .isEqualTo(number(stats.get("len_min")).longValue());
        assertThat(column.strings().maxLength())
            .isEqualTo(number(stats.get("len_max")).longValue());
        close(what + " mean length", column.strings().meanLength(), stats.get("len_mean"));
      }
    }
  }

  /** Creates the slice as a table, binding every filter value as a parameter. */
  private void createSlice(String table, String slice, List<Object> filters) {
    List<String> conditions = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (Object item : filters) {
      Map<String, Object> filter = map(item);
      String op = (String) filter.get("op");
      assertThat(OPERATORS).contains(op);
      conditions.add("\"" + filter.get("column") + "\" " + op + " ?");
      values.add(filter.get("value"));
    }
    boxes.sql(
        "CREATE TABLE \""
            + slice
            + "\" AS SELECT * FROM \""
            + table
            + "\" WHERE "
            + String.join(" AND ", conditions),
        values.toArray());
  }

  private static void close(String what, Number actual, Object expected) {
    double e = number(expected).doubleValue();
    assertThat(actual).as(what).isNotNull();
    double a = actual.doubleValue();
    assertThat(Math.abs(a - e))
        .as("%s: %s vs pandas %s", what, a, e)
        .isLessThanOrEqualTo(TOLERANCE * Math.max(Math.abs(e), 1e-300));
  }

  private static Number number(Object value) {
    return (Number) value;
  }

  @SuppressWarnings("unchecked") // JSON objects decode as String-keyed maps
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked") // JSON arrays decode as lists
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}

package io.udb.kpi.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.engine.QueryOptions;
import io.udb.core.DataBox;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.InvalidKpiException;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiTestData;
import io.udb.kpi.Measure;
import io.udb.kpi.RecordingMetrics;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Validation of definitions against real tables, and the checks of their SQL fragments. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiValidatorTest {
  private static final TenantId TENANT = TenantId.of("seattle");
  private static final TenantId OTHER = TenantId.of("other");

  private final RecordingMetrics metrics = new RecordingMetrics();
  private DataBox box;
  private KpiEngine engine;

  @BeforeAll
  void loadWeather() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).metrics(metrics).build();
    KpiTestData.load(box, TENANT, "seattle-weather.csv", "weather");
    KpiTestData.load(box, OTHER, "cars.csv", "secrets");
  }

  @AfterAll
  void closeBox() {
    box.close();
  }

  @BeforeEach
  void freshEngine() {
    engine = new KpiEngine(KpiCache.defaults(), new TableVersions());
    metrics.clear();
  }

  private static KpiDefinition.Builder avg(String measure) {
    return KpiDefinition.builder("k")
        .table("weather")
        .measure(measure, Aggregation.AVG)
        .time("date", Grain.MONTH);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      KpiDefinition kpi, String field) {
    return assertThatThrownBy(
            () ->
                engine.prepare(
                    box, TENANT, List.of(kpi), KpiOptions.builder().useCache(false).build()))
        .isInstanceOfSatisfying(
            InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageStartingWith("KPI 'k', field '" + field + "': ");
  }

  private static ErrorCode code(Throwable e) {
    return ((InvalidKpiException) e).code();
  }

  @Test
  void refusesAnUnknownTable() {
    assertRefused(avg("temp_max").table("wheather").build(), "table")
        .hasMessageContaining("table 'wheather' does not exist");
  }

  @Test
  void refusesAnotherTenantsTableAsUnknown() {
    assertRefused(
            KpiDefinition.builder("k").table("secrets").aggregation(Aggregation.COUNT).build(),
            "table")
        .hasMessageContaining("does not exist");
  }

  @Test
  void findsATableAndColumnsIgnoringCase() {
    KpiEngine.Batch batch =
        engine.prepare(
            box,
            TENANT,
            List.of(avg("TEMP_MAX").table("Weather").time("DATE", Grain.MONTH).build()),
            KpiOptions.builder().useCache(false).build());

    assertThat(batch.queries()).isEqualTo(1);
  }

  @Test
  void refusesAnUnknownColumnInAnExpression() {
    assertRefused(avg("tmp_max + 1").build(), "measure")
        .hasMessageContaining("not valid as an expression over table 'weather'")
        .hasMessageContaining("tmp_max")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void refusesATimeColumnThatIsNotADate() {
    assertRefused(avg("temp_max").time("weather", Grain.MONTH).build(), "timeColumn")
        .hasMessageContaining("'weather' is VARCHAR");
    assertRefused(avg("temp_max").time("when", Grain.MONTH).build(), "timeColumn")
        .hasMessageContaining("column 'when' does not exist in table 'weather'");
  }

  @Test
  void refusesAnUnknownDimension() {
    assertRefused(avg("temp_max").dimensions("city").build(), "dimensions")
        .hasMessageContaining("column 'city' does not exist");
  }

  @Test
  void refusesANonNumericMeasureWhereNumbersAreNeeded() {
    assertRefused(avg("weather").build(), "measure")
        .hasMessage(
            "KPI 'k', field 'measure': aggregation avg needs a numeric measure; 'weather' is"
                + " VARCHAR");
    assertRefused(
            avg("upper(weather)").measure("upper(weather)", Aggregation.MEDIAN).build(), "measure")
        .hasMessageContaining("'upper(weather)' is VARCHAR");
  }

  @Test
  void countsDistinctTextValues() {
    KpiEngine.Batch batch =
        engine.prepare(
            box,
            TENANT,
            List.of(avg("weather").measure("weather", Aggregation.COUNT_DISTINCT).build()),
            KpiOptions.builder().useCache(false).build());

    assertThat(batch.queries()).isEqualTo(1);
  }

  @Test
  void refusesAFilterThatIsNotACondition() {
    assertRefused(avg("temp_max").filter("temp_max + 1").build(), "filter")
        .hasMessageContaining("must be a condition (BOOLEAN)");
  }

  @Test
  void refusesAnAggregateOrWindowInsideAMeasure() {
    assertRefused(avg("sum(temp_max)").build(), "measure")
        .hasMessageContaining("aggregate function calls cannot be nested");
    assertRefused(avg("sum(temp_max) OVER ()").build(), "measure")
        .hasMessageContaining("not valid");
  }

  @Test
  void refusesAnAggregateInsideAFilter() {
    assertRefused(avg("temp_max").filter("count(*) > 3").build(), "filter");
  }

  @Test
  void refusesStatementSeparatorsAndCommentsBeforeRunningAnything() {
    assertRefused(avg("temp_max").filter("weather = 'sun'; DROP TABLE weather").build(), "filter")
        .hasMessageContaining("contains ';'");
    assertRefused(avg("temp_max").filter("weather = 'sun' -- and the rest").build(), "filter")
        .hasMessageContaining("'--'");
    assertRefused(avg("temp_max) AS x FROM weather UNION SELECT (1").build(), "measure")
        .hasMessageContaining("')' without its '('");

    assertThat(metrics.of("udb.sql.queries")).isEmpty();
    assertThat(box.describe(TENANT, io.udb.api.engine.TableRef.of("weather"))).isPresent();
  }

  @Test
  void refusesAFragmentThatWouldReadFilesOrSettings() {
    assertRefused(avg("length(getenv('HOME'))").build(), "measure")
        .hasMessageContaining("refused by the SQL guard")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SQL_FORBIDDEN));
    assertRefused(
            avg("temp_max")
                .filter("weather IN (SELECT column0 FROM read_csv('/etc/passwd'))")
                .build(),
            "filter")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SQL_FORBIDDEN));
  }

  @Test
  void refusesAFragmentReachingAnotherTenantsTable() {
    assertRefused(avg("(SELECT max(\"Horsepower\") FROM secrets)").build(), "measure")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SQL_UNKNOWN_TABLE));
  }

  @Test
  void refusesAFragmentThatIsNotSql() {
    assertRefused(avg("temp_max +").build(), "measure").hasMessageContaining("not valid SQL");
  }

  @Test
  void checksRatioPartsByTheirOwnFieldNames() {
    assertRefused(
            KpiDefinition.builder("k")
                .table("weather")
                .ratio(
                    Measure.countRows().where("weathr = 'sun'"),
                    Measure.of("weather", Aggregation.SUM))
                .build(),
            "numerator.filter")
        .hasMessageContaining("weathr");
    assertRefused(
            KpiDefinition.builder("k")
                .table("weather")
                .ratio(Measure.countRows(), Measure.of("weather", Aggregation.SUM))
                .build(),
            "denominator.measure")
        .hasMessageContaining("numeric");
  }

  @Test
  void refusesRawSqlWithoutValueOrWithPeriodButNoGrain() {
    assertRefused(KpiDefinition.builder("k").sql("SELECT 1 AS total").build(), "sql")
        .hasMessageContaining("numeric column named 'value'");
    assertRefused(
            KpiDefinition.builder("k")
                .sql("SELECT date AS period, temp_max AS value FROM weather")
                .build(),
            "grain")
        .hasMessageContaining("needs its grain");
    assertRefused(KpiDefinition.builder("k").sql("SELECT * FROM secrets").build(), "sql")
        .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.SQL_UNKNOWN_TABLE));
  }

  @Test
  void refusesRepeatedNamesInABatch() {
    KpiDefinition kpi = avg("temp_max").build();
    assertThatThrownBy(() -> engine.prepare(box, TENANT, List.of(kpi, kpi), KpiOptions.defaults()))
        .isInstanceOfSatisfying(
            InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo("name"))
        .hasMessageContaining("more than one KPI");
  }

  @Test
  void computesNothingWhenOneDefinitionOfTheBatchIsInvalid() {
    assertThatThrownBy(
            () ->
                engine.run(
                    box,
                    TENANT,
                    List.of(
                        avg("temp_max").build(),
                        KpiDefinition.builder("bad")
                            .table("weather")
                            .measure("nope", Aggregation.SUM)
                            .build()),
                    KpiOptions.defaults()))
        .isInstanceOf(InvalidKpiException.class);

    assertThat(metrics.of(KpiMetricNames.SCANS)).isEmpty();
    assertThat(metrics.of(KpiMetricNames.ROWS)).isEmpty();
    assertThat(engine.cache().size()).isZero();
  }

  @Test
  void probesReturnNoRows() {
    assertThat(
            box.query(
                    TENANT, probe("temp_max"), new QueryOptions(1, java.time.Duration.ofSeconds(5)))
                .rows())
        .isEmpty();
  }

  private static String probe(String fragment) {
    return "SELECT any_value((" + fragment + ")) AS \"__udb_probe\" FROM \"weather\" LIMIT 0";
  }
}

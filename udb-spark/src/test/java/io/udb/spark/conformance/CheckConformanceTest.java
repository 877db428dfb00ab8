package io.udb.spark.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.engine.TypeFamily;
import io.udb.core.DataBox;
import io.udb.quality.check.AnomalyDetection;
import io.udb.quality.check.Bound;
import io.udb.quality.check.CheckResult;
import io.udb.quality.check.CheckStatus;
import io.udb.quality.check.CheckSuite;
import io.udb.quality.check.CheckType;
import io.udb.quality.check.Checks;
import io.udb.quality.check.DataType;
import io.udb.quality.check.MetricHistory;
import io.udb.quality.check.QualityOptions;
import io.udb.quality.check.QualityReport;
import io.udb.quality.check.QualityService;
import io.udb.quality.check.Suggestion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same data-quality checks on DuckDB and on Spark, through the same {@link QualityService} and
 * the engines' dialects: every check type over the real weather and cars data and over generated
 * edge cases (nulls, NaN and infinities, unicode, timestamps before and after 1970, an empty table,
 * a single row). Statuses, failing-row counts and sample sizes must be equal, metric values equal
 * within 1e-9 relative; constraint suggestion, quarantine and the metric history with anomaly
 * detection must agree too, and hostile custom predicates must be refused on both.
 */
class CheckConformanceTest {
  private static final ConformanceEngines ENGINES = ConformanceEngines.get();

  /** Text values, most of them written in some type's spelling, the rest in none. */
  private static final List<String> TEXTS =
      List.of(
          "12",
          " 12 ",
          "-7",
          "+3",
          "00012",
          "1e5",
          " +1.5e-3 ",
          ".5",
          "5.",
          "1_000",
          "1__0",
          "1d",
          "0x10",
          "inf",
          "-Infinity",
          "NaN",
          "１２",
          "true",
          "FALSE",
          "t",
          " t ",
          "yes",
          "No",
          "on",
          "2020-02-29",
          "2021-02-29",
          "2020-1-1",
          " 2020-01-01 ",
          "2020-01-01 ",
          "2020/01/01",
          "2020.01.01",
          "2020 01 01",
          "2020",
          "2020-01",
          "99999-01-01",
          "2020-13-01",
          "2020-01-01 10:00",
          "2020-01-01T10:00:00",
          "2020-01-01 10:00:00.123456789",
          "2020-01-01 24:00:00",
          "2020-01-01 24:00:01",
          "2020-01-01 23:59:60",
          "2020-01-01 10:00:00Z",
          "2020-01-01 10:00:00+01:00",
          "2020-01-01 10:00:00 +0100",
          "2020-01-01 10:00:00 Europe/Paris",
          "2020-01-01 10:00:00z",
          "2020-01-01t10:00:00",
          "2020-01-01 10",
          "epoch",
          "infinity",
          "",
          " ",
          "grüße",
          "東京",
          "😀 smile",
          "a\nb");

  private static final String EDGE =
      "SELECT CAST(id AS BIGINT) AS id, CAST(txt AS VARCHAR) AS txt, CAST(num AS DOUBLE) AS num,"
          + " CAST(cnt AS INTEGER) AS cnt, CAST(amount AS DECIMAL(10,2)) AS amount,"
          + " CAST(flag AS BOOLEAN) AS flag, CAST(day AS DATE) AS day, CAST(ts AS TIMESTAMP) AS ts,"
          + " CAST(cat AS VARCHAR) AS cat FROM (VALUES"
          + " (1, 'alice@example.com', 1.5, 3, '1.50', true, '2024-02-29', '2024-02-29 10:15:30.5',"
          + " 'red'),"
          + " (2, 'https://example.com/a?b=1#c', -2.0, -1, '-3.25', false, '1969-12-31',"
          + " '1969-12-31 23:59:59.25', 'green'),"
          + " (3, '4111 1111 1111 1111', 0.0, 0, '2.00', NULL, '2000-01-01', '2000-01-01 00:00:00',"
          + " 'red'),"
          + " (4, 'grüße, 東京 😀', 'NaN', NULL, NULL, true, NULL, NULL, 'blue'),"
          + " (5, NULL, 'Infinity', 7, '0.01', false, '2024-03-01', '2024-03-01 00:00:00.000001',"
          + " 'red'),"
          + " (6, '', NULL, 7, '100.00', true, '2024-03-01', '2024-03-01 12:00:00', NULL),"
          + " (7, 'not an email', 1e300, 2, '-0.50', true, '1970-01-01', '1970-01-01 00:00:00',"
          + " 'green'),"
          + " (8, 'x@y', 2.0, 2, '3.00', false, '2024-02-29', '2024-02-29 10:15:30.5', 'red')"
          + ") AS t(id, txt, num, cnt, amount, flag, day, ts, cat)";

  private static TableRef weather;
  private static TableRef cars;
  private static TableRef origins;
  private static TableRef edge;
  private static TableRef empty;
  private static TableRef single;
  private static TableRef texts;

  @BeforeAll
  static void tables() {
    weather = ENGINES.csv("chk_weather", Agreement.testdata().resolve("seattle-weather.csv"));
    cars = ENGINES.csv("chk_cars", Agreement.testdata().resolve("cars.csv"));
    origins =
        ENGINES.table(
            "chk_origins", "SELECT * FROM (VALUES ('USA'), ('Europe'), (NULL)) AS t(origin)");
    edge = ENGINES.table("chk_edge", EDGE);
    empty = ENGINES.table("chk_empty", "SELECT * FROM (" + EDGE + ") AS e WHERE false");
    single = ENGINES.table("chk_single", "SELECT * FROM (" + EDGE + ") AS e WHERE id = 1");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < TEXTS.size(); i++) {
      values
          .append(i == 0 ? "" : ", ")
          .append("(")
          .append(i)
          .append(", '")
          .append(TEXTS.get(i).replace("'", "''"))
          .append("')");
    }
    texts =
        ENGINES.table(
            "chk_texts",
            "SELECT CAST(i AS BIGINT) AS i, CAST(s AS VARCHAR) AS s FROM (VALUES "
                + values
                + ") AS t(i, s)");
  }

  private static CheckSuite weatherSuite() {
    return Checks.on(weather)
        .isComplete("date")
        .hasCompleteness("precipitation", Bound.ge(0.99))
        .isUnique("date")
        .isUnique("weather")
        .hasUniqueness(List.of("weather", "date"), Bound.eq(1))
        .isPrimaryKey("date")
        .isPrimaryKey("weather", "wind")
        .hasDistinctness("weather", Bound.le(0.01))
        .hasDistinctness(List.of("weather", "wind"), Bound.ge(0.5))
        .isContainedIn("weather", List.of("drizzle", "rain", "sun", "snow", "fog"))
        .isContainedIn("weather", List.of("rain", "sun"), Bound.ge(0.9))
        .isContainedIn("wind", List.of(1.0, 2.5, 4.7))
        .hasMin("temp_min", Bound.ge(-10))
        .hasMax("temp_max", Bound.le(30))
        .hasMean("wind", Bound.between(2, 5))
        .hasSum("precipitation", Bound.gt(0))
        .hasStandardDeviation("temp_max", Bound.lt(5))
        .isNonNegative("precipitation")
        .isNonNegative("temp_min")
        .matches("weather", "[a-z]+")
        .matches("weather", "r.*", Bound.ge(0.5))
        .matches("date", "2012-.*", Bound.ge(0.1))
        .hasDataType("weather", DataType.STRING)
        .hasDataType("temp_max", DataType.INTEGRAL)
        .hasDataType("temp_max", DataType.NUMERIC)
        .hasDataType("date", DataType.TIMESTAMP)
        .hasDataType("date", DataType.DATE)
        .hasDataType("weather", DataType.BOOLEAN)
        .hasRowCount(Bound.eq(1461))
        .satisfies("temperatures in order", "temp_min <= temp_max")
        .satisfies("rain means precipitation", "weather <> 'rain' OR precipitation > 0")
        .satisfies(
            "functions and cases",
            "CASE WHEN length(weather) > 3 THEN abs(temp_max) >= 0 ELSE wind BETWEEN 0 AND 100"
                + " END AND lower(weather) IN ('drizzle', 'rain', 'sun', 'snow', 'fog')")
        .isFresh("date", Duration.ofDays(365L * 200))
        .isFresh("date", Duration.ofDays(1))
        .hasColumns("date", "weather")
        .hasColumns("date", "humidity")
        .lacksColumns("secret")
        .lacksColumns("wind")
        .hasColumnType("temp_max", "DOUBLE")
        .hasColumnType("weather", "VARCHAR")
        .hasColumnType("date", "TIMESTAMP")
        .hasMin("no_such_column", Bound.ge(0))
        .hasMin("weather", Bound.ge(0))
        .build();
  }

  private static CheckSuite carsSuite() {
    return Checks.on(cars)
        .isComplete("Horsepower")
        .hasCompleteness("Miles_per_Gallon", Bound.ge(0.95))
        .isUnique("Name")
        .isPrimaryKey("Name", "Year")
        .hasDistinctness("Origin", Bound.le(0.05))
        .isContainedIn("Cylinders", List.of(4, 6, 8))
        .hasMean("Horsepower", Bound.between(100, 110))
        .hasSum("Weight_in_lbs", Bound.gt(0))
        .hasSum("Cylinders", Bound.gt(0))
        .hasStandardDeviation("Acceleration", Bound.lt(3))
        .hasMax("Year", Bound.le(1980))
        .isEmail("Name")
        .isUrl("Name")
        .isCreditCard("Name")
        .matches("Name", "(?i)[a-z0-9 .'()-]+")
        .matches("Cylinders", "[468]")
        .hasDataType("Name", DataType.NUMERIC)
        .hasDataType("Horsepower", DataType.INTEGRAL)
        .hasDataType("Acceleration", DataType.INTEGRAL, Bound.ge(0.4))
        .referencesTable("Origin", "chk_origins", "origin")
        .referencesTable("Origin", "chk_missing", "origin")
        .satisfies("powerful", "Horsepower > 60")
        .satisfies("ratio", "Weight_in_lbs / Horsepower < 40")
        .isFresh("Year", Duration.ofDays(365L * 100))
        .hasColumnType("Cylinders", "BIGINT")
        .hasColumnType("Horsepower", "INT8")
        .build();
  }

  private static CheckSuite edgeSuite(TableRef table) {
    return Checks.on(table)
        .isComplete("txt")
        .isComplete("id")
        .hasCompleteness("ts", Bound.ge(0.5))
        .isUnique("num")
        .isUnique("cat", "day")
        .isPrimaryKey("id")
        .isPrimaryKey("day", "ts")
        .hasDistinctness("ts", Bound.ge(0.5))
        .hasDistinctness(List.of("flag", "cat"), Bound.ge(0.5))
        .isContainedIn("cat", List.of("red", "green"))
        .isContainedIn("cnt", List.of(2, 3, 7))
        .isContainedIn("amount", List.of(1.5, 2, 3))
        .hasMin("num", Bound.ge(-5))
        .hasMax("cnt", Bound.le(10))
        .hasMean("amount", Bound.between(0, 20))
        .hasMean("num", Bound.between(0, 20))
        .hasSum("cnt", Bound.ge(0))
        .hasSum("amount", Bound.ge(0))
        .hasStandardDeviation("cnt", Bound.lt(10))
        .hasStandardDeviation("amount", Bound.lt(10))
        .hasMin("id", Bound.ge(1))
        .isNonNegative("num")
        .isNonNegative("amount")
        .matches("txt", "..")
        .matches("txt", ".*😀")
        .matches("txt", "[^@]+@[^@]+", Bound.ge(0.1))
        .matches("ts", "2024-.*")
        .matches("amount", "-?[0-9]+\\.[0-9]{2}")
        .matches("txt", "(unclosed")
        .isEmail("txt")
        .isUrl("txt")
        .isCreditCard("txt")
        .hasDataType("num", DataType.INTEGRAL)
        .hasDataType("amount", DataType.INTEGRAL)
        .hasDataType("cnt", DataType.INTEGRAL)
        .hasDataType("ts", DataType.DATE)
        .hasDataType("day", DataType.TIMESTAMP)
        .hasDataType("flag", DataType.BOOLEAN)
        .hasDataType("txt", DataType.NUMERIC)
        .hasDataType("flag", DataType.NUMERIC)
        .hasRowCount(Bound.ge(1))
        .satisfies("positive or missing", "num > 0 OR num IS NULL")
        .satisfies("text", "txt LIKE '%@%' OR coalesce(cnt, 0) < 3")
        .satisfies("timestamps", "ts >= day OR ts IS NULL")
        .isFresh("ts", Duration.ofDays(3650))
        .isFresh("day", Duration.ofDays(365L * 100))
        .referencesTable("cat", "chk_edge", "cat")
        .hasColumnType("amount", "NUMERIC(10,2)")
        .hasColumnType("cnt", "INTEGER")
        .hasColumnType("flag", "BOOL")
        .build();
  }

  private static CheckSuite textSuite() {
    Checks.Builder builder = Checks.on(texts);
    for (DataType type : DataType.values()) {
      builder.hasDataType("s", type);
    }
    return builder.build();
  }

  @Test
  void everyCheckTypeRunsInTheSuites() {
    Set<CheckType> covered = EnumSet.noneOf(CheckType.class);
    for (CheckSuite suite : List.of(weatherSuite(), carsSuite(), edgeSuite(edge), textSuite())) {
      suite.checks().forEach(check -> covered.add(check.type()));
    }
    assertThat(covered).containsExactlyInAnyOrder(CheckType.values());
  }

  @Test
  void realDataChecksAgree() {
    QualityReport duck = agree(weatherSuite(), QualityOptions.defaults().withHistory(false));
    assertThat(duck.count(CheckStatus.PASSED)).isPositive();
    assertThat(duck.count(CheckStatus.FAILED)).isPositive();
    assertThat(duck.count(CheckStatus.ERROR)).isEqualTo(2);
    QualityReport carsReport = agree(carsSuite(), QualityOptions.defaults().withHistory(false));
    assertThat(carsReport.checks())
        .filteredOn(c -> c.check().equals("referential_integrity"))
        .extracting(CheckResult::status)
        .containsExactly(CheckStatus.FAILED, CheckStatus.ERROR);
  }

  @Test
  void edgeCaseChecksAgree() {
    for (TableRef table : List.of(edge, empty, single)) {
      QualityReport duck = agree(edgeSuite(table), QualityOptions.defaults().withHistory(false));
      assertThat(duck.rowCount()).isEqualTo(table == edge ? 8 : table == empty ? 0 : 1);
    }
  }

  @Test
  void textsReadAsTheSameTypesValueByValue() {
    Map<String, List<Object>> duck = readsAs(ENGINES.duck());
    Map<String, List<Object>> spark = readsAs(ENGINES.spark());
    assertThat(spark).isEqualTo(duck);
    // the corpus exercises both answers of every family
    for (List<Object> answers : duck.values()) {
      assertThat(answers).anyMatch(a -> a.toString().endsWith("-> true"));
      assertThat(answers).anyMatch(a -> a.toString().endsWith("-> false"));
    }
    agree(textSuite(), QualityOptions.defaults().withHistory(false));
  }

  /** For each family, whether each text reads as it, in corpus order. */
  private static Map<String, List<Object>> readsAs(DataBox box) {
    List<TypeFamily> families =
        List.of(
            TypeFamily.INTEGER,
            TypeFamily.FLOATING,
            TypeFamily.BOOLEAN,
            TypeFamily.DATE,
            TypeFamily.TIMESTAMP);
    try (SqlSession session = box.openSession(ConformanceEngines.TENANT)) {
      SqlDialect dialect = session.dialect();
      StringBuilder sql = new StringBuilder("SELECT s");
      for (TypeFamily family : families) {
        sql.append(", ").append(dialect.textReadsAs("s", family));
      }
      sql.append(" FROM ").append(dialect.table(texts)).append(" ORDER BY i");
      List<List<Object>> rows = session.query(sql.toString(), List.of()).rows();
      Map<String, List<Object>> out = new LinkedHashMap<>();
      for (int f = 0; f < families.size(); f++) {
        List<Object> answers = new ArrayList<>();
        for (List<Object> row : rows) {
          answers.add(row.get(0) + " -> " + row.get(f + 1));
        }
        out.put(families.get(f).name(), answers);
      }
      return out;
    }
  }

  @Test
  void parametersBindInTextOrderInUnionsAndValueLists() {
    List<String> union =
        List.of(
            "SELECT ? AS a, ? AS b UNION ALL SELECT ?, ? UNION ALL SELECT ?, ?",
            "VALUES (?, ?), (?, '?'), (?, ?)");
    for (DataBox box : List.of(ENGINES.duck(), ENGINES.spark())) {
      try (SqlSession session = box.openSession(ConformanceEngines.TENANT)) {
        assertThat(session.query(union.get(0), List.of("p1", "p2", "p3", "p4", "p5", "p6")).rows())
            .as(box.engine().name())
            .containsExactly(List.of("p1", "p2"), List.of("p3", "p4"), List.of("p5", "p6"));
        assertThat(
                session
                    .query(union.get(1), java.util.Arrays.asList("p1", null, "p3", "p4", "p5"))
                    .rows())
            .as(box.engine().name())
            .containsExactly(
                java.util.Arrays.asList("p1", null), List.of("p3", "?"), List.of("p4", "p5"));
      }
    }
  }

  @Test
  void suggestedSuitesAgreeAndRunAlike() {
    QualityService service = new QualityService();
    for (TableRef table : List.of(weather, cars, edge, empty)) {
      List<Suggestion> duck =
          service.suggest(ENGINES.duck(), ConformanceEngines.TENANT, table).suggestions();
      List<Suggestion> spark =
          service.suggest(ENGINES.spark(), ConformanceEngines.TENANT, table).suggestions();
      Agreement agreement =
          new Agreement().ignore("rationale").rule("type", CheckConformanceTest::sameTypeName);
      agreement.compare(
          table.name(),
          duck.stream().map(Suggestion::toJson).toList(),
          spark.stream().map(Suggestion::toJson).toList());
      assertThat(agreement.differences()).isEmpty();
      if (!duck.isEmpty()) {
        agree(
            new CheckSuite(table, duck.stream().map(Suggestion::check).toList()),
            new CheckSuite(table, spark.stream().map(Suggestion::check).toList()),
            QualityOptions.defaults().withHistory(false));
      }
    }
  }

  @Test
  void quarantineHoldsTheSameRows() {
    CheckSuite suite =
        Checks.on(cars)
            .isComplete("Horsepower")
            .isContainedIn("Origin", List.of("USA"))
            .satisfies("light", "Weight_in_lbs < 4000")
            .referencesTable("Origin", "chk_origins", "origin")
            .build();
    QualityReport duck =
        agree(suite, QualityOptions.defaults().withHistory(false).withQuarantine(true));
    assertThat(duck.quarantine().table()).isEqualTo("chk_cars__quarantine");
    long failing =
        duck.checks().stream()
            .filter(c -> c.status() == CheckStatus.FAILED)
            .mapToLong(CheckResult::failingRows)
            .sum();
    assertThat(duck.quarantine().rows()).isEqualTo(failing).isGreaterThan(6 + 152 + 79);
    TableInfo inDuck =
        ENGINES
            .duck()
            .describe(ConformanceEngines.TENANT, TableRef.of(duck.quarantine().table()))
            .orElseThrow();
    TableInfo inSpark =
        ENGINES
            .spark()
            .describe(ConformanceEngines.TENANT, TableRef.of(duck.quarantine().table()))
            .orElseThrow();
    assertThat(inSpark.rowCount()).isEqualTo(inDuck.rowCount()).isEqualTo(duck.quarantine().rows());
    assertThat(inSpark.columns().stream().map(ColumnInfo::name).toList())
        .isEqualTo(inDuck.columns().stream().map(ColumnInfo::name).toList())
        .endsWith("_udb_check", "_udb_quarantined_at");
    // quarantining again replaces the table
    QualityReport again =
        agree(suite, QualityOptions.defaults().withHistory(false).withQuarantine(true));
    assertThat(again.quarantine().rows()).isEqualTo(duck.quarantine().rows());
  }

  @Test
  void metricHistoryAndAnomaliesAgree() {
    TableRef table = ENGINES.table("chk_history", "SELECT * FROM range(100) AS t(n)");
    CheckSuite suite =
        Checks.on(table).hasMean("n", Bound.ge(0)).hasMax("n", Bound.ge(0)).isComplete("n").build();
    QualityOptions options =
        QualityOptions.defaults().withAnomalies(AnomalyDetection.defaults().withWindow(5));
    List<QualityReport> duckRuns = new ArrayList<>();
    for (int run = 0; run < 6; run++) {
      duckRuns.add(agree(suite, options));
    }
    // the table grows fourfold: the row count and the mean and maximum jump
    ENGINES.table("chk_history", "SELECT * FROM range(400) AS t(n)");
    QualityReport changed = agree(suite, options);
    assertThat(changed.checks())
        .filteredOn(c -> c.check().equals("anomaly"))
        .extracting(CheckResult::name)
        .contains("row_count", "mean", "max");
    assertThat(duckRuns.get(5).checks()).noneMatch(c -> c.check().equals("anomaly"));

    List<MetricHistory.Entry> duck =
        MetricHistory.read(ENGINES.duck(), ConformanceEngines.TENANT, table);
    List<MetricHistory.Entry> spark =
        MetricHistory.read(ENGINES.spark(), ConformanceEngines.TENANT, table);
    assertThat(spark).hasSize(duck.size()).hasSize(7 * 4);
    for (int i = 0; i < duck.size(); i++) {
      MetricHistory.Entry d = duck.get(i);
      MetricHistory.Entry s = spark.get(i);
      assertThat(List.of(s.table(), s.metric(), String.valueOf(s.column())))
          .as("entry %d", i)
          .isEqualTo(List.of(d.table(), d.metric(), String.valueOf(d.column())));
      assertThat(Agreement.close(d.value(), s.value(), Agreement.STATISTIC)).isTrue();
    }
  }

  @Test
  void hostilePredicatesAreRefusedOnBothEngines() {
    for (String predicate :
        List.of(
            "Horsepower > 0; DROP TABLE chk_origins",
            "1=1) OR (1=1",
            "Horsepower > 0 -- the rest",
            "Name IN (SELECT origin FROM chk_origins)",
            "EXISTS (SELECT 1)",
            "(SELECT count(*) FROM chk_origins) > 0",
            "Horsepower >")) {
      for (DataBox box : List.of(ENGINES.duck(), ENGINES.spark())) {
        assertThatThrownBy(() -> runPredicate(box, predicate))
            .as("%s on %s", predicate, box.engine().name())
            .isInstanceOf(SqlRejectedException.class)
            .hasMessageContaining("The predicate of check 'hostile'");
      }
    }
    // what only Spark's SQL could reach: Java, files, the hidden file metadata, star, parameters
    for (String predicate :
        List.of(
            "reflect('java.lang.System', 'exit', 1) IS NULL",
            "java_method('java.lang.Runtime', 'getRuntime') IS NOT NULL",
            "input_file_name() <> ''",
            "_metadata.file_path LIKE '%'",
            "length(current_user()) > 0",
            "rand() < 2",
            "filter(array(1), x -> x > 0) IS NOT NULL",
            "Horsepower = ?",
            "count(*) > 0")) {
      assertThatThrownBy(() -> runPredicate(ENGINES.spark(), predicate))
          .as(predicate)
          .isInstanceOf(SqlRejectedException.class)
          .extracting(e -> ((SqlRejectedException) e).code())
          .isIn(ErrorCode.SQL_FORBIDDEN, ErrorCode.SQL_PARSE_ERROR);
    }
    assertThat(ENGINES.spark().describe(ConformanceEngines.TENANT, origins)).isPresent();
  }

  private static void runPredicate(DataBox box, String predicate) {
    new QualityService()
        .run(
            box,
            ConformanceEngines.TENANT,
            cars,
            Checks.on(cars).satisfies("hostile", predicate).build(),
            QualityOptions.defaults().withHistory(false));
  }

  private static QualityReport agree(CheckSuite suite, QualityOptions options) {
    return agree(suite, suite, options);
  }

  /** Runs one suite per engine and asserts that the reports agree; returns DuckDB's. */
  private static QualityReport agree(
      CheckSuite onDuck, CheckSuite onSpark, QualityOptions options) {
    QualityService service = new QualityService();
    QualityReport duck =
        service.run(ENGINES.duck(), ConformanceEngines.TENANT, onDuck.table(), onDuck, options);
    QualityReport spark =
        service.run(ENGINES.spark(), ConformanceEngines.TENANT, onSpark.table(), onSpark, options);
    List<String> differences = new ArrayList<>();
    if (duck.passed() != spark.passed()) {
      differences.add("passed: DuckDB " + duck.passed() + ", Spark " + spark.passed());
    }
    if (duck.rowCount() != spark.rowCount()) {
      differences.add("rowCount: DuckDB " + duck.rowCount() + ", Spark " + spark.rowCount());
    }
    if (duck.checks().size() != spark.checks().size()) {
      differences.add(
          "results: DuckDB " + duck.checks().size() + ", Spark " + spark.checks().size());
    } else {
      for (int i = 0; i < duck.checks().size(); i++) {
        differences.addAll(compare(i, duck.checks().get(i), spark.checks().get(i)));
      }
    }
    if ((duck.quarantine() == null) != (spark.quarantine() == null)
        || duck.quarantine() != null && !duck.quarantine().equals(spark.quarantine())) {
      differences.add("quarantine: DuckDB " + duck.quarantine() + ", Spark " + spark.quarantine());
    }
    assertThat(differences).as("differences on table %s", duck.table()).isEmpty();
    return duck;
  }

  private static final Pattern NEWEST = Pattern.compile("^newest .* is (\\S+), ");

  private static List<String> compare(int index, CheckResult duck, CheckResult spark) {
    String at = "#" + index + " " + duck.check() + "(" + duck.column() + ", " + duck.name() + ")";
    List<String> out = new ArrayList<>();
    if (!duck.check().equals(spark.check())
        || !String.valueOf(duck.column()).equals(String.valueOf(spark.column()))
        || !String.valueOf(duck.name()).equals(String.valueOf(spark.name()))
        || duck.status() != spark.status()
        || !String.valueOf(duck.failingRows()).equals(String.valueOf(spark.failingRows()))) {
      out.add(at + ": DuckDB " + duck + ", Spark " + spark);
      return out;
    }
    if (duck.check().equals(CheckType.FRESHNESS.jsonName())) {
      // the age is measured against each run's own clock; the newest value must be the same
      Matcher d = NEWEST.matcher(duck.message());
      Matcher s = NEWEST.matcher(spark.message());
      boolean duckFound = d.find();
      if (duckFound != s.find() || duckFound && !d.group(1).equals(s.group(1))) {
        out.add(at + ": DuckDB " + duck.message() + ", Spark " + spark.message());
      }
    } else if ((duck.metric() == null) != (spark.metric() == null)
        || duck.metric() != null
            && !Agreement.close(duck.metric(), spark.metric(), Agreement.STATISTIC)) {
      out.add(at + " metric: DuckDB " + duck.metric() + ", Spark " + spark.metric());
    }
    int duckSample = duck.failingRowsSample() == null ? -1 : duck.failingRowsSample().rows().size();
    int sparkSample =
        spark.failingRowsSample() == null ? -1 : spark.failingRowsSample().rows().size();
    if (duckSample != sparkSample) {
      out.add(at + " sample rows: DuckDB " + duckSample + ", Spark " + sparkSample);
    }
    return out;
  }

  /** Two engines' names of one column type: the same family on both. */
  private static boolean sameTypeName(Object duck, Object spark) {
    if (!(duck instanceof String d) || !(spark instanceof String s)) {
      return java.util.Objects.equals(duck, spark);
    }
    if (d.equals(s)) {
      return true;
    }
    SqlDialect duckDialect = ENGINES.duck().engine().dialect();
    SqlDialect sparkDialect = ENGINES.spark().engine().dialect();
    return duckDialect.typeFamily(d) == sparkDialect.typeFamily(s)
        && duckDialect.typeFamily(d) != TypeFamily.OTHER;
  }
}

package io.udb.quality.check;

import static io.udb.quality.check.Bound.between;
import static io.udb.quality.check.Bound.ge;
import static io.udb.quality.check.Bound.gt;
import static io.udb.quality.check.Bound.le;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.MaskingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every check type passing and failing on the real data sets, with exact metric values. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckRunnerTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
  private static final double EPS = 1e-12;

  private DataBox box;
  private CheckRunner runner;

  @BeforeAll
  void load() {
    box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    TestTables.load(box, TENANT, "cars.csv", "cars");
    TestTables.load(box, TENANT, "cars.csv", "cars_text", ", all_varchar = true");
    TestTables.load(box, TENANT, "seattle-weather.csv", "weather");
    TestTables.load(box, TENANT, "birdstrikes.csv", "birdstrikes");
    TestTables.execute(
        box, TENANT, "CREATE TABLE origins AS SELECT * FROM (VALUES ('USA'), ('Europe')) v(name)");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE contacts AS SELECT * FROM (VALUES"
            + " ('ann@example.com', 'https://example.com/a?b=1', '4111 1111 1111 1111'),"
            + " ('not-an-email', 'ftp://files.example.org', '1234'),"
            + " (NULL, 'example.com', '378282246310005')) v(email, homepage, card)");
    ColumnClassifier classifier = ColumnClassifier.defaults();
    runner = new CheckRunner(box, classifier, MaskingPolicy.of(classifier.detectors()));
  }

  @AfterAll
  void close() {
    box.close();
  }

  private QualityReport run(String table, UnaryOperator<Checks.Builder> checks) {
    return run(table, checks, QualityOptions.defaults().withHistory(false));
  }

  private QualityReport run(
      String table, UnaryOperator<Checks.Builder> checks, QualityOptions options) {
    CheckSuite suite = checks.apply(Checks.on(table)).build();
    return runner.run(TENANT, TableRef.of(table), suite, List.of(), options, Stages.none());
  }

  private CheckResult only(String table, UnaryOperator<Checks.Builder> checks) {
    QualityReport report = run(table, checks);
    assertThat(report.checks()).hasSize(1);
    return report.checks().get(0);
  }

  @Test
  void completenessPassesForCompleteColumnAndFailsWithExactShareForMissingValues() {
    QualityReport report =
        run(
            "cars",
            c ->
                c.isComplete("Name")
                    .isComplete("Horsepower")
                    .isComplete("Miles_per_Gallon")
                    .hasCompleteness("Horsepower", ge(0.95)));
    List<CheckResult> r = report.checks();
    assertThat(r.get(0).status()).isEqualTo(CheckStatus.PASSED);
    assertThat(r.get(0).metric()).isEqualTo(1.0);
    assertThat(r.get(1).status()).isEqualTo(CheckStatus.FAILED);
    assertThat(r.get(1).metric()).isCloseTo(400.0 / 406, within(EPS));
    assertThat(r.get(1).failingRows()).isEqualTo(6);
    assertThat(r.get(1).message()).contains("6 of 406 rows are null").contains("expected == 1");
    assertThat(r.get(2).metric()).isCloseTo(398.0 / 406, within(EPS));
    assertThat(r.get(2).failingRows()).isEqualTo(8);
    assertThat(r.get(3).status()).isEqualTo(CheckStatus.PASSED);
    assertThat(report.passed()).isFalse();
    assertThat(report.rowCount()).isEqualTo(406);
  }

  @Test
  void failedRowLevelCheckCarriesSampleOfItsViolatingRows() {
    CheckResult result = only("cars", c -> c.isComplete("Horsepower"));
    RowSample sample = result.failingRowsSample();
    assertThat(sample.columns()).startsWith("Name", "Miles_per_Gallon").contains("Horsepower");
    assertThat(sample.rows()).hasSize(6);
    int horsepower = sample.columns().indexOf("Horsepower");
    assertThat(sample.rows()).allSatisfy(row -> assertThat(row.get(horsepower)).isNull());
    assertThat(sample.rows()).extracting(row -> row.get(0)).contains("ford pinto", "renault 18i");
  }

  @Test
  void sampleHoldsAtMostTheConfiguredNumberOfRows() {
    QualityReport report =
        run(
            "cars",
            c -> c.isContainedIn("Origin", Set.of("USA")),
            QualityOptions.defaults().withHistory(false));
    assertThat(report.checks().get(0).failingRows()).isEqualTo(152);
    assertThat(report.checks().get(0).failingRowsSample().rows()).hasSize(10);
    QualityReport three =
        run(
            "cars",
            c -> c.isContainedIn("Origin", Set.of("USA")),
            QualityOptions.defaults().withHistory(false).withSampleRows(3));
    assertThat(three.checks().get(0).failingRowsSample().rows()).hasSize(3);
  }

  @Test
  void uniquenessIsShareOfRowsWhoseValueOccursOnce() {
    QualityReport report = run("cars", c -> c.isUnique("Name"));
    CheckResult name = report.checks().get(0);
    assertThat(name.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(name.metric()).isCloseTo(254.0 / 406, within(EPS));
    assertThat(name.failingRows()).isEqualTo(152);
    assertThat(name.message()).contains("311 distinct non-null values");
    CheckResult date = only("weather", c -> c.isUnique("date"));
    assertThat(date.status()).isEqualTo(CheckStatus.PASSED);
    assertThat(date.metric()).isEqualTo(1.0);
  }

  @Test
  void primaryKeyFailsOnDuplicateCombinationsAndPassesOnUniqueKey() {
    CheckResult nameYear = only("cars", c -> c.isPrimaryKey("Name", "Year"));
    assertThat(nameYear.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(nameYear.metric()).isCloseTo(400.0 / 406, within(EPS));
    assertThat(nameYear.failingRows()).isEqualTo(6);
    assertThat(nameYear.message()).contains("0 of 406 rows have a null key column and 6 share");
    assertThat(nameYear.failingRowsSample().rows()).hasSize(6);
    assertThat(only("weather", c -> c.isPrimaryKey("date")).status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void primaryKeyCountsNullKeysAsViolations() {
    CheckResult result = only("cars", c -> c.isPrimaryKey("Name", "Horsepower"));
    assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(result.message()).contains("6 of 406 rows have a null key column");
  }

  @Test
  void distinctnessOfOneAndSeveralColumns() {
    QualityReport report =
        run(
            "cars",
            c ->
                c.hasDistinctness("Name", between(0.7, 0.8))
                    .hasDistinctness("Name", ge(0.9))
                    .hasDistinctness(List.of("Origin", "Cylinders"), le(0.05)));
    assertThat(report.checks().get(0).status()).isEqualTo(CheckStatus.PASSED);
    assertThat(report.checks().get(0).metric()).isCloseTo(311.0 / 406, within(EPS));
    assertThat(report.checks().get(1).status()).isEqualTo(CheckStatus.FAILED);
    assertThat(report.checks().get(2).metric()).isCloseTo(9.0 / 406, within(EPS));
    assertThat(report.checks().get(2).status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void allowedValuesPassWithEveryOriginAndFailWithExactShareWithoutJapan() {
    QualityReport report =
        run(
            "cars",
            c ->
                c.isContainedIn("Origin", Set.of("USA", "Europe", "Japan"))
                    .isContainedIn("Origin", List.of("USA", "Europe"))
                    .isContainedIn("Cylinders", List.of(4, 6, 8), ge(0.95)));
    assertThat(report.checks().get(0).status()).isEqualTo(CheckStatus.PASSED);
    assertThat(report.checks().get(0).metric()).isEqualTo(1.0);
    CheckResult noJapan = report.checks().get(1);
    assertThat(noJapan.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(noJapan.metric()).isCloseTo(327.0 / 406, within(EPS));
    assertThat(noJapan.failingRows()).isEqualTo(79);
    assertThat(noJapan.failingRowsSample().rows())
        .allSatisfy(row -> assertThat(row).contains("Japan"));
    assertThat(report.checks().get(2).status()).isEqualTo(CheckStatus.PASSED);
    assertThat(report.checks().get(2).metric()).isCloseTo(399.0 / 406, within(EPS));
  }

  @Test
  void statisticsMatchTheExactAggregatesAndPassOrFailByTheirBounds() {
    QualityReport report =
        run(
            "cars",
            c ->
                c.hasMin("Horsepower", ge(46))
                    .hasMin("Horsepower", gt(46))
                    .hasMax("Horsepower", le(230))
                    .hasMax("Horsepower", le(200))
                    .hasMean("Horsepower", between(105, 106))
                    .hasMean("Horsepower", ge(106))
                    .hasSum("Horsepower", Bound.eq(42_033))
                    .hasSum("Horsepower", ge(50_000))
                    .hasStandardDeviation("Horsepower", between(38, 39))
                    .hasStandardDeviation("Horsepower", le(10)));
    List<CheckResult> r = report.checks();
    assertThat(r)
        .extracting(CheckResult::metric)
        .containsExactly(
            46.0,
            46.0,
            230.0,
            230.0,
            105.0825,
            105.0825,
            42033.0,
            42033.0,
            38.768779183105224,
            38.768779183105224);
    for (int i = 0; i < r.size(); i++) {
      assertThat(r.get(i).status())
          .as(r.get(i).message())
          .isEqualTo(i % 2 == 0 ? CheckStatus.PASSED : CheckStatus.FAILED);
    }
    assertThat(r.get(4).message()).isEqualTo("mean of Horsepower is 105.0825 over 400 values");
    assertThat(r.get(3).message()).endsWith("; expected <= 200");
  }

  @Test
  void nonNegativeFailsOnNegativeTemperatures() {
    CheckResult cylinders = only("cars", c -> c.isNonNegative("Cylinders"));
    assertThat(cylinders.status()).isEqualTo(CheckStatus.PASSED);
    CheckResult temperature = only("weather", c -> c.isNonNegative("temp_min"));
    assertThat(temperature.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(temperature.metric()).isCloseTo(1 - 72.0 / 1461, within(EPS));
    assertThat(temperature.failingRows()).isEqualTo(72);
  }

  @Test
  void patternMatchesTheWholeValueWithTheRegexBound() {
    CheckResult result = only("cars", c -> c.matches("Name", "[a-z]+ .*"));
    assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(result.metric()).isCloseTo(402.0 / 406, within(EPS));
    assertThat(result.failingRowsSample().rows())
        .extracting(row -> row.get(0))
        .containsExactlyInAnyOrder("subaru", "subaru", "mercedes-benz 280s", "mercedes-benz 240d");
    assertThat(only("cars", c -> c.matches("Name", "[a-z]")).metric()).isEqualTo(0.0);
    CheckResult origin = only("cars", c -> c.matches("Origin", "[A-Z][A-Za-z]+"));
    assertThat(origin.status()).isEqualTo(CheckStatus.PASSED);
    assertThat(origin.metric()).isEqualTo(1.0);
    CheckResult cylinders = only("cars", c -> c.matches("Cylinders", "[3-8]"));
    assertThat(cylinders.status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void builtInPatternsRecogniseEmailsUrlsAndCardNumbers() {
    QualityReport report =
        run("contacts", c -> c.isEmail("email").isUrl("homepage").isCreditCard("card"));
    assertThat(report.checks())
        .extracting(CheckResult::metric)
        .containsExactly(0.5, 2.0 / 3, 2.0 / 3);
    assertThat(report.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.FAILED);
    assertThat(report.checks().get(0).failingRowsSample().rows())
        .extracting(row -> row.get(0))
        .containsExactly("not-an-email");
    assertThat(report.checks().get(1).failingRowsSample().rows())
        .extracting(row -> row.get(1))
        .containsExactly("example.com");
    assertThat(report.checks().get(2).failingRowsSample().rows())
        .extracting(row -> row.get(2))
        .containsExactly("1234");
    QualityReport tolerant =
        run(
            "contacts",
            c ->
                c.add(Check.Pattern.builtIn("email", CheckType.EMAIL, ge(0.5), Severity.ERROR))
                    .add(Check.Pattern.builtIn("homepage", CheckType.URL, ge(0.6), Severity.ERROR))
                    .add(
                        Check.Pattern.builtIn(
                            "card", CheckType.CREDIT_CARD, ge(0.6), Severity.ERROR)));
    assertThat(tolerant.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASSED);
  }

  @Test
  void dataTypeConformanceOfTextAndTypedColumns() {
    QualityReport text =
        run(
            "cars_text",
            c ->
                c.hasDataType("Horsepower", DataType.INTEGRAL)
                    .hasDataType("Acceleration", DataType.NUMERIC)
                    .hasDataType("Acceleration", DataType.INTEGRAL)
                    .hasDataType("Name", DataType.NUMERIC)
                    .hasDataType("Year", DataType.DATE));
    assertThat(text.checks())
        .extracting(CheckResult::metric)
        .containsExactly(1.0, 1.0, 124.0 / 406, 0.0, 1.0);
    assertThat(text.checks().get(2).failingRows()).isEqualTo(282);
    QualityReport typed =
        run(
            "cars",
            c ->
                c.hasDataType("Miles_per_Gallon", DataType.INTEGRAL)
                    .hasDataType("Cylinders", DataType.INTEGRAL)
                    .hasDataType("Year", DataType.TIMESTAMP)
                    .hasDataType("Origin", DataType.BOOLEAN));
    assertThat(typed.checks())
        .extracting(CheckResult::metric)
        .containsExactly(259.0 / 398, 1.0, 1.0, 0.0);
    assertThat(typed.checks())
        .extracting(CheckResult::status)
        .containsExactly(
            CheckStatus.FAILED, CheckStatus.PASSED, CheckStatus.PASSED, CheckStatus.FAILED);
  }

  @Test
  void rowCountWithinAndOutsideItsBound() {
    QualityReport report =
        run("birdstrikes", c -> c.hasRowCount(between(9_000, 11_000)).hasRowCount(gt(10_000)));
    assertThat(report.checks()).extracting(CheckResult::metric).containsExactly(10_000.0, 10_000.0);
    assertThat(report.checks())
        .extracting(CheckResult::status)
        .containsExactly(CheckStatus.PASSED, CheckStatus.FAILED);
  }

  @Test
  void customPredicateCountsViolatingRowsThroughTheGuardedPath() {
    QualityReport report =
        run(
            "cars",
            c ->
                c.satisfies("strong", "Horsepower > 50")
                    .satisfies(
                        "total cost", "\"Cost Total $\" = \"Cost Other\" + \"Cost Repair\""));
    CheckResult strong = report.checks().get(0);
    assertThat(strong.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(strong.name()).isEqualTo("strong");
    assertThat(strong.metric()).isCloseTo(399.0 / 406, within(EPS));
    assertThat(strong.failingRows()).isEqualTo(7);
    assertThat(strong.failingRowsSample().rows()).hasSize(7);
    CheckResult unknown = report.checks().get(1);
    assertThat(unknown.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(unknown.message()).contains("Cost Total $");
    CheckResult cost =
        only(
            "birdstrikes",
            c -> c.satisfies("total cost", "\"Cost Total $\" = \"Cost Other\" + \"Cost Repair\""));
    assertThat(cost.status()).isEqualTo(CheckStatus.PASSED);
    assertThat(cost.metric()).isEqualTo(1.0);
  }

  @Test
  void freshnessComparesTheNewestValueWithTheClock() {
    QualityReport report =
        run(
            "cars",
            c -> c.isFresh("Year", Duration.ofDays(365)).isFresh("Year", Duration.ofDays(20_000)));
    assertThat(report.checks().get(0).metric()).isEqualTo(1.325376e9);
    assertThat(report.checks().get(0).status()).isEqualTo(CheckStatus.FAILED);
    assertThat(report.checks().get(0).message()).contains("1982-01-01T00:00:00Z");
    assertThat(report.checks().get(1).status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void referentialIntegrityFindsValuesMissingFromTheOtherTable() {
    CheckResult result = only("cars", c -> c.referencesTable("Origin", "origins", "name"));
    assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(result.metric()).isCloseTo(327.0 / 406, within(EPS));
    assertThat(result.failingRows()).isEqualTo(79);
    assertThat(result.message()).contains("not found in origins.name");
    CheckResult self = only("cars", c -> c.referencesTable("Name", "cars", "Name"));
    assertThat(self.status()).isEqualTo(CheckStatus.PASSED);
    assertThat(self.metric()).isEqualTo(1.0);
    CheckResult missing = only("cars", c -> c.referencesTable("Origin", "countries", "name"));
    assertThat(missing.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(missing.message()).isEqualTo("Table 'countries' does not exist");
  }

  @Test
  void schemaChecksCompareColumnsIgnoringCaseAndTypeAliases() {
    QualityReport report =
        run(
            "cars",
            c ->
                c.hasColumns("Name", "horsepower")
                    .hasColumns("Name", "Price", "Owner")
                    .lacksColumns("ssn")
                    .lacksColumns("NAME")
                    .hasColumnType("Horsepower", "BIGINT")
                    .hasColumnType("Horsepower", "int8")
                    .hasColumnType("Horsepower", "DOUBLE"));
    assertThat(report.checks())
        .extracting(CheckResult::status)
        .containsExactly(
            CheckStatus.PASSED,
            CheckStatus.FAILED,
            CheckStatus.PASSED,
            CheckStatus.FAILED,
            CheckStatus.PASSED,
            CheckStatus.PASSED,
            CheckStatus.FAILED);
    assertThat(report.checks().get(1).metric()).isEqualTo(2.0);
    assertThat(report.checks().get(1).message()).isEqualTo("missing columns: Price, Owner");
    assertThat(report.checks().get(3).message()).isEqualTo("forbidden columns present: Name");
    assertThat(report.checks().get(6).message())
        .isEqualTo("Horsepower has type BIGINT; expected DOUBLE");
  }

  @Test
  void checksThatCannotRunReportErrorsWithoutFailingTheOthers() {
    QualityReport report =
        run(
            "cars",
            c ->
                c.isComplete("Nope")
                    .hasMin("Name", ge(0))
                    .matches("Name", "([a-z")
                    .isFresh("Name", Duration.ofDays(1))
                    .isContainedIn("Cylinders", List.of("four"))
                    .isComplete("Name"));
    assertThat(report.checks())
        .extracting(CheckResult::status)
        .containsExactly(
            CheckStatus.ERROR,
            CheckStatus.ERROR,
            CheckStatus.ERROR,
            CheckStatus.ERROR,
            CheckStatus.ERROR,
            CheckStatus.PASSED);
    assertThat(report.checks().get(0).message())
        .isEqualTo("Column 'Nope' does not exist in table 'cars'");
    assertThat(report.checks().get(1).message()).contains("min needs a numeric column");
    assertThat(report.checks().get(2).message()).contains("regular expression is not valid");
    assertThat(report.passed()).isFalse();
  }

  @Test
  void warningChecksDoNotFailTheRun() {
    QualityReport report =
        run("cars", c -> c.isComplete("Name").isComplete("Horsepower").asWarning());
    assertThat(report.checks().get(1).status()).isEqualTo(CheckStatus.WARNING);
    assertThat(report.checks().get(1).severity()).isEqualTo(Severity.WARNING);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void quotedColumnNamesWithSpacesAndSymbolsWork() {
    QualityReport report =
        run(
            "birdstrikes",
            c ->
                c.isComplete("Speed IAS in knots")
                    .isNonNegative("Cost Total $")
                    .isContainedIn("Wildlife Size", List.of("Small", "Medium", "Large")));
    assertThat(report.checks().get(0).metric()).isCloseTo(0.7164, within(EPS));
    assertThat(report.checks().get(1).status()).isEqualTo(CheckStatus.PASSED);
    assertThat(report.checks().get(2).status()).isEqualTo(CheckStatus.PASSED);
  }

  @Test
  void missingTableFailsTheRunWithTableNotFound() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> run("nope", c -> c.isComplete("x")))
        .isInstanceOf(io.udb.api.NotFoundException.class)
        .extracting(e -> ((io.udb.api.UdbException) e).code())
        .isEqualTo(io.udb.api.ErrorCode.TABLE_NOT_FOUND);
  }
}

package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.PiiTag;
import io.udb.security.pii.TableClassification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfilerTest {
  private static final Offset<Double> EXACT = within(1e-9);

  private TestBoxes boxes;

  @BeforeAll
  void createTables() {
    boxes = new TestBoxes();
    boxes.sql(
        "CREATE TABLE nums AS SELECT i,"
            + " CASE WHEN i % 17 = 0 THEN NULL WHEN i = 5 THEN 'nan'::DOUBLE"
            + " WHEN i = 6 THEN 'inf'::DOUBLE WHEN i = 7 THEN '-inf'::DOUBLE"
            + " ELSE ((i * 37) % 101 - 30) / 4.0 END AS x,"
            + " CAST((i * 53) % 29 AS BIGINT) AS y"
            + " FROM range(200) t(i)");
    boxes.sql(
        "CREATE TABLE corr AS SELECT i,"
            + " (i * 37) % 101 + i % 3 AS y, i * i - 3 * (i % 7) AS z,"
            + " ['a', 'b', 'c'][i % 3 + 1] AS a, CASE WHEN i % 5 < 2 THEN 'p' ELSE 'q' END AS b,"
            + " CASE WHEN i % 5 < 3 THEN 'u' ELSE 'v' END AS c"
            + " FROM range(150) t(i)");
  }

  @AfterAll
  void close() {
    boxes.close();
  }

  @Test
  void numericStatisticsMatchPandasFormulas() {
    Profile p = boxes.profile("nums");
    ColumnProfile x = p.column("x").orElseThrow();
    double[] finite =
        PandasReference.doubles(boxes.rows("SELECT x FROM nums WHERE isfinite(x)"), 0);

    assertThat(x.kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(x.missing()).isEqualTo(12 + 1); // 12 NULLs (i % 17 == 0) and one NaN
    assertThat(x.count()).isEqualTo(200 - 13);
    assertThat(x.numeric().infinite()).isEqualTo(2);
    assertThat(x.numeric().negatives())
        .isEqualTo(
            Long.valueOf(
                boxes.rows("SELECT count(*) FROM nums WHERE x < 0").get(0).get(0).toString()));
    assertThat(x.numeric().zeros())
        .isEqualTo(
            Long.valueOf(
                boxes.rows("SELECT count(*) FROM nums WHERE x = 0").get(0).get(0).toString()));
    assertThat(x.mean()).isCloseTo(PandasReference.mean(finite), EXACT);
    assertThat(x.numeric().skewness()).isCloseTo(PandasReference.skew(finite), EXACT);
    assertThat(x.numeric().kurtosis()).isCloseTo(PandasReference.kurt(finite), EXACT);
    assertThat(x.numeric().mad()).isCloseTo(PandasReference.mad(finite), EXACT);
    for (String key : ColumnProfile.QUANTILE_KEYS) {
      assertThat(x.quantile(key))
          .as("quantile " + key)
          .isCloseTo(PandasReference.quantile(finite, Double.parseDouble(key)), EXACT);
    }
    assertThat(x.numeric().iqr()).isCloseTo(x.quantile("0.75") - x.quantile("0.25"), EXACT);
    assertThat(x.numeric().range()).isCloseTo((Double) x.max() - (Double) x.min(), EXACT);
    assertThat(x.numeric().cv()).isCloseTo(x.std() / x.mean(), EXACT);
    assertThat(x.numeric().histogram()).hasSize(20);
    assertThat(x.numeric().histogram().stream().mapToLong(HistogramBin::count).sum())
        .isEqualTo(finite.length);
    assertThat(x.numeric().histogram().get(0).lower()).isEqualTo((Double) x.min());
    assertThat(x.numeric().histogram().get(19).upper()).isEqualTo((Double) x.max());
    assertThat(x.numeric().smallest().get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ProfileJson.toMap(boxes.profile("nums")).toString()).contains("value=-Infinity");
    assertThat(x.numeric().largest().get(0).value()).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void integerColumnsKeepWholeExtremesAndCountDistinctValues() {
    ColumnProfile y = boxes.profile("nums").column("y").orElseThrow();

    assertThat(y.min()).isEqualTo(0L);
    assertThat(y.max()).isEqualTo(28L);
    assertThat(y.distinct()).isEqualTo(29);
    assertThat(y.numeric().smallest())
        .extracting(ValueCount::value)
        .containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(y.numeric().largest())
        .extracting(ValueCount::value)
        .containsExactly(28L, 27L, 26L, 25L, 24L);
    assertThat(y.topValues()).hasSize(10);
    // 200 rows over 29 values: 26 values 7 times, 3 values 6 times; ties by ascending value
    assertThat(y.topValues().get(0).count()).isEqualTo(7);
    assertThat(y.topValues()).extracting(ValueCount::value).isSorted();
  }

  @Test
  void madOfIntegerAndDecimalColumnsComesFromTheirValueCountsAndMatchesPandas() {
    boxes.sql(
        "CREATE TABLE deviations AS SELECT CAST((i * 37) % 101 - 30 AS INTEGER) AS k,"
            + " CAST(((i * 53) % 997) / 8.0 AS DECIMAL(9, 3)) AS d,"
            + " ((i * 37) % 101) / 3.0 AS f FROM range(1000) t(i)");
    List<String> statements = new ArrayList<>();
    Profile p;
    try (SqlSession session = boxes.box.openSession(TestBoxes.TENANT)) {
      p =
          boxes.profiler.profile(
              new RecordingSession(session, statements),
              TableRef.of("deviations"),
              ProfileOptions.defaults());
    }
    for (String column : List.of("k", "d", "f")) {
      double[] values =
          PandasReference.doubles(boxes.rows("SELECT " + column + " FROM deviations"), 0);
      assertThat(p.column(column).orElseThrow().numeric().mad())
          .as(column)
          .isCloseTo(PandasReference.mad(values), EXACT);
    }
    // the selection over the rows is left for the double column, whose values are not bounded
    List<String> selections =
        statements.stream().filter(sql -> sql.contains("quantile_disc")).toList();
    assertThat(selections).hasSize(1);
    assertThat(selections.get(0)).contains("abs(f2 - ").doesNotContain("abs(f0 - ", "abs(f1 - ");
  }

  @Test
  void pearsonIsMissingForAColumnWhoseVarianceOverflows() {
    // values near the double range: the engine's variance is infinite and its r a meaningless 0
    boxes.sql(
        "CREATE TABLE huge AS SELECT i, CASE WHEN i = 3 THEN 1e300 ELSE i END::DOUBLE AS h,"
            + " (i * 7) % 5 AS k FROM range(20) t(i)");

    Correlations corr = boxes.profile("huge").correlations();

    assertThat(corr.pearson().get("h", "i")).isNull();
    assertThat(corr.pearson().get("h", "k")).isNull();
    assertThat(corr.pearson().get("i", "k")).isNotNull();
    assertThat(corr.spearman().get("h", "i")).isNotNull();
  }

  @Test
  void correlationsMatchPandasAndYdata() {
    Profile p = boxes.profile("corr");
    List<List<Object>> rows = boxes.rows("SELECT i, y, z, a, b, c FROM corr ORDER BY i");
    double[] i = PandasReference.doubles(rows, 0);
    double[] y = PandasReference.doubles(rows, 1);
    double[] z = PandasReference.doubles(rows, 2);
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    List<String> c = new ArrayList<>();
    rows.forEach(
        r -> {
          a.add((String) r.get(3));
          b.add((String) r.get(4));
          c.add((String) r.get(5));
        });

    Correlations corr = p.correlations();
    assertThat(corr.pearson().get("i", "y")).isCloseTo(PandasReference.pearson(i, y), EXACT);
    assertThat(corr.pearson().get("y", "z")).isCloseTo(PandasReference.pearson(y, z), EXACT);
    assertThat(corr.spearman().get("i", "y")).isCloseTo(PandasReference.spearman(i, y), EXACT);
    assertThat(corr.spearman().get("z", "y")).isCloseTo(PandasReference.spearman(z, y), EXACT);
    assertThat(corr.spearman().get("i", "i")).isEqualTo(1.0);
    assertThat(corr.cramersV().columns()).containsExactly("a", "b", "c");
    assertThat(corr.cramersV().get("a", "b")).isCloseTo(PandasReference.cramersV(a, b), EXACT);
    assertThat(corr.cramersV().get("b", "c")).isCloseTo(PandasReference.cramersV(b, c), EXACT);
    assertThat(corr.cramersV().get("c", "a")).isCloseTo(PandasReference.cramersV(c, a), EXACT);
  }

  @Test
  void stringStatisticsCountLengthsClassesAndFrequencies() {
    boxes.sql(
        "CREATE TABLE words AS SELECT * FROM (VALUES ('apple'), ('apple'), ('apple'),"
            + " ('Banana split'), ('Banana split'), ('chérie, 42!'), (NULL)) t(s)");
    ColumnProfile s = boxes.profile("words").column("s").orElseThrow();

    assertThat(s.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(s.count()).isEqualTo(6);
    assertThat(s.missing()).isEqualTo(1);
    assertThat(s.distinct()).isEqualTo(3);
    assertThat(s.topValues())
        .extracting(ValueCount::value, ValueCount::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("apple", 3L),
            org.assertj.core.groups.Tuple.tuple("Banana split", 2L),
            org.assertj.core.groups.Tuple.tuple("chérie, 42!", 1L));
    assertThat(s.min()).isEqualTo("Banana split");
    assertThat(s.max()).isEqualTo("chérie, 42!");
    StringStats st = s.strings();
    assertThat(st.minLength()).isEqualTo(5);
    assertThat(st.maxLength()).isEqualTo(12);
    assertThat(st.meanLength()).isCloseTo((3 * 5 + 2 * 12 + 11) / 6.0, EXACT);
    assertThat(st.medianLength()).isCloseTo(8.0, EXACT); // lengths 5 5 5 11 12 12
    double h = -(0.5 * log2(0.5) + (2 / 6.0) * log2(2 / 6.0) + (1 / 6.0) * log2(1 / 6.0));
    assertThat(st.entropy()).isCloseTo(h, EXACT);
    assertThat(st.imbalance()).isCloseTo(1 - h / log2(3), EXACT);
    CharacterStats chars = st.characters();
    long total = 3 * 5 + 2 * 12 + 11;
    assertThat(chars.total()).isEqualTo(total);
    assertThat(chars.letters()).isCloseTo((15 + 2 * 11 + 6) / (double) total, EXACT);
    assertThat(chars.digits()).isCloseTo(2.0 / total, EXACT);
    assertThat(chars.spaces()).isCloseTo(3.0 / total, EXACT);
    assertThat(chars.punctuation()).isCloseTo(2.0 / total, EXACT);
    assertThat(chars.nonAscii()).isCloseTo(1.0 / total, EXACT);
    assertThat(chars.other()).isCloseTo(0.0, EXACT);
  }

  @Test
  void booleansCountTrueFalseAndImbalance() {
    boxes.sql(
        "CREATE TABLE flags AS SELECT * FROM (VALUES (true), (true), (true), (false), (NULL)) t(f)");
    ColumnProfile f = boxes.profile("flags").column("f").orElseThrow();

    assertThat(f.kind()).isEqualTo(ColumnKind.BOOLEAN);
    assertThat(f.bool().trueCount()).isEqualTo(3);
    assertThat(f.bool().falseCount()).isEqualTo(1);
    assertThat(f.missing()).isEqualTo(1);
    double h = -(0.75 * log2(0.75) + 0.25 * log2(0.25));
    assertThat(f.bool().imbalance()).isCloseTo(1 - h, EXACT);
    assertThat(f.min()).isNull();
  }

  @Test
  void datetimeHistogramChoosesAPeriodFromTheRangeOrTheOption() {
    boxes.sql(
        "CREATE TABLE days AS SELECT DATE '2020-01-01' + CAST(i * 3 AS INTEGER) AS d,"
            + " TIMESTAMP '2021-03-04 05:06:07' + INTERVAL (i) HOUR AS ts FROM range(200) t(i)");
    ColumnProfile d = boxes.profile("days").column("d").orElseThrow();

    assertThat(d.kind()).isEqualTo(ColumnKind.DATETIME);
    assertThat(d.min()).isEqualTo("2020-01-01");
    assertThat(d.max()).isEqualTo("2021-08-20");
    assertThat(d.datetime().rangeSeconds()).isEqualTo(597 * 86_400.0);
    assertThat(d.datetime().period()).isEqualTo("month");
    assertThat(d.datetime().histogram().get(0)).isEqualTo(new PeriodCount("2020-01-01", 11));
    assertThat(d.datetime().histogram()).hasSize(20);
    ColumnProfile ts = boxes.profile("days").column("ts").orElseThrow();
    assertThat(ts.datetime().period()).isEqualTo("day");
    assertThat(ts.min()).isEqualTo("2021-03-04T05:06:07");

    Profile yearly = boxes.profile("days", ProfileOptions.builder().datetimePeriod("year").build());
    assertThat(yearly.column("d").orElseThrow().datetime().histogram())
        .containsExactly(new PeriodCount("2020-01-01", 122), new PeriodCount("2021-01-01", 78));
  }

  @Test
  void stringKindsFollowDistinctCountsAndCodesKeepTheirLeadingZeros() {
    boxes.sql(
        "CREATE TABLE codes AS SELECT lpad(CAST(i % 40 AS VARCHAR), 5, '0') AS zip,"
            + " 'name ' || CAST(i AS VARCHAR) AS label FROM range(1000) t(i)");
    Profile p = boxes.profile("codes");

    ColumnProfile zip = p.column("zip").orElseThrow();
    assertThat(zip.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(zip.type()).isEqualTo("VARCHAR");
    assertThat(zip.topValues().get(0).value()).isEqualTo("00000");
    assertThat(zip.min()).isEqualTo("00000");
    assertThat(p.column("label").orElseThrow().kind()).isEqualTo(ColumnKind.TEXT);

    Profile loose =
        boxes.profile("codes", ProfileOptions.builder().categoricalMaxDistinct(1000).build());
    assertThat(loose.column("label").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
  }

  @Test
  void duplicateRowsCountRepeatsWithMissingValuesComparingEqual() {
    boxes.sql(
        "CREATE TABLE dups AS SELECT * FROM (VALUES (1, 'a'), (1, 'a'), (1, 'a'), (NULL, NULL),"
            + " (NULL, NULL), (2, 'b'), (2, NULL)) t(k, v)");
    Profile p = boxes.profile("dups");

    assertThat(p.duplicateRows()).isEqualTo(3);
    assertThat(p.duplicateShare()).isCloseTo(3 / 7.0, EXACT);
    assertThat(p.alerts(AlertType.DUPLICATES)).hasSize(1);
    assertThat(p.missingCells()).isEqualTo(5);
    assertThat(p.missingCellsShare()).isCloseTo(5 / 14.0, EXACT);
  }

  @Test
  void alertsFollowYdataDefaultsAndCanBeReconfigured() {
    boxes.sql(
        "CREATE TABLE alerting AS SELECT i AS id, 7 AS constant,"
            + " CASE WHEN i % 20 = 0 THEN NULL ELSE i % 3 END AS sparse,"
            + " CASE WHEN i = 0 THEN 1000000.0 ELSE 0.0 END AS spike,"
            + " CASE WHEN i < 1990 THEN 'common' ELSE 'rare' || CAST(i AS VARCHAR) END AS lopsided,"
            + " 'c' || CAST(i % 60 AS VARCHAR) AS many, i * 2 + 1 AS twice,"
            + " CASE WHEN i % 10 = 0 THEN 'inf'::DOUBLE ELSE i END AS infinite"
            + " FROM range(2000) t(i)");
    Profile p = boxes.profile("alerting");

    assertThat(p.alerts(AlertType.UNIQUE)).extracting(Alert::column).contains("id", "twice");
    assertThat(p.alerts(AlertType.CONSTANT)).extracting(Alert::column).containsExactly("constant");
    assertThat(p.alerts(AlertType.MISSING)).extracting(Alert::column).containsExactly("sparse");
    assertThat(p.alerts(AlertType.ZEROS)).extracting(Alert::column).contains("sparse", "spike");
    assertThat(p.alerts(AlertType.SKEWED)).extracting(Alert::column).containsExactly("spike");
    assertThat(p.alerts(AlertType.IMBALANCE)).extracting(Alert::column).contains("lopsided");
    assertThat(p.alerts(AlertType.HIGH_CARDINALITY))
        .extracting(Alert::column)
        .containsExactly("many");
    assertThat(p.alerts(AlertType.INFINITE)).extracting(Alert::column).containsExactly("infinite");
    assertThat(p.alerts(AlertType.HIGH_CORRELATION))
        .anySatisfy(
            a -> {
              assertThat(a.column()).isEqualTo("id");
              assertThat(a.otherColumn()).isEqualTo("twice");
              assertThat(a.value()).isCloseTo(1.0, EXACT);
            });
    assertThat(p.alerts(AlertType.DUPLICATES)).isEmpty();
    assertThat(p.alerts(AlertType.UNIFORM)).extracting(Alert::column).contains("id");

    ProfileOptions relaxed =
        ProfileOptions.builder()
            .alerts(
                AlertThresholds.builder()
                    .missing(0.2)
                    .skewness(100)
                    .highCardinality(100)
                    .disable(AlertType.ZEROS, AlertType.UNIFORM)
                    .build())
            .build();
    Profile q = boxes.profile("alerting", relaxed);
    assertThat(q.alerts(AlertType.MISSING)).isEmpty();
    assertThat(q.alerts(AlertType.SKEWED)).isEmpty();
    assertThat(q.alerts(AlertType.HIGH_CARDINALITY)).isEmpty();
    assertThat(q.alerts(AlertType.ZEROS)).isEmpty();
    assertThat(q.alerts(AlertType.UNIFORM)).isEmpty();
    assertThat(q.alerts(AlertType.CONSTANT)).hasSize(1);
  }

  @Test
  void emptyTableGivesAnEmptyAlertAndValidDocument() {
    boxes.sql("CREATE TABLE nothing (a INTEGER, b VARCHAR, c DATE, d BOOLEAN)");
    Profile p = boxes.profile("nothing");

    assertThat(p.rowCount()).isZero();
    assertThat(p.alerts()).extracting(Alert::type).containsExactly(AlertType.EMPTY);
    assertThat(p.column("a").orElseThrow().quantiles()).isNull();
    assertThat(p.column("a").orElseThrow().numeric().histogram()).isEmpty();
    assertThat(p.sample().rows()).isEmpty();
  }

  @Test
  void minimalModeSkipsCorrelationsAndDuplicates() {
    Profile full = boxes.profile("corr");
    Profile minimal = boxes.profile("corr", ProfileOptions.builder().minimal(true).build());

    assertThat(minimal.correlations()).isNull();
    assertThat(minimal.duplicateRows()).isNull();
    assertThat(minimal.run().minimal()).isTrue();
    assertThat(minimal.run().queries()).isLessThan(full.run().queries());
    assertThat(minimal.run().scans()).isLessThan(full.run().scans());
    assertThat(minimal.column("y").orElseThrow().quantiles())
        .isEqualTo(full.column("y").orElseThrow().quantiles());
    assertThat(full.column("a").orElseThrow().strings().characters()).isNotNull();
    assertThat(minimal.column("a").orElseThrow().strings().characters()).isNull();
    assertThat(minimal.column("a").orElseThrow().strings().meanLength()).isEqualTo(1.0);
    // the smallest and largest strings come from the value counts in every mode
    for (Profile profile : List.of(full, minimal)) {
      assertThat(profile.column("a").orElseThrow().min()).isEqualTo("a");
      assertThat(profile.column("a").orElseThrow().max()).isEqualTo("c");
    }
  }

  @Test
  void approximateModeSketchesNumericDistinctCountsAndQuantiles() {
    boxes.sql(
        "CREATE TABLE big AS SELECT i, CAST(hash(i) % 1000 AS DOUBLE) AS h,"
            + " 'k' || CAST(i % 7 AS VARCHAR) AS k, CAST(NULL AS VARCHAR) AS none"
            + " FROM range(20000) t(i)");
    Profile exact = boxes.profile("big");
    Profile approx = boxes.profile("big", ProfileOptions.builder().approximate(true).build());

    ColumnProfile h = approx.column("h").orElseThrow();
    assertThat(h.distinctApproximate()).isTrue();
    assertThat((double) h.distinct()).isCloseTo(1000, within(50.0));
    assertThat(h.quantile("0.5"))
        .isCloseTo(exact.column("h").orElseThrow().quantile("0.5"), within(25.0));
    assertThat(h.topValues()).isEmpty();
    assertThat(h.numeric().smallest()).allSatisfy(v -> assertThat(v.count()).isNull());
    assertThat(h.numeric().mad())
        .isCloseTo(exact.column("h").orElseThrow().numeric().mad(), within(25.0));
    ColumnProfile k = approx.column("k").orElseThrow();
    assertThat(k.distinctApproximate()).isFalse();
    assertThat(k.distinct()).isEqualTo(7);
    assertThat(k.min()).isEqualTo("k0");
    assertThat(k.max()).isEqualTo("k6");
    assertThat(approx.column("none").orElseThrow().min()).isNull();
    assertThat(exact.column("none").orElseThrow().max()).isNull();
    assertThat(approx.correlations().spearman().get("i", "h"))
        .isCloseTo(exact.correlations().spearman().get("i", "h"), within(0.05));
    // no UNIQUE alert from a sketched count; i holds 0..19999, which is known exactly
    assertThat(approx.alerts(AlertType.UNIQUE)).extracting(Alert::column).containsExactly("i");
    assertThat(approx.column("i").orElseThrow().distinctApproximate()).isFalse();
  }

  @Test
  void valuesAreMaskedForPrincipalsWithoutPiiRights() {
    boxes.sql(
        "CREATE TABLE people AS SELECT * FROM (VALUES ('john.doe@example.com', 'x1'),"
            + " ('jane.roe@example.org', 'x2'), ('john.doe@example.com', 'x3')) t(contact, code)");
    Principal viewer = Principal.of("v", TestBoxes.TENANT, Role.VIEWER);
    Principal admin = Principal.of("a", TestBoxes.TENANT, Role.ADMIN);

    Profile masked = boxes.profile("people", ProfileOptions.builder().principal(viewer).build());
    ColumnProfile contact = masked.column("contact").orElseThrow();
    assertThat(masked.run().masked()).isTrue();
    assertThat(contact.topValues().get(0).value()).isEqualTo("j***@example.com");
    assertThat(contact.topValues().get(0).count()).isEqualTo(2);
    assertThat(contact.min()).isEqualTo("j***@example.org");
    assertThat(masked.sample().rows().get(0).get(0)).isEqualTo("j***@example.com");
    assertThat(masked.sample().rows().get(0).get(1)).isEqualTo("x1");

    Profile raw = boxes.profile("people", ProfileOptions.builder().principal(admin).build());
    assertThat(raw.run().masked()).isFalse();
    assertThat(raw.column("contact").orElseThrow().topValues().get(0).value())
        .isEqualTo("john.doe@example.com");
    assertThat(boxes.profile("people").sample().rows().get(0).get(0))
        .isEqualTo("john.doe@example.com");

    TableClassification secretCodes =
        new TableClassification(
            "people",
            Map.of(
                "code",
                new ColumnClassification(
                    "code", Set.of(PiiTag.custom("code")), 1.0, ColumnClassification.BASIS_NAME)));
    Profile classified =
        boxes.profile(
            "people",
            ProfileOptions.builder().principal(viewer).classification(secretCodes).build());
    assertThat(classified.column("code").orElseThrow().topValues())
        .extracting(ValueCount::value)
        .containsOnly("***");
  }

  @Test
  void oddTableAndColumnNamesAreQuotedAndLongValuesShortened() {
    boxes.sql(
        "CREATE TABLE \"we\"\"ird table\" AS SELECT repeat('x', 500) AS \"na\"\"me; DROP\","
            + " i AS \"ü (Ω)\" FROM range(3) t(i)");
    Profile p = boxes.profile("we\"ird table", ProfileOptions.builder().maxValueLength(20).build());

    assertThat(p.table()).isEqualTo("we\"ird table");
    ColumnProfile text = p.column("na\"me; DROP").orElseThrow();
    assertThat(text.topValues().get(0).value()).isEqualTo("x".repeat(20) + "…");
    assertThat(p.sample().rows().get(0).get(0)).isEqualTo("x".repeat(20) + "…");
    assertThat(p.column("ü (Ω)").orElseThrow().numeric().sum()).isEqualTo(3.0);
  }

  @Test
  void unknownTableFailsWithTableNotFound() {
    assertThatThrownBy(() -> boxes.profile("no_such_table"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no_such_table")
        .satisfies(
            e -> assertThat(((NotFoundException) e).code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
  }

  @Test
  void fullProfileSendsFiveStatementsAndSaysSo() {
    List<String> statements = new ArrayList<>();
    Profile p;
    try (SqlSession session = boxes.box.openSession(TestBoxes.TENANT)) {
      SqlSession counting = new RecordingSession(session, statements);
      p = boxes.profiler.profile(counting, TableRef.of("corr"), ProfileOptions.defaults());
    }
    // describe, moments, distribution, Cramér's V, sample; column i is a key, so the duplicate
    // rows are known to be none without grouping all columns, and the MADs of the integer
    // columns come from their value counts, so no selection over the rows is needed
    assertThat(statements).hasSize(5);
    assertThat(p.run().queries()).isEqualTo(5);
    assertThat(p.duplicateRows()).isZero();
    assertThat(statements).noneMatch(sql -> sql.contains("sum(n - 1)"));
    assertThat(statements).noneMatch(sql -> sql.contains("quantile_disc"));
    // moments 1; distribution: groupings, rank join; Cramér 1
    assertThat(p.run().scans()).isEqualTo(4);
  }

  @Test
  void wideTablesCapTheCorrelatedColumns() {
    StringBuilder columns = new StringBuilder("i");
    for (int c = 0; c < 70; c++) {
      columns.append(", (i * ").append(c + 1).append(") % 13 AS n").append(c);
    }
    boxes.sql("CREATE TABLE wide AS SELECT " + columns + " FROM range(100) t(i)");
    Profile p = boxes.profile("wide");

    assertThat(p.columnCount()).isEqualTo(71);
    assertThat(p.correlations().pearson().columns()).hasSize(20);
    assertThat(p.column("n69").orElseThrow().distinct()).isEqualTo(13);
    // the MAD of all 71 numeric columns, four columns per statement
    for (int c : new int[] {0, 4, 41, 69}) {
      double[] values = new double[100];
      for (int i = 0; i < values.length; i++) {
        values[i] = (i * (c + 1)) % 13;
      }
      assertThat(p.column("n" + c).orElseThrow().numeric().mad())
          .isCloseTo(PandasReference.mad(values), EXACT);
    }
    assertThat(p.column("i").orElseThrow().numeric().mad()).isEqualTo(25.0);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}

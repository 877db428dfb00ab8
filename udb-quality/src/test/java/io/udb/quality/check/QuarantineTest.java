package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quarantine table holds every violating row of each failed row-level check. */
class QuarantineTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");

  private DataBox box;
  private final QualityService service = new QualityService();

  @BeforeEach
  void load() {
    box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    TestTables.load(box, TENANT, "cars.csv", "cars");
  }

  @AfterEach
  void close() {
    box.close();
  }

  private QualityReport run(CheckSuite suite) {
    return service.run(
        box,
        TENANT,
        TableRef.of("cars"),
        suite,
        QualityOptions.defaults().withQuarantine(true).withHistory(false));
  }

  private QueryResult query(String sql) {
    try (SqlSession session = box.openSession(TENANT)) {
      return session.query(sql, List.of());
    }
  }

  @Test
  void writesAllViolatingRowsWithCheckAndTimestamp() {
    QualityReport report =
        run(
            Checks.on("cars")
                .isComplete("Name")
                .isComplete("Horsepower")
                .isComplete("Miles_per_Gallon")
                .satisfies("strong", "Horsepower > 50")
                .isContainedIn("Origin", List.of("USA", "Europe"))
                .hasMean("Horsepower", Bound.ge(200))
                .build());
    assertThat(report.quarantine()).isEqualTo(new QuarantineResult("cars__quarantine", 100));
    QueryResult byCheck =
        query(
            "SELECT \"_udb_check\", count(*), min(\"_udb_quarantined_at\")"
                + " FROM cars__quarantine GROUP BY 1 ORDER BY 1");
    assertThat(byCheck.rows())
        .containsExactly(
            List.of("allowed_values(Origin) in [USA, Europe] == 1", 79L, "2024-05-06T07:08:09"),
            List.of("completeness(Horsepower) == 1", 6L, "2024-05-06T07:08:09"),
            List.of("completeness(Miles_per_Gallon) == 1", 8L, "2024-05-06T07:08:09"),
            List.of("satisfies(strong) == 1", 7L, "2024-05-06T07:08:09"));
    QueryResult columns = query("SELECT * FROM cars__quarantine LIMIT 0");
    assertThat(columns.columns())
        .extracting(c -> c.name())
        .containsExactly(
            "Name",
            "Miles_per_Gallon",
            "Cylinders",
            "Displacement",
            "Horsepower",
            "Weight_in_lbs",
            "Acceleration",
            "Year",
            "Origin",
            "_udb_check",
            "_udb_quarantined_at");
    QueryResult hp =
        query(
            "SELECT count(*) FROM cars__quarantine"
                + " WHERE \"_udb_check\" = 'completeness(Horsepower) == 1' AND Horsepower IS NULL");
    assertThat(hp.rows().get(0).get(0)).isEqualTo(6L);
  }

  @Test
  void rerunReplacesTheQuarantineAtomicallyAndEmptiesItWhenNothingFails() {
    run(Checks.on("cars").isComplete("Horsepower").build());
    assertThat(query("SELECT count(*) FROM cars__quarantine").rows().get(0).get(0)).isEqualTo(6L);
    QualityReport clean = run(Checks.on("cars").isComplete("Name").build());
    assertThat(clean.quarantine().rows()).isZero();
    assertThat(query("SELECT count(*) FROM cars__quarantine").rows().get(0).get(0)).isEqualTo(0L);
  }

  @Test
  void quarantiningAQuarantineTableKeepsOneSetOfQuarantineColumns() {
    run(Checks.on("cars").isComplete("Horsepower").build());
    QualityReport again =
        service.run(
            box,
            TENANT,
            TableRef.of("cars__quarantine"),
            Checks.on("cars__quarantine").isComplete("Horsepower").build(),
            QualityOptions.defaults().withQuarantine(true).withHistory(false));
    assertThat(again.quarantine().rows()).isEqualTo(6);
    assertThat(query("SELECT * FROM cars__quarantine__quarantine LIMIT 0").columns()).hasSize(11);
  }

  @Test
  void quarantineIsOffByDefault() {
    QualityReport report =
        service.run(
            box,
            TENANT,
            TableRef.of("cars"),
            Checks.on("cars").isComplete("Horsepower").build(),
            QualityOptions.defaults().withHistory(false));
    assertThat(report.quarantine()).isNull();
    assertThat(box.describe(TENANT, TableRef.of("cars__quarantine"))).isEmpty();
  }
}

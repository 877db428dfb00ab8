package io.udb.kpi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Contributor;
import io.udb.kpi.DimensionSeries;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiReport;
import io.udb.kpi.KpiResult;
import io.udb.kpi.KpiTestData;
import io.udb.kpi.service.KpiService;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.PiiTag;
import io.udb.security.pii.TableClassification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Masking of the dimension values a KPI result returns, by the caller's role. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiAssemblerTest {
  private static final TenantId TENANT = TenantId.of("shop");
  private static final List<String> EMAILS =
      List.of("ann@example.com", "bob@example.org", "cyd@example.net");
  private static final KpiDefinition REVENUE_BY_CUSTOMER =
      KpiDefinition.builder("revenue")
          .table("orders")
          .measure("amount", Aggregation.SUM)
          .time("day", Grain.MONTH)
          .dimensions("customer_email", "region")
          .build();

  private DataBox box;

  @BeforeAll
  void createOrders() {
    box = KpiTestData.box();
    try (SqlSession session = box.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE orders AS SELECT DATE '2024-01-01' + CAST(i % 60 AS INTEGER) AS day,"
              + " ['ann@example.com', 'bob@example.org', 'cyd@example.net'][i % 3 + 1]"
              + " AS customer_email, ['north', 'south'][i % 2 + 1] AS region,"
              + " CAST(i * (i % 3 + 1) AS DOUBLE) AS amount FROM range(120) t(i)",
          List.of());
    }
  }

  @AfterAll
  void closeBox() {
    box.close();
  }

  private KpiResult revenue(KpiOptions options) {
    return new KpiEngine(KpiCache.defaults(), new TableVersions())
        .run(box, TENANT, List.of(REVENUE_BY_CUSTOMER), options)
        .get(0);
  }

  private static List<String> customers(KpiResult result) {
    return result.breakdown("customer_email").contributors().stream()
        .map(Contributor::value)
        .toList();
  }

  private static KpiOptions.Builder as(Role role) {
    return KpiOptions.builder()
        .principal(Principal.of("someone", TENANT, role))
        .dimensionSeries(true);
  }

  @Test
  void anAnalystSeesMaskedEmailsInBreakdownsAndSeries() {
    KpiResult result = revenue(as(Role.ANALYST).build());

    assertThat(customers(result))
        .containsExactlyInAnyOrder("a***@example.com", "b***@example.org", "c***@example.net");
    assertThat(result.series().dimensions())
        .filteredOn(d -> d.dimension().equals("customer_email"))
        .extracting(DimensionSeries::value)
        .containsExactlyInAnyOrder("a***@example.com", "b***@example.org", "c***@example.net");
    assertThat(result.breakdown("region").contributors())
        .extracting(Contributor::value)
        .containsExactlyInAnyOrder("north", "south");
  }

  @Test
  void anAdminSeesTheValuesAsTheyAre() {
    KpiResult result = revenue(as(Role.ADMIN).build());

    assertThat(customers(result)).containsExactlyInAnyOrderElementsOf(EMAILS);
  }

  @Test
  void withoutANamedCallerValuesAreMasked() {
    KpiResult result = revenue(KpiOptions.defaults());

    assertThat(customers(result)).noneMatch(EMAILS::contains).allMatch(v -> v.contains("***"));
  }

  @Test
  void aGivenClassificationDecidesWhatIsSensitive() {
    TableClassification classification =
        new TableClassification(
            "orders",
            Map.of(
                "region",
                new ColumnClassification(
                    "region",
                    Set.of(PiiTag.custom("internal")),
                    0,
                    ColumnClassification.BASIS_NAME),
                "customer_email",
                ColumnClassification.none("customer_email", 0)));

    KpiResult result = revenue(as(Role.VIEWER).classification(classification).build());

    assertThat(result.breakdown("region").contributors())
        .extracting(Contributor::value)
        .containsOnly("***");
    // the policy still masks recognized e-mail addresses in a column tagged as harmless
    assertThat(customers(result)).noneMatch(EMAILS::contains);
  }

  @Test
  void oneCachedEntryServesMaskedAndRawCallers() {
    KpiService service = new KpiService();
    KpiReport admin =
        service.compute(box, TENANT, List.of(REVENUE_BY_CUSTOMER), as(Role.ADMIN).build());
    KpiReport analyst =
        service.compute(box, TENANT, List.of(REVENUE_BY_CUSTOMER), as(Role.ANALYST).build());

    assertThat(analyst.results().get(0).cached()).isTrue();
    assertThat(customers(admin.results().get(0))).containsExactlyInAnyOrderElementsOf(EMAILS);
    assertThat(customers(analyst.results().get(0))).noneMatch(EMAILS::contains);
    assertThat(analyst.narrative()).containsPattern("customer_email = [abc]\\*\\*\\*@example");
    for (String email : EMAILS) {
      assertThat(analyst.narrative()).doesNotContain(email);
    }
  }
}

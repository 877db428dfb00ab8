package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingPolicyTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final Principal ADMIN = Principal.of("alice", ACME, Role.ADMIN);
  private static final Principal ANALYST = Principal.of("bob", ACME, Role.ANALYST);
  private static final Principal VIEWER = Principal.of("carol", ACME, Role.VIEWER);
  private static final List<String> COLUMNS =
      List.of("id", "email", "phone", "card_number", "iban", "ssn", "ip", "note");

  private final ColumnClassifier classifier = ColumnClassifier.defaults();
  private final MaskingPolicy policy = MaskingPolicy.of(classifier.detectors());
  private final List<List<Object>> rows =
      List.of(
          Arrays.asList(
              1L,
              "john.doe@example.com",
              "+44 20 7946 0958",
              "4111 1111 1111 1111",
              "GB82 WEST 1234 5698 7654 32",
              "123-45-6789",
              "192.168.1.20",
              "hello"),
          Arrays.asList(2L, null, null, null, null, null, "2001:db8::1", "mary@example.org"),
          Arrays.asList(3L, null, null, null, null, null, null, "thanks"));
  private final TableClassification customers =
      classifier.classifyTable("customers", COLUMNS, rows);

  @Test
  void adminsSeeRawValues() {
    List<List<Object>> out = policy.mask(ADMIN, customers, COLUMNS, rows);

    assertThat(policy.seesRawValues(ADMIN)).isTrue();
    assertThat(out).isEqualTo(rows);
  }

  @Test
  void othersSeeMaskedValues() {
    assertThat(customers.column("note").orElseThrow().isSensitive()).isFalse();
    for (Principal caller : List.of(ANALYST, VIEWER)) {
      List<List<Object>> out = policy.mask(caller, customers, COLUMNS, rows);

      assertThat(policy.seesRawValues(caller)).isFalse();
      assertThat(out.get(0))
          .containsExactly(
              1L,
              "j***@example.com",
              "+** ** **** **58",
              "**** **** **** 1111",
              "GB** **** **** **** **54 32",
              "***-**-6789",
              "192.168.*.*",
              "hello");
      assertThat(out.get(1))
          .containsExactly(
              2L, null, null, null, null, null, "2001:*:*:*:*:*:*:*", "m***@example.org");
    }
  }

  @Test
  void renamedColumnsAreCaughtByTheirValues() {
    List<String> aliased = List.of("contact", "total");
    List<List<Object>> result =
        List.of(List.of("ann@example.com", 12L), List.of("n/a", 4111111111111111L));

    List<List<Object>> out = policy.mask(ANALYST, customers, aliased, result);

    assertThat(out)
        .containsExactly(List.of("a***@example.com", 12L), List.of("n/a", 4111111111111111L));
  }

  @Test
  void detectionOfUntaggedColumnsCanBeTurnedOff() {
    MaskingPolicy classifiedOnly = new MaskingPolicy(classifier.detectors(), false);

    List<List<Object>> out =
        classifiedOnly.mask(
            ANALYST, customers, List.of("contact"), List.of(List.of("ann@example.com")));

    assertThat(out).containsExactly(List.of("ann@example.com"));
  }

  @Test
  void columnNamesMatchIgnoringCaseAndAcrossTables() {
    TableClassification orders =
        new TableClassification(
            "orders",
            Map.of(
                "payer",
                new ColumnClassification(
                    "payer",
                    java.util.Set.of(PiiTag.IBAN),
                    1.0,
                    ColumnClassification.BASIS_VALUES)));

    List<List<Object>> out =
        policy.mask(
            VIEWER,
            List.of(customers, orders),
            List.of("EMAIL", "PAYER"),
            List.of(List.of("not-an-email", "DE89 3704 0044 0532 0130 00")));

    assertThat(out).containsExactly(List.of("***", "DE** **** **** **** **30 00"));
  }

  @Test
  void masksQueryResults() {
    QueryResult result =
        new QueryResult(
            List.of(new ColumnInfo("email", "VARCHAR"), new ColumnInfo("n", "BIGINT")),
            List.of(List.of("john@example.com", 1L)),
            1,
            true,
            5);

    QueryResult masked = policy.mask(VIEWER, List.of(customers), result);

    assertThat(masked.rows()).containsExactly(List.of("j***@example.com", 1L));
    assertThat(masked.columns()).isEqualTo(result.columns());
    assertThat(masked.truncated()).isTrue();
    assertThat(policy.mask(ADMIN, List.of(customers), result)).isSameAs(result);
  }

  @Test
  void masksSingleValuesOfAColumn() {
    ColumnClassification email = customers.column("email").orElseThrow();

    assertThat(policy.maskValue(VIEWER, email, "john@example.com")).isEqualTo("j***@example.com");
    assertThat(policy.maskValue(ADMIN, email, "john@example.com")).isEqualTo("john@example.com");
    assertThat(policy.maskValue(VIEWER, email, null)).isNull();
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> policy.mask(VIEWER, customers, COLUMNS, List.of(List.of(1L))))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }
}

package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.udb.api.UdbException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnClassifierTest {
  private final ColumnClassifier classifier = ColumnClassifier.defaults();

  @ParameterizedTest
  @CsvSource({
    "email, pii.email",
    "e_mail, pii.email",
    "customerEmail, pii.email",
    "EMAIL_ADDRESS, pii.email",
    "phone, pii.phone",
    "mobile, pii.phone",
    "home_phone_number, pii.phone",
    "tel, pii.phone",
    "ssn, pii.ssn",
    "social_security_number, pii.ssn",
    "iban, pii.iban",
    "payer_iban, pii.iban",
    "card_number, pii.credit_card",
    "creditCard, pii.credit_card",
    "cc_num, pii.credit_card",
    "ip_address, pii.ip",
    "client_ip, pii.ip",
    "IPAddress, pii.ip",
    "remote_addr, pii.ip"
  })
  void classifiesByName(String column, String tag) {
    ColumnClassification c = classifier.classify(column);

    assertThat(c.tags()).containsExactly(PiiTag.of(tag));
    assertThat(c.basis()).isEqualTo(ColumnClassification.BASIS_NAME);
    assertThat(c.matchShare()).isZero();
  }

  @ParameterizedTest
  @CsvSource({"amount", "zip", "shipping_method", "hotel", "description", "created_at", "tip"})
  void ordinaryNamesAreNotSensitive(String column) {
    ColumnClassification c = classifier.classify(column);

    assertThat(c.tags()).containsExactly(PiiTag.NONE);
    assertThat(c.basis()).isEqualTo(ColumnClassification.BASIS_NONE);
    assertThat(c.isSensitive()).isFalse();
  }

  @Test
  void classifiesByValuesWhenTheNameSaysNothing() {
    List<Object> values =
        List.of(
            "john@example.com", "mary@example.org", "n/a", "li.wei@example.cn", "ops@example.io");

    ColumnClassification c = classifier.classify("contact", values);

    assertThat(c.tags()).containsExactly(PiiTag.EMAIL);
    assertThat(c.basis()).isEqualTo(ColumnClassification.BASIS_VALUES);
    assertThat(c.matchShare()).isEqualTo(0.8);
  }

  @Test
  void shareCountsOnlyNonNullNonBlankValues() {
    List<Object> values = new ArrayList<>(Collections.nCopies(10, null));
    values.addAll(List.of("", "   ", "192.168.0.1", "10.0.0.1", "n/a"));

    ColumnClassification c = classifier.classify("source", values);

    assertThat(c.tags()).containsExactly(PiiTag.IP);
    assertThat(c.matchShare()).isCloseTo(2.0 / 3, offset(1e-9));
  }

  @Test
  void belowThresholdIsNotTagged() {
    List<Object> values = List.of("john@example.com", "x", "y", "z");

    ColumnClassification c = classifier.classify("notes", values);

    assertThat(c.tags()).containsExactly(PiiTag.NONE);
    assertThat(c.matchShare()).isEqualTo(0.25);
  }

  @Test
  void thresholdIsInclusiveAndConfigurable() {
    List<Object> half = List.of("john@example.com", "x");
    ColumnClassifier strict = new ColumnClassifier(PiiDetectors.builtIn(), 1000, 0.9);

    assertThat(classifier.classify("c", half).tags()).containsExactly(PiiTag.EMAIL);
    assertThat(strict.classify("c", half).tags()).containsExactly(PiiTag.NONE);
  }

  @Test
  void onlyTheSampleSizeIsExamined() {
    List<Object> values = new ArrayList<>(Collections.nCopies(10, "plain"));
    values.addAll(Collections.nCopies(100, "4111 1111 1111 1111"));
    ColumnClassifier small = new ColumnClassifier(PiiDetectors.builtIn(), 10, 0.5);

    assertThat(small.classify("c", values).tags()).containsExactly(PiiTag.NONE);
    assertThat(classifier.classify("c", values).tags()).containsExactly(PiiTag.CREDIT_CARD);
  }

  @Test
  void nameAndValuesTogetherGiveBoth() {
    ColumnClassification c =
        classifier.classify("phone", List.of("+1 (555) 123-4567", "+44 20 7946 0958"));

    assertThat(c.tags()).containsExactly(PiiTag.PHONE);
    assertThat(c.basis()).isEqualTo(ColumnClassification.BASIS_BOTH);
    assertThat(c.matchShare()).isEqualTo(1.0);
  }

  @Test
  void nameTagIsKeptWhenValuesDoNotMatch() {
    ColumnClassification c = classifier.classify("mobile", List.of(4930123456L, 15551234567L));

    assertThat(c.tags()).containsExactly(PiiTag.PHONE);
    assertThat(c.basis()).isEqualTo(ColumnClassification.BASIS_NAME);
  }

  @Test
  void booleanAndTemporalColumnsDropTheirNameTag() {
    assertThat(classifier.classify("email_verified", List.of(true, false, true)).tags())
        .containsExactly(PiiTag.NONE);
    assertThat(
            classifier
                .classify("email_sent_at", List.of(Instant.parse("2024-01-01T00:00:00Z")))
                .tags())
        .containsExactly(PiiTag.NONE);
  }

  @Test
  void userPatternsClassifyToo() {
    PiiSettings settings =
        new PiiSettings(4096, 100_000, 1000, 0.5, Map.of("employee_id", "^EMP-\\d{6}$"));
    ColumnClassifier withPatterns = new ColumnClassifier(settings);

    ColumnClassification c = withPatterns.classify("badge", List.of("EMP-000001", "EMP-000002"));

    assertThat(c.tags()).containsExactly(PiiTag.custom("employee_id"));
  }

  @Test
  void classifiesATableFromRows() {
    List<String> columns = List.of("id", "Email", "ip", "city");
    List<List<Object>> rows =
        List.of(
            Arrays.asList(1L, "a@example.com", "10.0.0.1", "Berlin"),
            Arrays.asList(2L, "b@example.com", "10.0.0.2", "Paris"),
            Arrays.asList(3L, null, "2001:db8::1", null));

    TableClassification table = classifier.classifyTable("customers", columns, rows);

    assertThat(table.table()).isEqualTo("customers");
    assertThat(table.columns().keySet()).containsExactly("id", "Email", "ip", "city");
    assertThat(table.column("email").orElseThrow().tags()).containsExactly(PiiTag.EMAIL);
    assertThat(table.column("IP").orElseThrow().basis()).isEqualTo("both");
    assertThat(table.column("id").orElseThrow().isSensitive()).isFalse();
    assertThat(table.column("missing")).isEmpty();
    assertThat(table.hasSensitiveColumns()).isTrue();
  }

  @Test
  void tableClassificationIsImmutable() {
    Map<String, List<?>> samples = new LinkedHashMap<>();
    samples.put("email", List.of());
    TableClassification table = classifier.classifyTable("t", samples);

    samples.put("other", List.of());

    assertThat(table.columns()).containsOnlyKeys("email");
    assertThatThrownBy(() -> table.columns().put("x", ColumnClassification.none("x", 0)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> table.column("email").orElseThrow().tags().add(PiiTag.IP))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(
            () -> classifier.classifyTable("t", List.of("a", "b"), List.of(List.of("x"))))
        .isInstanceOf(UdbException.class);
  }
}

package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PatternDetectorTest {

  @Test
  void findsThePatternInTheValue() {
    PatternDetector employeeId = new PatternDetector("employee_id", "EMP-\\d{6}", 100_000);

    assertThat(employeeId.tag()).isEqualTo(PiiTag.of("pii.custom.employee_id"));
    assertThat(employeeId.matches("EMP-123456")).isTrue();
    assertThat(employeeId.matches("badge EMP-123456 (HQ)")).isTrue();
    assertThat(employeeId.matches("EMP-12345")).isFalse();
    assertThat(employeeId.budgetOverruns()).isZero();
  }

  @Test
  void anchoredPatternRequiresTheWholeValue() {
    PatternDetector anchored = new PatternDetector("badge", "^B\\d{4}$", 100_000);

    assertThat(anchored.matches("B1234")).isTrue();
    assertThat(anchored.matches("xB1234")).isFalse();
  }

  @Test
  void nestedQuantifierStopsAtTheBudgetAndCountsAsNoMatch() {
    // Java 17 memoizes (a+)+ enough to make it quadratic rather than exponential: 4096 characters
    // still cost ~17 million steps. (x+x+)+y and (.*a){12}$ stay exponential or worse.
    PatternDetector nested = new PatternDetector("nested", "(a+)+$", 100_000);
    PatternDetector exponential = new PatternDetector("exponential", "(x+x+)+y", 100_000);
    PatternDetector polynomial = new PatternDetector("polynomial", "(.*a){12}$", 100_000);

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThat(nested.matches("a".repeat(4096) + "b")).isFalse();
          assertThat(exponential.matches("x".repeat(4096))).isFalse();
          assertThat(polynomial.matches("a".repeat(4096) + "!")).isFalse();
        });
    assertThat(nested.budgetOverruns()).isEqualTo(1);
    assertThat(exponential.budgetOverruns()).isEqualTo(1);
    assertThat(polynomial.budgetOverruns()).isEqualTo(1);
    assertThat(nested.matches("aaaa")).isTrue();
    assertThat(exponential.matches("xxy")).isTrue();
    assertThat(nested.budgetOverruns()).isEqualTo(1);
  }

  @Test
  void stackOverflowInTheRegexEngineCountsAsOverrun() {
    // (a|aa)+ recurses once per repetition; a few thousand repetitions overflow the stack.
    PatternDetector deep = new PatternDetector("deep", "^(a|aa)+$", Long.MAX_VALUE);
    String value = "a".repeat(100_000) + "!";

    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThat(deep.matches(value)).isFalse());
    assertThat(deep.budgetOverruns()).isEqualTo(1);
    assertThat(deep.matches("aaa")).isTrue();
  }

  @Test
  void refusesInvalidRegexAndName() {
    assertThatThrownBy(() -> new PatternDetector("x", "(unclosed", 1000))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(() -> new PatternDetector("Bad Name", "x", 1000))
        .isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> new PatternDetector("ok", "x", 0)).isInstanceOf(UdbException.class);
  }
}

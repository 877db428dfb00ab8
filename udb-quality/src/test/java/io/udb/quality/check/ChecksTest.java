package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void severityDefaultsToErrorAndCanBeChangedForTheLastCheckOrAllFollowing() {
    CheckSuite suite =
        Checks.on("t")
            .isComplete("a")
            .isComplete("b")
            .asWarning()
            .severity(Severity.WARNING)
            .isComplete("c")
            .isComplete("d")
            .asError()
            .build();
    assertThat(suite.checks())
        .extracting(Check::severity)
        .containsExactly(Severity.ERROR, Severity.WARNING, Severity.WARNING, Severity.ERROR);
  }

  @Test
  void asWarningNeedsACheck() {
    assertThatThrownBy(() -> Checks.on("t").asWarning()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void labelsDescribeTheChecks() {
    CheckSuite suite =
        Checks.on("t")
            .hasCompleteness("a", Bound.ge(0.95))
            .isPrimaryKey("a", "b")
            .isContainedIn("o", List.of("x", "y"))
            .isEmail("e")
            .isFresh("ts", Duration.ofHours(1))
            .referencesTable("fk", "other", "pk")
            .build();
    assertThat(suite.checks())
        .extracting(Check::label)
        .containsExactly(
            "completeness(a) >= 0.95",
            "primary_key(a, b)",
            "allowed_values(o) in [x, y] == 1",
            "email(e) == 1",
            "freshness(ts) within PT1H",
            "referential_integrity(fk -> other.pk) == 1");
    assertThat(suite.checks().get(1).column()).isEqualTo("a, b");
  }

  @Test
  void refusesInvalidArguments() {
    assertThatThrownBy(() -> Checks.on("t").isComplete(" "))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(() -> Checks.on("t").isUnique()).isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> Checks.on("t").isContainedIn("a", List.of()))
        .isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> Checks.on("t").isFresh("a", Duration.ZERO))
        .isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> Checks.on("t").matches("a", "")).isInstanceOf(UdbException.class);
    assertThatThrownBy(
            () -> new Check.Pattern("a", CheckType.EMAIL, ".*", Bound.eq(1), Severity.ERROR))
        .isInstanceOf(UdbException.class);
  }

  @Test
  void allowedValuesOfDifferentJavaNumberTypesAreTheSameValue() {
    assertThat(Checks.on("t").isContainedIn("a", List.of(4, 4L, (short) 4)).build().checks())
        .containsExactly(new Check.AllowedValues("a", List.of(4L), Bound.eq(1), Severity.ERROR));
  }
}

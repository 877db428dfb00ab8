package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.TypeFamily;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Deequ's default constraint-suggestion rules, with Deequ's thresholds. */
public final class SuggestionRules {
  private SuggestionRules() {}

  /**
   * The six default rules: complete-if-complete, retain completeness (Wilson bound at 95%), retain
   * type, categorical range, non-negative numbers, unique-if-approximately-unique.
   */
  public static List<SuggestionRule> defaults() {
    return List.of(
        new CompleteIfComplete(),
        new RetainCompleteness(ConfidenceInterval.WILSON, 0.95, 0.2, 1.0),
        new RetainType(),
        new CategoricalRange(0.1),
        new NonNegativeNumbers(),
        new UniqueIfApproximatelyUnique(0.08));
  }

  /** A column without nulls should stay complete: {@code isComplete}. */
  public record CompleteIfComplete() implements SuggestionRule {
    @Override
    public String name() {
      return "CompleteIfCompleteRule";
    }

    @Override
    public Optional<Suggestion> apply(ColumnStats column) {
      if (column.rowCount() == 0 || column.missing() != 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Suggestion(
              name(),
              new Check.Completeness(column.name(), Bound.eq(1), Severity.ERROR),
              "'"
                  + column.name()
                  + "' has no null values in "
                  + column.rowCount()
                  + " rows, so it should stay complete"));
    }
  }

  /**
   * A partly complete column should not get less complete than the lower end of a confidence
   * interval of its completeness: {@code hasCompleteness >= bound}.
   *
   * @param interval the interval
   * @param confidence the confidence level, e.g. 0.95
   * @param minCompleteness the rule applies above this completeness (Deequ: 0.2)
   * @param maxCompleteness and below this one (Deequ: 1.0)
   */
  public record RetainCompleteness(
      ConfidenceInterval interval,
      double confidence,
      double minCompleteness,
      double maxCompleteness)
      implements SuggestionRule {
    /** Validates the arguments. */
    public RetainCompleteness {
      if (interval == null || !(confidence > 0 && confidence < 1)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "Need an interval and a confidence within (0, 1)");
      }
    }

    @Override
    public String name() {
      return "RetainCompletenessRule";
    }

    @Override
    public Optional<Suggestion> apply(ColumnStats column) {
      double p = column.completeness();
      if (column.rowCount() == 0 || !(p > minCompleteness && p < maxCompleteness)) {
        return Optional.empty();
      }
      double bound = interval.roundedLowerBound(p, column.rowCount(), confidence);
      return Optional.of(
          new Suggestion(
              name(),
              new Check.Completeness(column.name(), Bound.ge(bound), Severity.ERROR),
              String.format(
                  Locale.ROOT,
                  "'%s' is %.2f%% complete (%d of %d rows); the lower end of the %s %.0f%%"
                      + " interval, rounded down, is %s",
                  column.name(),
                  p * 100,
                  column.count(),
                  column.rowCount(),
                  interval == ConfidenceInterval.WILSON ? "Wilson score" : "normal",
                  confidence * 100,
                  Bound.format(bound))));
    }
  }

  /**
   * A column whose values are all numbers or booleans should keep that type: {@code hasDataType}
   * for text columns whose text reads as the type (Deequ's inferred types), {@code hasColumnType}
   * for columns the engine already stores with a numeric or boolean type.
   */
  public record RetainType() implements SuggestionRule {
    @Override
    public String name() {
      return "RetainTypeRule";
    }

    @Override
    public Optional<Suggestion> apply(ColumnStats column) {
      DataType type = column.inferredType();
      boolean tested =
          type == DataType.INTEGRAL || type == DataType.NUMERIC || type == DataType.BOOLEAN;
      if (!tested || column.count() == 0) {
        return Optional.empty();
      }
      if (column.family() == TypeFamily.STRING) {
        return Optional.of(
            new Suggestion(
                name(),
                new Check.HasDataType(column.name(), type, Bound.eq(1), Severity.ERROR),
                "all "
                    + column.count()
                    + " non-null values of text column '"
                    + column.name()
                    + "' read as "
                    + type.jsonName()));
      }
      return Optional.of(
          new Suggestion(
              name(),
              new Check.ColumnType(column.name(), column.dataType(), Severity.ERROR),
              "'"
                  + column.name()
                  + "' is stored as "
                  + column.dataType()
                  + "; a load that changes its type would break its consumers"));
    }
  }

  /**
   * A text column with few distinct values, almost none of them rare, should keep to them: {@code
   * isContainedIn}. Applies when the value counts are known (at most {@value
   * SuggestionStatistics#MAX_CATEGORIES} distinct values) and at most {@code maxUniqueRatio} of the
   * distinct values occur only once.
   *
   * @param maxUniqueRatio Deequ: 0.1
   */
  public record CategoricalRange(double maxUniqueRatio) implements SuggestionRule {
    @Override
    public String name() {
      return "CategoricalRangeRule";
    }

    @Override
    public Optional<Suggestion> apply(ColumnStats column) {
      List<ValueCount> values = column.topValues();
      if (values.isEmpty() || column.family() != TypeFamily.STRING) {
        return Optional.empty();
      }
      long once = values.stream().filter(v -> v.count() == 1).count();
      if ((double) once / values.size() > maxUniqueRatio) {
        return Optional.empty();
      }
      String shown =
          values.stream()
              .limit(10)
              .map(v -> v.value() + " (" + v.count() + ")")
              .collect(Collectors.joining(", "));
      return Optional.of(
          new Suggestion(
              name(),
              new Check.AllowedValues(
                  column.name(),
                  values.stream().map(ValueCount::value).toList(),
                  Bound.eq(1),
                  Severity.ERROR),
              "'"
                  + column.name()
                  + "' has "
                  + values.size()
                  + " distinct values, "
                  + once
                  + " of them occurring once: "
                  + shown
                  + (values.size() > 10 ? ", ..." : "")));
    }
  }

  /** A numeric column without negative values should stay so: {@code isNonNegative}. */
  public record NonNegativeNumbers() implements SuggestionRule {
    @Override
    public String name() {
      return "NonNegativeNumbersRule";
    }

    @Override
    public Optional<Suggestion> apply(ColumnStats column) {
      if (!column.kind().equals("numeric") || column.min() == null || column.min() < 0) {
        return Optional.empty();
      }
      return Optional.of(
          new Suggestion(
              name(),
              new Check.NonNegative(column.name(), Severity.ERROR),
              "the minimum of '" + column.name() + "' is " + Bound.format(column.min())));
    }
  }

  /**
   * A complete column whose distinct values nearly equal its rows should be unique: {@code
   * isUnique}.
   *
   * @param tolerance how far distinct/rows may be from 1 (Deequ: 0.08)
   */
  public record UniqueIfApproximatelyUnique(double tolerance) implements SuggestionRule {
    @Override
    public String name() {
      return "UniqueIfApproximatelyUniqueRule";
    }

    @Override
    public Optional<Suggestion> apply(ColumnStats column) {
      if (column.rowCount() == 0 || column.missing() != 0) {
        return Optional.empty();
      }
      double distinctness = (double) column.distinct() / column.rowCount();
      if (Math.abs(1 - distinctness) > tolerance) {
        return Optional.empty();
      }
      return Optional.of(
          new Suggestion(
              name(),
              new Check.Uniqueness(List.of(column.name()), Bound.eq(1), Severity.ERROR),
              "'"
                  + column.name()
                  + "' is complete and has "
                  + column.distinct()
                  + " distinct values in "
                  + column.rowCount()
                  + " rows"));
    }
  }
}

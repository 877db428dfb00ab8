package io.udb.quality.check;

import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Suggests checks from column statistics with Deequ-style rules, each suggestion with its
 * rationale. Immutable and thread-safe when its rules are.
 */
public final class ConstraintSuggester {
  private final List<SuggestionRule> rules;

  /** A suggester with {@link SuggestionRules#defaults()}. */
  public ConstraintSuggester() {
    this(SuggestionRules.defaults());
  }

  /**
   * A suggester with the given rules, applied in order to every column.
   *
   * @param rules the rules
   */
  public ConstraintSuggester(List<SuggestionRule> rules) {
    this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
  }

  /**
   * The suggested checks for a table's columns.
   *
   * @param table the table
   * @param columns the statistics of its columns
   * @return the suggestions and the suite of their checks
   */
  public SuggestedSuite suggest(TableRef table, List<ColumnStats> columns) {
    List<Suggestion> suggestions = new ArrayList<>();
    for (ColumnStats column : columns) {
      for (SuggestionRule rule : rules) {
        rule.apply(column).ifPresent(suggestions::add);
      }
    }
    return new SuggestedSuite(
        new CheckSuite(table, suggestions.stream().map(Suggestion::check).toList()), suggestions);
  }

  /**
   * Computes the statistics of a table with {@link SuggestionStatistics} and suggests checks.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the table
   * @return the suggestions and the suite of their checks
   */
  public SuggestedSuite suggest(DataBox box, TenantId tenant, TableRef table) {
    return suggest(table, SuggestionStatistics.compute(box, tenant, table));
  }

  /**
   * Suggested checks.
   *
   * @param suite the checks, runnable as they are
   * @param suggestions the same checks with their rules and rationales
   */
  public record SuggestedSuite(CheckSuite suite, List<Suggestion> suggestions) {
    /** Validates and copies. */
    public SuggestedSuite {
      Objects.requireNonNull(suite, "suite");
      suggestions = List.copyOf(suggestions);
    }
  }
}

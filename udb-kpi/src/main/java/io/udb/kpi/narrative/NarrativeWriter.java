package io.udb.kpi.narrative;

import io.udb.kpi.Breakdown;
import io.udb.kpi.Contributor;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiFormat;
import io.udb.kpi.KpiResult;
import io.udb.kpi.KpiStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the English narrative of KPI results from templates, deterministically:
 *
 * <pre>
 * Average max temperature was 8.38 °C in December 2015, down 1.3 °C (-13.5%) from November; the
 * largest contribution came from weather = rain (+3.4 °C). It was up 0.9 °C (+12%) from December
 * 2014. 1 of 4 KPIs missed its target.
 * </pre>
 *
 * <p>Per KPI: its value and period; the change from the previous period (up, down or unchanged)
 * only when the data holds that period; the largest contribution of a value of its first dimension
 * (or, for aggregations whose changes do not add up, the largest change) only when there is one;
 * the change from the same period a year earlier only when the data holds it; a sentence when the
 * value is beyond a threshold. Then one sentence on targets, when any KPI has one. Immutable and
 * thread-safe.
 */
public final class NarrativeWriter {
  private final NumberWriter numbers;

  /**
   * Creates a writer.
   *
   * @param locale the locale numbers are written in
   * @param significantDigits the significant digits numbers keep
   */
  public NarrativeWriter(Locale locale, int significantDigits) {
    this.numbers = new NumberWriter(locale, significantDigits);
  }

  /**
   * The narrative of a batch.
   *
   * @param results the results, in the order they are told
   * @return the sentences, separated by single spaces; empty for no results
   */
  public String write(List<KpiResult> results) {
    List<String> sentences = new ArrayList<>();
    for (KpiResult result : results) {
      sentences.add(describe(result));
    }
    String targets = targets(results);
    if (!targets.isEmpty()) {
      sentences.add(targets);
    }
    return String.join(" ", sentences);
  }

  /**
   * The sentences about one KPI.
   *
   * @param result the result
   * @return one to four sentences
   */
  public String describe(KpiResult result) {
    KpiDefinition definition = result.definition();
    KpiFormat format = definition.format();
    Grain grain = definition.grain();
    String label = capitalized(definition.displayLabel());
    if (result.value() == null) {
      if (result.period() != null) {
        return label + " had no value " + PeriodNames.during(grain, result.period()) + ".";
      }
      return label + (result.rows() == 0 ? " had no data." : " had no value.");
    }
    StringBuilder text =
        new StringBuilder(label).append(" was ").append(numbers.value(result.value(), format));
    if (result.period() != null) {
      text.append(' ').append(PeriodNames.during(grain, result.period()));
    }
    if (result.previousValue() != null) {
      String from = PeriodNames.previous(grain, result.previousPeriod(), result.period());
      text.append(", ")
          .append(comparison(result.value(), result.previousValue(), result.changePct(), format))
          .append(" from ")
          .append(from);
      contribution(result).ifPresent(clause -> text.append("; ").append(clause));
    }
    text.append('.');
    if (result.yearAgoValue() != null) {
      text.append(" It was ")
          .append(
              comparison(result.value(), result.yearAgoValue(), result.yearAgoChangePct(), format))
          .append(" from ")
          .append(PeriodNames.reference(grain, result.yearAgoPeriod()))
          .append('.');
    }
    KpiStatus status = result.status();
    if (status == KpiStatus.WARNING || status == KpiStatus.CRITICAL) {
      double limit = status == KpiStatus.CRITICAL ? definition.critical() : definition.warning();
      text.append(" This is ")
          .append(definition.upIsGood() ? "below" : "above")
          .append(" the ")
          .append(status.externalName())
          .append(" threshold of ")
          .append(numbers.value(limit, format))
          .append('.');
    }
    return text.toString();
  }

  /** "up 2.1 °C (+12.9%)", "down 3", or "unchanged". */
  private String comparison(double value, double before, Double percent, KpiFormat format) {
    double change = value - before;
    if (Math.abs(change) <= 1e-9 * Math.max(Math.abs(value), Math.abs(before))) {
      return "unchanged";
    }
    StringBuilder text =
        new StringBuilder(change > 0 ? "up " : "down ").append(numbers.magnitude(change, format));
    if (percent != null) {
      text.append(" (").append(numbers.percent(percent)).append(')');
    }
    return text.toString();
  }

  private Optional<String> contribution(KpiResult result) {
    if (result.breakdowns().isEmpty()) {
      return Optional.empty();
    }
    Breakdown first = result.breakdowns().get(0);
    List<Contributor> top = first.top(1);
    if (top.isEmpty()) {
      return Optional.empty();
    }
    Contributor leader = top.get(0);
    String who =
        first.dimension() + " = " + (leader.value() == null ? "(missing)" : leader.value());
    String amount = numbers.signed(leader.contribution(), result.definition().format());
    return Optional.of(
        first.decomposable()
            ? "the largest contribution came from " + who + " (" + amount + ")"
            : "the largest change was in " + who + " (" + amount + ")");
  }

  private String targets(List<KpiResult> results) {
    List<KpiResult> judged = results.stream().filter(r -> r.targetMet() != null).toList();
    if (judged.isEmpty()) {
      return "";
    }
    long missed = judged.stream().filter(r -> !r.targetMet()).count();
    int n = judged.size();
    if (n == 1) {
      KpiResult only = judged.get(0);
      KpiDefinition definition = only.definition();
      return capitalized(definition.displayLabel())
          + (only.targetMet() ? " met" : " missed")
          + " its target of "
          + numbers.value(Objects.requireNonNull(definition.target()), definition.format())
          + ".";
    }
    if (missed == 0) {
      return "All " + n + " KPIs met their targets.";
    }
    if (missed == n) {
      return "All " + n + " KPIs missed their targets.";
    }
    return missed + " of " + n + " KPIs missed " + (missed == 1 ? "its target." : "their targets.");
  }

  private static String capitalized(String text) {
    if (text.isEmpty()) {
      return text;
    }
    int first = text.codePointAt(0);
    return new StringBuilder()
        .appendCodePoint(Character.toUpperCase(first))
        .append(text.substring(Character.charCount(first)))
        .toString();
  }
}

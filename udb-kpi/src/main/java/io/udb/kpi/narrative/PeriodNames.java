package io.udb.kpi.narrative;

import io.udb.kpi.Grain;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * English names of periods by grain: {@code 1 June 2015}, {@code week of 1 June 2015}, {@code June
 * 2015}, {@code Q2 2015}, {@code 2015}. Month names are English whatever the number locale, since
 * the narrative's words are. Stateless.
 */
public final class PeriodNames {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH_YEAR =
      DateTimeFormatter.ofPattern("MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("MMMM", Locale.ENGLISH);

  private PeriodNames() {}

  /**
   * The name of a period.
   *
   * @param grain the grain
   * @param start the period's first day
   * @return e.g. {@code June 2015}
   */
  public static String label(Grain grain, LocalDate start) {
    return switch (grain) {
      case DAY -> DAY.format(start);
      case WEEK -> "week of " + DAY.format(start);
      case MONTH -> MONTH_YEAR.format(start);
      case QUARTER -> "Q" + start.get(IsoFields.QUARTER_OF_YEAR) + " " + start.getYear();
      case YEAR -> Integer.toString(start.getYear());
    };
  }

  /**
   * A period as the end of "... was 5":
   *
   * @param grain the grain
   * @param start the period's first day
   * @return e.g. {@code in June 2015}, {@code on 1 June 2015}, {@code in the week of 1 June 2015}
   */
  public static String during(Grain grain, LocalDate start) {
    return switch (grain) {
      case DAY -> "on " + label(grain, start);
      case WEEK -> "in the " + label(grain, start);
      case MONTH, QUARTER, YEAR -> "in " + label(grain, start);
    };
  }

  /**
   * The previous period as the end of "... up 2 from": short when the context makes it clear.
   *
   * @param grain the grain
   * @param previous the previous period's first day
   * @param current the current period's first day
   * @return e.g. {@code May} (same year), {@code December 2014}, {@code Q1}, {@code 2014}, {@code
   *     the previous week}, {@code the previous day}
   */
  public static String previous(Grain grain, LocalDate previous, LocalDate current) {
    boolean sameYear = previous.getYear() == current.getYear();
    return switch (grain) {
      case DAY -> "the previous day";
      case WEEK -> "the previous week";
      case MONTH -> sameYear ? MONTH.format(previous) : MONTH_YEAR.format(previous);
      case QUARTER ->
          sameYear ? "Q" + previous.get(IsoFields.QUARTER_OF_YEAR) : label(grain, previous);
      case YEAR -> label(grain, previous);
    };
  }

  /**
   * A period named in full, as the end of "... up 2 from".
   *
   * @param grain the grain
   * @param start the period's first day
   * @return e.g. {@code June 2014}, {@code the week of 2 June 2014}
   */
  public static String reference(Grain grain, LocalDate start) {
    return grain == Grain.WEEK ? "the " + label(grain, start) : label(grain, start);
  }
}

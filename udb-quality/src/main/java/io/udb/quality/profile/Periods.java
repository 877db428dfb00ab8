package io.udb.quality.profile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Calendar period arithmetic for datetime histograms. */
final class Periods {
  private Periods() {}

  /**
   * Every period start from {@code first} to {@code last}, both ISO dates that start periods. Stops
   * after {@link ProfileAssembler#MAX_FILLED_PERIODS} + 1 periods.
   *
   * @param first the first period's start
   * @param last the last period's start
   * @param period {@code day}, {@code week}, {@code month}, {@code quarter} or {@code year}
   * @return the period starts in order
   */
  static List<String> between(String first, String last, String period) {
    LocalDate end = LocalDate.parse(last);
    List<String> out = new ArrayList<>();
    for (LocalDate d = LocalDate.parse(first);
        !d.isAfter(end) && out.size() <= ProfileAssembler.MAX_FILLED_PERIODS;
        d = next(d, period)) {
      out.add(d.toString());
    }
    return out;
  }

  private static LocalDate next(LocalDate d, String period) {
    return switch (period) {
      case "day" -> d.plusDays(1);
      case "week" -> d.plusWeeks(1);
      case "month" -> d.plusMonths(1);
      case "quarter" -> d.plusMonths(3);
      case "year" -> d.plusYears(1);
      default -> throw new IllegalArgumentException("period " + period);
    };
  }
}

package io.udb.exampleplugin;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The settings of one {@code sample-orders} connection, validated.
 *
 * @param seed the random seed; the same seed gives the same orders
 * @param startDate the first day with orders
 * @param days how many days of orders the source holds
 * @param ordersPerDay the average number of orders on a weekday at the start (before seasonality
 *     and growth)
 * @param shiftFrom the first day of the "shifted" regime (more web orders, prices 15% higher), so
 *     that drift reports have something to find; {@code null} for no shift
 */
record SampleOrdersSettings(
    long seed, LocalDate startDate, int days, int ordersPerDay, LocalDate shiftFrom) {

  static final String SEED = "seed";
  static final String START_DATE = "start-date";
  static final String DAYS = "days";
  static final String ORDERS_PER_DAY = "orders-per-day";
  static final String SHIFT_FROM = "shift-from";

  /** The largest {@code orders-per-day}: order ids reserve five digits per day. */
  static final int MAX_ORDERS_PER_DAY = 10_000;

  /** The largest {@code days}: about a century of orders. */
  static final int MAX_DAYS = 36_600;

  private static final String RESERVED_PREFIX = "udb.";

  private static final Set<String> KEYS =
      Set.of(SEED, START_DATE, DAYS, ORDERS_PER_DAY, SHIFT_FROM);

  /** The last day with orders. */
  LocalDate endDate() {
    return startDate.plusDays(days - 1L);
  }

  /**
   * Reads and checks the settings.
   *
   * @param settings the connection's settings
   * @return the validated settings
   * @throws ConfigurationException ({@code CONFIG_INVALID}) naming the key that is unknown, out of
   *     range or not a date
   */
  static SampleOrdersSettings from(Settings settings) {
    for (String key : settings.keys()) {
      // keys under "udb." are UDB's own (e.g. udb.tenant), added to every connection
      if (!KEYS.contains(key) && !key.startsWith(RESERVED_PREFIX)) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Unknown setting '" + key + "' of the sample-orders connector; known: " + KEYS);
      }
    }
    long seed = settings.getLong(SEED, 42L);
    LocalDate start = date(settings, START_DATE, LocalDate.of(2024, 1, 1));
    int days = settings.getInt(DAYS, 365);
    if (days < 1 || days > MAX_DAYS) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '" + DAYS + "' is " + days + "; expected 1 to " + MAX_DAYS);
    }
    int perDay = settings.getInt(ORDERS_PER_DAY, 40);
    if (perDay < 1 || perDay > MAX_ORDERS_PER_DAY / 2) {
      // seasonality, growth and noise can more than double the average; keep ids unique
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '"
              + ORDERS_PER_DAY
              + "' is "
              + perDay
              + "; expected 1 to "
              + MAX_ORDERS_PER_DAY / 2);
    }
    LocalDate shift = date(settings, SHIFT_FROM, null);
    return new SampleOrdersSettings(seed, start, days, perDay, shift);
  }

  private static LocalDate date(Settings settings, String key, LocalDate defaultValue) {
    String raw = settings.getString(key, null);
    if (raw == null) {
      return defaultValue;
    }
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '" + key + "' has value '" + raw + "'; expected a date such as 2024-01-31",
          e);
    }
  }
}

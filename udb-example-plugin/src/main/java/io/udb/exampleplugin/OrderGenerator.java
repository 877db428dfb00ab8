package io.udb.exampleplugin;

import io.udb.api.engine.ColumnInfo;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Generates the sample orders of a range of days. Each day's orders depend only on the seed and the
 * date, never on the range asked for, so a full read and a chain of incremental reads give exactly
 * the same rows, and two machines with the same settings agree.
 *
 * <p>The shape is that of a small shop: weekly rhythm (weekends quieter), a yearly season (peak in
 * December), 10% growth a year, four regions, three channels, eight products around their list
 * price. From {@code shift-from} on, the channel mix moves to the web and prices rise by 15%.
 */
final class OrderGenerator {

  /** The columns of the {@code orders} stream. */
  static final List<ColumnInfo> ORDER_COLUMNS =
      List.of(
          new ColumnInfo("order_id", "BIGINT"),
          new ColumnInfo("order_date", "DATE"),
          new ColumnInfo("customer_id", "VARCHAR"),
          new ColumnInfo("region", "VARCHAR"),
          new ColumnInfo("channel", "VARCHAR"),
          new ColumnInfo("product", "VARCHAR"),
          new ColumnInfo("quantity", "INTEGER"),
          new ColumnInfo("unit_price", "DECIMAL(12,2)"),
          new ColumnInfo("amount", "DECIMAL(12,2)"));

  /** The columns of the {@code products} stream. */
  static final List<ColumnInfo> PRODUCT_COLUMNS =
      List.of(
          new ColumnInfo("product", "VARCHAR"),
          new ColumnInfo("category", "VARCHAR"),
          new ColumnInfo("list_price", "DECIMAL(12,2)"));

  private record Product(String name, String category, BigDecimal listPrice) {}

  private static final List<Product> PRODUCTS =
      List.of(
          new Product("Espresso beans 1kg", "coffee", new BigDecimal("24.90")),
          new Product("Filter coffee 500g", "coffee", new BigDecimal("11.50")),
          new Product("Green tea 100g", "tea", new BigDecimal("8.20")),
          new Product("Ceramic mug", "accessories", new BigDecimal("14.00")),
          new Product("Hand grinder", "equipment", new BigDecimal("59.00")),
          new Product("Moka pot", "equipment", new BigDecimal("39.90")),
          new Product("Milk frother", "equipment", new BigDecimal("29.50")),
          new Product("Gift card", "gift", new BigDecimal("25.00")));

  private static final String[] REGIONS = {"North", "South", "East", "West"};
  private static final double[] REGION_WEIGHTS = {0.30, 0.20, 0.25, 0.25};
  private static final String[] CHANNELS = {"web", "store", "partner"};
  private static final double[] CHANNEL_WEIGHTS = {0.50, 0.35, 0.15};
  private static final double[] SHIFTED_CHANNEL_WEIGHTS = {0.70, 0.20, 0.10};
  private static final BigDecimal SHIFTED_PRICE_FACTOR = new BigDecimal("1.15");
  private static final int CUSTOMERS = 2_000;
  private static final long DAY_ID_FACTOR = SampleOrdersSettings.MAX_ORDERS_PER_DAY;

  private final SampleOrdersSettings settings;

  OrderGenerator(SampleOrdersSettings settings) {
    this.settings = settings;
  }

  /** The product catalogue rows, in the column order of {@link #PRODUCT_COLUMNS}. */
  static List<List<Object>> products() {
    List<List<Object>> rows = new ArrayList<>();
    for (Product product : PRODUCTS) {
      rows.add(List.of(product.name(), product.category(), product.listPrice()));
    }
    return rows;
  }

  /**
   * The orders of the days {@code from..to} (both inclusive), lazily, one day in memory at a time.
   *
   * @param from the first day
   * @param to the last day; before {@code from} gives no orders
   * @return rows in the column order of {@link #ORDER_COLUMNS}
   */
  Iterator<List<Object>> orders(LocalDate from, LocalDate to) {
    return new Iterator<>() {
      private LocalDate day = from;
      private Iterator<List<Object>> current = List.<List<Object>>of().iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && !day.isAfter(to)) {
          current = day(day).iterator();
          day = day.plusDays(1);
        }
        return current.hasNext();
      }

      @Override
      public List<Object> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** How many orders a day has; the same number {@link #day} produces. */
  int orderCount(LocalDate date) {
    return count(date, random(date));
  }

  private List<List<Object>> day(LocalDate date) {
    SplittableRandom random = random(date);
    int count = count(date, random);
    boolean shifted = settings.shiftFrom() != null && !date.isBefore(settings.shiftFrom());
    double[] channelWeights = shifted ? SHIFTED_CHANNEL_WEIGHTS : CHANNEL_WEIGHTS;
    List<List<Object>> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Product product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
      // quantities: mostly one, sometimes a few (a truncated geometric distribution)
      int quantity = 1;
      while (quantity < 6 && random.nextDouble() < 0.35) {
        quantity++;
      }
      BigDecimal price =
          product.listPrice().multiply(BigDecimal.valueOf(0.9 + 0.2 * random.nextDouble()));
      if (shifted) {
        price = price.multiply(SHIFTED_PRICE_FACTOR);
      }
      price = price.setScale(2, RoundingMode.HALF_EVEN);
      rows.add(
          List.of(
              date.toEpochDay() * DAY_ID_FACTOR + i,
              date,
              String.format("C%05d", 1 + random.nextInt(CUSTOMERS)),
              pick(REGIONS, REGION_WEIGHTS, random),
              pick(CHANNELS, channelWeights, random),
              product.name(),
              quantity,
              price,
              price.multiply(BigDecimal.valueOf(quantity))));
    }
    return rows;
  }

  private SplittableRandom random(LocalDate date) {
    // SplittableRandom mixes its seed well, so neighbouring days get unrelated streams
    return new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + date.toEpochDay());
  }

  private int count(LocalDate date, SplittableRandom random) {
    double weekday =
        date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY
            ? 0.7
            : 1.0;
    // a yearly wave peaking in late December, +-30%
    double season = 1.0 + 0.3 * Math.cos(2 * Math.PI * (date.getDayOfYear() - 355) / 365.25);
    double years = (date.toEpochDay() - settings.startDate().toEpochDay()) / 365.25;
    double growth = Math.pow(1.10, Math.max(0, years));
    double noise = 0.85 + 0.3 * random.nextDouble();
    long count = Math.round(settings.ordersPerDay() * weekday * season * growth * noise);
    return (int) Math.min(count, DAY_ID_FACTOR - 1);
  }

  private static String pick(String[] values, double[] weights, SplittableRandom random) {
    double r = random.nextDouble();
    for (int i = 0; i < values.length - 1; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}

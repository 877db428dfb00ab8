package io.udb.exampleplugin;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.job.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sample-orders} connector: a source of realistic, deterministic sales data that needs
 * no server, file or network. Streams: {@code orders} (one row per order, cursor {@code
 * order_date}, full and incremental) and {@code products} (the catalogue, full). Useful to try
 * KPIs, drift and the analyze pipeline, to seed demos and to load-test with any volume.
 *
 * <p>An incremental sync reads the days after the saved cursor up to the last day of the configured
 * window; widening the window ({@code days}) and syncing again brings the new days only. The same
 * settings give the same rows on every machine.
 *
 * <p>Thread-safe and stateless.
 */
public final class SampleOrdersConnector implements Connector {
  /** The name configuration selects this connector by. */
  public static final String NAME = "sample-orders";

  /** The stream of orders. */
  public static final String ORDERS = "orders";

  /** The stream of the product catalogue. */
  public static final String PRODUCTS = "products";

  private static final String CURSOR = "order_date";

  /** The version of the product catalogue, kept as the {@code products} stream's state. */
  private static final String CATALOGUE_VERSION = "catalogue-1";

  private final String schema;

  /** Creates the connector and reads its configuration schema from the jar. */
  public SampleOrdersConnector() {
    try (InputStream in =
        SampleOrdersConnector.class.getResourceAsStream("sample-orders.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("sample-orders.schema.json is missing from the jar");
      }
      schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String configurationSchema() {
    return schema;
  }

  @Override
  public ConnectionCheck test(ConnectorConfig config) {
    try {
      SampleOrdersSettings settings = SampleOrdersSettings.from(config.settings());
      return new ConnectionCheck(
          true,
          "Generates orders from "
              + settings.startDate()
              + " to "
              + settings.endDate()
              + " with seed "
              + settings.seed());
    } catch (UdbException e) {
      return new ConnectionCheck(false, e.getMessage());
    }
  }

  @Override
  public List<StreamInfo> discover(ConnectorConfig config) {
    SampleOrdersSettings.from(config.settings());
    return List.of(
        new StreamInfo(
            ORDERS,
            OrderGenerator.ORDER_COLUMNS,
            Set.of(SyncMode.FULL, SyncMode.INCREMENTAL),
            CURSOR),
        new StreamInfo(PRODUCTS, OrderGenerator.PRODUCT_COLUMNS, Set.of(SyncMode.FULL), null));
  }

  @Override
  public SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader) {
    SampleOrdersSettings settings = SampleOrdersSettings.from(config.settings());
    List<String> streams =
        request.streams().isEmpty() ? List.of(PRODUCTS, ORDERS) : request.streams();
    for (String stream : streams) {
      if (!stream.equals(ORDERS) && !stream.equals(PRODUCTS)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "The sample-orders connector has no stream '"
                + stream
                + "'; it offers "
                + ORDERS
                + " and "
                + PRODUCTS);
      }
    }
    Map<String, String> state = new LinkedHashMap<>(request.state());
    List<LoadResult> loads = new ArrayList<>();
    JobContext job = request.job();
    boolean catalogueCurrent =
        request.mode() == SyncMode.INCREMENTAL && CATALOGUE_VERSION.equals(state.get(PRODUCTS));
    if (streams.contains(PRODUCTS) && !catalogueCurrent) {
      job.throwIfCancelled();
      // the catalogue is small and only changes with this jar: a full sync replaces it whole, an
      // incremental one reads it only when its version differs from the one loaded before
      loads.add(
          loader.loadRows(
              PRODUCTS, OrderGenerator.PRODUCT_COLUMNS, OrderGenerator.products().iterator()));
      state.put(PRODUCTS, CATALOGUE_VERSION);
    }
    if (streams.contains(ORDERS)) {
      LocalDate from = settings.startDate();
      if (request.mode() == SyncMode.INCREMENTAL && state.containsKey(ORDERS)) {
        from = cursor(state.get(ORDERS)).plusDays(1);
      }
      LocalDate to = settings.endDate();
      if (from.isAfter(to)) {
        // nothing new since the last sync: say so with an empty load rather than skipping
        loads.add(new LoadResult(ORDERS, 0, 0, 0, OrderGenerator.ORDER_COLUMNS));
      } else {
        OrderGenerator generator = new OrderGenerator(settings);
        loads.add(
            loader.loadRows(
                ORDERS,
                OrderGenerator.ORDER_COLUMNS,
                progress(generator.orders(from, to), job, from, to)));
        state.put(ORDERS, to.toString());
      }
    }
    return new SyncResult(loads, state);
  }

  private static LocalDate cursor(String saved) {
    try {
      return LocalDate.parse(saved);
    } catch (DateTimeParseException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The saved cursor of stream orders is '"
              + saved
              + "', not a date; run a full sync to reset it",
          e);
    }
  }

  /** Reports progress by day and honours cancellation between days. */
  private static Iterator<List<Object>> progress(
      Iterator<List<Object>> rows, JobContext job, LocalDate from, LocalDate to) {
    long total = to.toEpochDay() - from.toEpochDay() + 1;
    return new Iterator<>() {
      private LocalDate lastDay = null;

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public List<Object> next() {
        List<Object> row = rows.next();
        LocalDate day = (LocalDate) row.get(1);
        if (!day.equals(lastDay)) {
          lastDay = day;
          job.throwIfCancelled();
          job.progress((double) (day.toEpochDay() - from.toEpochDay()) / total);
        }
        return row;
      }
    };
  }
}

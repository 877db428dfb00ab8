package io.udb.kpi.engine;

import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.kpi.Breakdown;
import io.udb.kpi.Contributor;
import io.udb.kpi.DimensionSeries;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiResult;
import io.udb.kpi.KpiSeries;
import io.udb.kpi.KpiStatus;
import io.udb.kpi.SeriesPoint;
import io.udb.kpi.engine.KpiComputation.Cell;
import io.udb.kpi.engine.KpiComputation.Decomposition;
import io.udb.kpi.engine.KpiComputation.DimensionCell;
import io.udb.kpi.engine.KpiComputation.DimensionCells;
import io.udb.kpi.engine.KpiComputation.PeriodCell;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.ColumnClassifier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns a {@link KpiComputation} into a {@link KpiResult} for one caller: picks the latest period
 * and its comparisons, judges target and thresholds, ranks the contributions of dimension values,
 * and masks dimension values the caller may not see. Stateless apart from its inputs; thread-safe.
 */
final class KpiAssembler {
  private static final Comparator<String> VALUE_ORDER =
      Comparator.nullsLast(Comparator.naturalOrder());

  private final KpiOptions options;
  private final Principal principal;
  private final ColumnClassifier classifier;

  /**
   * Creates an assembler for one batch.
   *
   * @param options the batch's options
   * @param tenant the tenant, for the stand-in principal when none is named
   * @param classifier classifies dimension columns without a given classification
   */
  KpiAssembler(KpiOptions options, TenantId tenant, ColumnClassifier classifier) {
    this.options = options;
    // Without a named caller, values are masked as for the lowest role: results and artifacts of a
    // job can be read by every viewer of the tenant.
    this.principal =
        options.principal().orElseGet(() -> Principal.of("kpi-reader", tenant, Role.VIEWER));
    this.classifier = classifier;
  }

  KpiResult assemble(
      KpiDefinition definition, KpiComputation computation, boolean cached, long elapsedMs) {
    Grain grain = definition.grain();
    TreeMap<LocalDate, Cell> periods = new TreeMap<>();
    Cell whole = null;
    for (PeriodCell cell : computation.totals()) {
      if (cell.period() == null) {
        whole = cell.cell();
      } else {
        periods.put(cell.period(), cell.cell());
      }
    }
    LocalDate period = null;
    LocalDate previousPeriod = null;
    LocalDate yearAgoPeriod = null;
    Cell current = whole;
    Cell previous = null;
    Cell yearAgo = null;
    if (grain != null) {
      current = null;
      if (!periods.isEmpty()) {
        period = periods.lastKey();
        current = periods.get(period);
        LocalDate before = grain.previous(period);
        if (periods.containsKey(before)) {
          previousPeriod = before;
          previous = periods.get(before);
        }
        LocalDate yearBefore = grain.yearAgo(period).orElse(null);
        if (yearBefore != null && periods.containsKey(yearBefore)) {
          yearAgoPeriod = yearBefore;
          yearAgo = periods.get(yearBefore);
        }
      }
    }
    Double value = current == null ? null : current.value();
    Boolean targetMet =
        definition.target() == null || value == null
            ? null
            : !KpiStatus.beyond(value, definition.target(), definition.upIsGood());
    List<Breakdown> breakdowns = new ArrayList<>();
    for (DimensionCells dimension : computation.dimensions()) {
      breakdowns.add(
          breakdown(
              definition,
              dimension,
              computation.decomposition(),
              period,
              current,
              previousPeriod,
              previous));
    }
    List<SeriesPoint> points = new ArrayList<>();
    periods.forEach((start, cell) -> points.add(new SeriesPoint(start, cell.value())));
    List<DimensionSeries> perValue =
        options.dimensionSeries() && grain != null
            ? dimensionSeries(definition, computation.dimensions(), period)
            : List.of();
    return new KpiResult(
        definition,
        period,
        value,
        previousPeriod,
        previous == null ? null : previous.value(),
        yearAgoPeriod,
        yearAgo == null ? null : yearAgo.value(),
        KpiStatus.of(value, definition.warning(), definition.critical(), definition.upIsGood()),
        targetMet,
        computation.rows(),
        computation.scannedRows(),
        elapsedMs,
        cached,
        cached ? -1 : computation.scan(),
        breakdowns,
        new KpiSeries(points, perValue));
  }

  private Breakdown breakdown(
      KpiDefinition definition,
      DimensionCells dimension,
      Decomposition decomposition,
      LocalDate period,
      Cell total,
      LocalDate previousPeriod,
      Cell previousTotal) {
    Map<String, Cell> now = new HashMap<>();
    Map<String, Cell> before = new HashMap<>();
    List<String> values = new ArrayList<>();
    for (DimensionCell cell : dimension.cells()) {
      boolean isNow = Objects.equals(cell.period(), period);
      boolean isBefore = previousPeriod != null && cell.period().equals(previousPeriod);
      if (!isNow && !isBefore) {
        continue;
      }
      if (!now.containsKey(cell.value()) && !before.containsKey(cell.value())) {
        values.add(cell.value());
      }
      (isNow ? now : before).put(cell.value(), cell.cell());
    }
    boolean compared = previousPeriod != null;
    List<Ranked> ranked = new ArrayList<>(values.size());
    for (String value : values) {
      Cell a = now.get(value);
      Cell b = before.get(value);
      Double current = a == null ? null : a.value();
      Double previous = b == null ? null : b.value();
      Double delta = current == null || previous == null ? null : current - previous;
      Double contribution =
          compared ? contribution(decomposition, a, b, total, previousTotal, delta) : null;
      ranked.add(new Ranked(value, new Contributor(value, current, previous, delta, contribution)));
    }
    Comparator<Ranked> order =
        Comparator.comparing(
                (Ranked r) -> magnitude(compared ? r.item().contribution() : r.item().current()),
                Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Ranked::value, VALUE_ORDER);
    ranked.sort(order);
    int kept = Math.min(ranked.size(), options.maxDimensionValues());
    ColumnClassification classification =
        classification(definition.table(), dimension.dimension(), values);
    List<Contributor> contributors = new ArrayList<>(kept);
    for (Ranked r : ranked.subList(0, kept)) {
      Contributor c = r.item();
      contributors.add(
          new Contributor(
              mask(classification, c.value()),
              c.current(),
              c.previous(),
              c.delta(),
              c.contribution()));
    }
    return new Breakdown(
        dimension.dimension(),
        decomposition != Decomposition.NONE,
        contributors,
        ranked.size() - kept);
  }

  private static Double contribution(
      Decomposition decomposition,
      Cell now,
      Cell before,
      Cell total,
      Cell previousTotal,
      Double delta) {
    return switch (decomposition) {
      case ADDITIVE -> numerator(now) - numerator(before);
      case SHARE -> {
        Double denominatorNow = total == null ? null : total.denominator();
        Double denominatorBefore = previousTotal == null ? null : previousTotal.denominator();
        if (denominatorNow == null
            || denominatorBefore == null
            || denominatorNow == 0.0
            || denominatorBefore == 0.0) {
          yield null;
        }
        yield numerator(now) / denominatorNow - numerator(before) / denominatorBefore;
      }
      case NONE -> delta;
    };
  }

  /** The additive numerator of a cell; an absent value contributes nothing. */
  private static double numerator(Cell cell) {
    return cell == null || cell.numerator() == null ? 0.0 : cell.numerator();
  }

  private List<DimensionSeries> dimensionSeries(
      KpiDefinition definition, List<DimensionCells> dimensions, LocalDate latest) {
    List<DimensionSeries> out = new ArrayList<>();
    for (DimensionCells dimension : dimensions) {
      Map<String, List<SeriesPoint>> byValue = new LinkedHashMap<>();
      Map<String, Double> latestValue = new HashMap<>();
      for (DimensionCell cell : dimension.cells()) {
        if (cell.period() == null) {
          continue;
        }
        byValue
            .computeIfAbsent(cell.value(), v -> new ArrayList<>())
            .add(new SeriesPoint(cell.period(), cell.cell().value()));
        if (cell.period().equals(latest)) {
          latestValue.put(cell.value(), cell.cell().value());
        }
      }
      List<String> values = new ArrayList<>(byValue.keySet());
      values.sort(
          Comparator.comparing(
                  (String v) -> magnitude(latestValue.get(v)),
                  Comparator.nullsLast(Comparator.reverseOrder()))
              .thenComparing(VALUE_ORDER));
      ColumnClassification classification =
          classification(definition.table(), dimension.dimension(), values);
      for (String value :
          values.subList(0, Math.min(values.size(), options.maxDimensionValues()))) {
        out.add(
            new DimensionSeries(
                dimension.dimension(), mask(classification, value), byValue.get(value)));
      }
    }
    return out;
  }

  private ColumnClassification classification(String table, String column, List<String> values) {
    return options
        .classification(table)
        .flatMap(c -> c.column(column))
        .orElseGet(() -> classifier.classify(column, values));
  }

  private String mask(ColumnClassification classification, String value) {
    Object masked = options.maskingPolicy().maskValue(principal, classification, value);
    return masked == null ? null : masked.toString();
  }

  private static Double magnitude(Double value) {
    return value == null ? null : Math.abs(value);
  }

  private record Ranked(String value, Contributor item) {}
}

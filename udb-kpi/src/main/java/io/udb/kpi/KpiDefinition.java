package io.udb.kpi;

import io.udb.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a KPI measures and how it is judged. Either a table KPI (an aggregation of a measure over a
 * table, optionally per calendar period of a time column, restricted by a filter and broken down by
 * dimensions) or a raw-SQL KPI (a SELECT returning a {@code value} column and optionally a {@code
 * period} column).
 *
 * <p>The constructor checks everything that can be checked without the data and throws {@link
 * InvalidKpiException} naming the field; columns, types and SQL fragments are checked against the
 * tenant's tables before a computation runs. Build instances with {@link #builder(String)} or read
 * them with {@link KpiDefinitions}.
 *
 * @param name the KPI's identifier in results, 1-128 printable characters
 * @param label the human name used in narratives, or {@code null} for the name
 * @param table the table of a table KPI, or {@code null} for a raw-SQL KPI
 * @param sql the SELECT of a raw-SQL KPI, or {@code null}
 * @param measure a column name or SQL expression; {@code null} for a row count or a ratio
 * @param aggregation how rows are folded; {@code null} for a raw-SQL KPI
 * @param percentile 0 to 100 for {@link Aggregation#PERCENTILE}, else {@code null}
 * @param numerator the numerator of a {@link Aggregation#RATIO}, else {@code null}
 * @param denominator the denominator of a {@link Aggregation#RATIO}, else {@code null}
 * @param timeColumn the date or timestamp column periods are taken from, or {@code null}
 * @param grain the period length; required with a time column
 * @param filter a SQL condition restricting the rows, or {@code null}
 * @param dimensions columns to break the KPI down by (at most 5)
 * @param format how numbers are written
 * @param target the value the KPI should reach, or {@code null}
 * @param warning the value beyond which the KPI is in warning state, or {@code null}
 * @param critical the value beyond which the KPI is critical, or {@code null}
 * @param upIsGood whether higher values are better (targets and thresholds are minimums) or worse
 *     (they are maximums)
 */
public record KpiDefinition(
    String name,
    String label,
    String table,
    String sql,
    String measure,
    Aggregation aggregation,
    Double percentile,
    Measure numerator,
    Measure denominator,
    String timeColumn,
    Grain grain,
    String filter,
    List<String> dimensions,
    KpiFormat format,
    Double target,
    Double warning,
    Double critical,
    boolean upIsGood) {

  /** The most dimensions a KPI may be broken down by. */
  public static final int MAX_DIMENSIONS = 5;

  /** The longest measure or filter fragment, in characters. */
  public static final int MAX_FRAGMENT_LENGTH = 4_000;

  /** The longest raw SQL, in characters (the SQL guard's own limit). */
  public static final int MAX_SQL_LENGTH = 100_000;

  /**
   * Normalizes and validates.
   *
   * @throws InvalidKpiException naming the field that is missing, superfluous or malformed
   */
  public KpiDefinition {
    name = Measure.blankToNull(name);
    String kpi = name == null ? "" : name;
    if (name == null) {
      throw new InvalidKpiException(kpi, "name", "a KPI needs a name");
    }
    requirePrintable(kpi, "name", name, 128);
    label = Measure.blankToNull(label);
    if (label != null) {
      requirePrintable(kpi, "label", label, 200);
    }
    table = Measure.blankToNull(table);
    sql = Measure.blankToNull(sql);
    measure = Measure.blankToNull(measure);
    timeColumn = Measure.blankToNull(timeColumn);
    filter = Measure.blankToNull(filter);
    dimensions = normalizedDimensions(kpi, dimensions);
    format = format == null ? KpiFormat.PLAIN : format;
    requireFinite(kpi, "target", target);
    requireFinite(kpi, "warning", warning);
    requireFinite(kpi, "critical", critical);
    if (warning != null && critical != null) {
      boolean ordered = upIsGood ? critical <= warning : critical >= warning;
      if (!ordered) {
        throw new InvalidKpiException(
            kpi,
            "critical",
            upIsGood
                ? "the critical threshold must not be above the warning threshold when up is good"
                : "the critical threshold must not be below the warning threshold when up is bad");
      }
    }
    if (sql != null) {
      validateRawSql(kpi, table, sql, measure, aggregation, percentile, numerator, denominator);
      if (timeColumn != null || filter != null || !dimensions.isEmpty()) {
        throw new InvalidKpiException(
            kpi,
            timeColumn != null ? "timeColumn" : filter != null ? "filter" : "dimensions",
            "a raw-SQL KPI takes its periods and conditions from its SQL; remove this field");
      }
    } else {
      validateTableKpi(kpi, table, measure, aggregation, percentile, numerator, denominator);
      if (grain != null && timeColumn == null) {
        throw new InvalidKpiException(
            kpi, "timeColumn", "a grain needs a timeColumn to take the periods from");
      }
      if (timeColumn != null && grain == null) {
        throw new InvalidKpiException(
            kpi, "grain", "a timeColumn needs a grain: day, week, month, quarter or year");
      }
      requireFragment(kpi, "filter", filter);
    }
  }

  /**
   * Starts a definition.
   *
   * @param name the KPI's name
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this definition's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder builder = new Builder(name);
    builder.label = label;
    builder.table = table;
    builder.sql = sql;
    builder.measure = measure;
    builder.aggregation = aggregation;
    builder.percentile = percentile;
    builder.numerator = numerator;
    builder.denominator = denominator;
    builder.timeColumn = timeColumn;
    builder.grain = grain;
    builder.filter = filter;
    builder.dimensions = new ArrayList<>(dimensions);
    builder.format = format;
    builder.target = target;
    builder.warning = warning;
    builder.critical = critical;
    builder.upIsGood = upIsGood;
    return builder;
  }

  /** The label, or the name when no label is set. */
  public String displayLabel() {
    return label == null ? name : label;
  }

  /** Whether this is a raw-SQL KPI. */
  public boolean isRawSql() {
    return sql != null;
  }

  /** Whether the KPI is computed per calendar period. */
  public boolean isTimeBased() {
    return grain != null;
  }

  /**
   * A hash of everything that decides the computed numbers (table, SQL, measure, aggregation,
   * filter, time column, grain, dimensions) and nothing that only decides their presentation
   * (label, format, target, thresholds), so that relabelling a KPI keeps its cached results.
   *
   * @return 64 hex digits
   */
  public String computationHash() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("table", table);
    key.put("sql", sql);
    key.put("measure", measure);
    key.put("aggregation", aggregation == null ? null : aggregation.externalName());
    key.put("percentile", percentile);
    key.put("numerator", numerator == null ? null : KpiDefinitions.measureToMap(numerator));
    key.put("denominator", denominator == null ? null : KpiDefinitions.measureToMap(denominator));
    key.put("timeColumn", timeColumn);
    key.put("grain", grain == null ? null : grain.externalName());
    key.put("filter", filter);
    key.put("dimensions", dimensions);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(Json.write(key).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static void validateRawSql(
      String kpi,
      String table,
      String sql,
      String measure,
      Aggregation aggregation,
      Double percentile,
      Measure numerator,
      Measure denominator) {
    if (table != null) {
      throw new InvalidKpiException(
          kpi, "table", "give either a table (with a measure) or raw sql, not both");
    }
    if (measure != null || aggregation != null || percentile != null) {
      throw new InvalidKpiException(
          kpi,
          measure != null ? "measure" : aggregation != null ? "aggregation" : "percentile",
          "a raw-SQL KPI computes its value in its SQL; remove this field");
    }
    if (numerator != null || denominator != null) {
      throw new InvalidKpiException(
          kpi,
          numerator != null ? "numerator" : "denominator",
          "a raw-SQL KPI computes its value in its SQL; remove this field");
    }
    if (sql.length() > MAX_SQL_LENGTH) {
      throw new InvalidKpiException(
          kpi, "sql", "the SQL is longer than " + MAX_SQL_LENGTH + " characters");
    }
  }

  private static void validateTableKpi(
      String kpi,
      String table,
      String measure,
      Aggregation aggregation,
      Double percentile,
      Measure numerator,
      Measure denominator) {
    if (table == null) {
      throw new InvalidKpiException(kpi, "table", "a KPI needs a table (or raw sql)");
    }
    requirePrintable(kpi, "table", table, 128);
    if (aggregation == null) {
      throw new InvalidKpiException(
          kpi,
          "aggregation",
          "a table KPI needs an aggregation: sum, avg, count, count_distinct, min, max, median,"
              + " percentile or ratio");
    }
    if (aggregation == Aggregation.RATIO) {
      if (measure != null || percentile != null) {
        throw new InvalidKpiException(
            kpi,
            measure != null ? "measure" : "percentile",
            "a ratio takes its measures from numerator and denominator; remove this field");
      }
      if (numerator == null || denominator == null) {
        throw new InvalidKpiException(
            kpi,
            numerator == null ? "numerator" : "denominator",
            "a ratio needs both a numerator and a denominator measure");
      }
      validatePart(kpi, "numerator", numerator);
      validatePart(kpi, "denominator", denominator);
      return;
    }
    if (numerator != null || denominator != null) {
      throw new InvalidKpiException(
          kpi,
          numerator != null ? "numerator" : "denominator",
          "only a ratio takes a numerator and a denominator");
    }
    validateMeasure(kpi, "", measure, aggregation, percentile);
  }

  private static void validatePart(String kpi, String field, Measure part) {
    if (part.aggregation() == Aggregation.RATIO) {
      throw new InvalidKpiException(
          kpi, field + ".aggregation", "a ratio's measures cannot be ratios themselves");
    }
    validateMeasure(kpi, field + ".", part.expression(), part.aggregation(), part.percentile());
    requireFragment(kpi, field + ".filter", part.filter());
  }

  private static void validateMeasure(
      String kpi, String prefix, String measure, Aggregation aggregation, Double percentile) {
    if (measure == null && aggregation != Aggregation.COUNT) {
      throw new InvalidKpiException(
          kpi,
          prefix + "measure",
          "aggregation "
              + aggregation.externalName()
              + " needs a measure (a column or expression)");
    }
    requireFragment(kpi, prefix + "measure", measure);
    if (aggregation == Aggregation.PERCENTILE) {
      if (percentile == null) {
        throw new InvalidKpiException(
            kpi, prefix + "percentile", "aggregation percentile needs a percentile from 0 to 100");
      }
      if (!(percentile >= 0 && percentile <= 100)) {
        throw new InvalidKpiException(
            kpi, prefix + "percentile", "must be between 0 and 100, got " + percentile);
      }
    } else if (percentile != null) {
      throw new InvalidKpiException(
          kpi, prefix + "percentile", "only aggregation percentile takes a percentile");
    }
  }

  private static List<String> normalizedDimensions(String kpi, List<String> dimensions) {
    if (dimensions == null) {
      return List.of();
    }
    if (dimensions.size() > MAX_DIMENSIONS) {
      throw new InvalidKpiException(
          kpi, "dimensions", "at most " + MAX_DIMENSIONS + " dimensions are allowed");
    }
    List<String> out = new ArrayList<>(dimensions.size());
    Set<String> seen = new HashSet<>();
    for (String dimension : dimensions) {
      String clean = Measure.blankToNull(dimension);
      if (clean == null) {
        throw new InvalidKpiException(kpi, "dimensions", "a dimension name must not be blank");
      }
      requirePrintable(kpi, "dimensions", clean, 128);
      if (!seen.add(clean.toLowerCase(Locale.ROOT))) {
        throw new InvalidKpiException(kpi, "dimensions", "dimension '" + clean + "' is repeated");
      }
      out.add(clean);
    }
    return List.copyOf(out);
  }

  private static void requireFragment(String kpi, String field, String fragment) {
    if (fragment != null && fragment.length() > MAX_FRAGMENT_LENGTH) {
      throw new InvalidKpiException(
          kpi, field, "is longer than " + MAX_FRAGMENT_LENGTH + " characters");
    }
  }

  private static void requirePrintable(String kpi, String field, String value, int maxLength) {
    if (value.length() > maxLength || value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidKpiException(
          kpi, field, "must be 1-" + maxLength + " printable characters on one line");
    }
  }

  private static void requireFinite(String kpi, String field, Double value) {
    if (value != null && !Double.isFinite(value)) {
      throw new InvalidKpiException(kpi, field, "must be a finite number");
    }
  }

  /** Collects the fields of a {@link KpiDefinition}; {@link #build()} validates them. */
  public static final class Builder {
    private String name;
    private String label;
    private String table;
    private String sql;
    private String measure;
    private Aggregation aggregation;
    private Double percentile;
    private Measure numerator;
    private Measure denominator;
    private String timeColumn;
    private Grain grain;
    private String filter;
    private List<String> dimensions = new ArrayList<>();
    private KpiFormat format = KpiFormat.PLAIN;
    private Double target;
    private Double warning;
    private Double critical;
    private boolean upIsGood = true;

    private Builder(String name) {
      this.name = name;
    }

    /** Sets the name (e.g. to derive a second KPI from a copy). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the label used in narratives. */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /** Sets the table. */
    public Builder table(String table) {
      this.table = table;
      return this;
    }

    /**
     * Makes this a raw-SQL KPI computed by a SELECT returning {@code value} (and {@code period}).
     */
    public Builder sql(String sql) {
      this.sql = sql;
      return this;
    }

    /** Sets the measure: a column name or SQL expression. */
    public Builder measure(String measure) {
      this.measure = measure;
      return this;
    }

    /** Sets the aggregation. */
    public Builder aggregation(Aggregation aggregation) {
      this.aggregation = aggregation;
      return this;
    }

    /** Sets the measure and its aggregation. */
    public Builder measure(String measure, Aggregation aggregation) {
      this.measure = measure;
      this.aggregation = aggregation;
      return this;
    }

    /** Makes this a percentile (0 to 100) of the measure. */
    public Builder percentile(double percentile) {
      this.aggregation = Aggregation.PERCENTILE;
      this.percentile = percentile;
      return this;
    }

    /** Makes this the ratio of two measures. */
    public Builder ratio(Measure numerator, Measure denominator) {
      this.aggregation = Aggregation.RATIO;
      this.numerator = numerator;
      this.denominator = denominator;
      return this;
    }

    /** Sets the time column and grain of the periods. */
    public Builder time(String timeColumn, Grain grain) {
      this.timeColumn = timeColumn;
      this.grain = grain;
      return this;
    }

    /** Sets the grain alone (raw-SQL KPIs returning a {@code period} column). */
    public Builder grain(Grain grain) {
      this.grain = grain;
      return this;
    }

    /** Sets the SQL condition restricting the rows. */
    public Builder filter(String filter) {
      this.filter = filter;
      return this;
    }

    /** Sets the dimensions to break the KPI down by. */
    public Builder dimensions(String... dimensions) {
      this.dimensions = new ArrayList<>(List.of(dimensions));
      return this;
    }

    /** Sets the dimensions to break the KPI down by. */
    public Builder dimensions(List<String> dimensions) {
      this.dimensions = new ArrayList<>(dimensions);
      return this;
    }

    /** Sets how numbers are written. */
    public Builder format(KpiFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** Writes numbers with a unit, e.g. {@code °C}. */
    public Builder unit(String unit) {
      this.format = KpiFormat.unit(unit);
      return this;
    }

    /** Sets the target. */
    public Builder target(double target) {
      this.target = target;
      return this;
    }

    /** Sets the warning and critical thresholds (either may be {@code null}). */
    public Builder thresholds(Double warning, Double critical) {
      this.warning = warning;
      this.critical = critical;
      return this;
    }

    /** Sets whether higher values are better. */
    public Builder upIsGood(boolean upIsGood) {
      this.upIsGood = upIsGood;
      return this;
    }

    /**
     * Builds and validates the definition.
     *
     * @return the definition
     * @throws InvalidKpiException naming the field at fault
     */
    public KpiDefinition build() {
      return new KpiDefinition(
          name,
          label,
          table,
          sql,
          measure,
          aggregation,
          percentile,
          numerator,
          denominator,
          timeColumn,
          grain,
          filter,
          dimensions,
          format,
          target,
          warning,
          critical,
          upIsGood);
    }
  }
}

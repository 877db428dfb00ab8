package io.udb.kpi;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.UdbException;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.MaskingPolicy;
import io.udb.security.pii.TableClassification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a KPI batch is computed and presented.
 *
 * @param locale the locale numbers are written in (the narrative's words are English)
 * @param significantDigits how many significant digits narrative numbers keep (whole-number digits
 *     are never rounded away), 1 to 15
 * @param principal the caller whose role decides whether dimension values are masked; empty means
 *     the lowest role, so values are masked unless a caller who may see them is named
 * @param classifications the PII classification of tables by name; a table without one is
 *     classified from its column names and the fetched values
 * @param maskingPolicy how values are masked
 * @param useCache whether results may come from, and go to, the result cache
 * @param dimensionSeries whether to return a time series per dimension value
 * @param maxDimensionValues the most values kept per breakdown and per dimension series
 * @param topContributors how many top contributors narratives and callers look at
 * @param queryTimeout the longest one KPI query may run (capped by the engine's own limit)
 * @param maxResultRows the most rows one KPI query may return (periods times dimension values;
 *     capped by the engine's own limit)
 * @param artifactContributors further artifact writers run by the {@code kpi} job (e.g. charts)
 */
public record KpiOptions(
    Locale locale,
    int significantDigits,
    Optional<Principal> principal,
    Map<String, TableClassification> classifications,
    MaskingPolicy maskingPolicy,
    boolean useCache,
    boolean dimensionSeries,
    int maxDimensionValues,
    int topContributors,
    Duration queryTimeout,
    int maxResultRows,
    List<KpiArtifactContributor> artifactContributors) {

  private static final MaskingPolicy DEFAULT_POLICY =
      MaskingPolicy.of(ColumnClassifier.defaults().detectors());

  /** Validates and copies. */
  public KpiOptions {
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(maskingPolicy, "maskingPolicy");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    classifications = Map.copyOf(classifications);
    artifactContributors = List.copyOf(artifactContributors);
    require(significantDigits >= 1 && significantDigits <= 15, "significantDigits must be 1-15");
    require(maxDimensionValues >= 1, "maxDimensionValues must be at least 1");
    require(topContributors >= 1, "topContributors must be at least 1");
    require(!queryTimeout.isNegative() && !queryTimeout.isZero(), "queryTimeout must be positive");
    require(maxResultRows >= 1, "maxResultRows must be at least 1");
  }

  /** Defaults: US English numbers, 3 significant digits, masked values, cache on, top 3. */
  public static KpiOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.locale = locale;
    builder.significantDigits = significantDigits;
    builder.principal = principal.orElse(null);
    builder.classifications = new LinkedHashMap<>(classifications);
    builder.maskingPolicy = maskingPolicy;
    builder.useCache = useCache;
    builder.dimensionSeries = dimensionSeries;
    builder.maxDimensionValues = maxDimensionValues;
    builder.topContributors = topContributors;
    builder.queryTimeout = queryTimeout;
    builder.maxResultRows = maxResultRows;
    builder.artifactContributors = new ArrayList<>(artifactContributors);
    return builder;
  }

  /**
   * The classification given for a table, matching its name exactly or else ignoring case.
   *
   * @param table the table name
   * @return the classification, if one was given
   */
  public Optional<TableClassification> classification(String table) {
    TableClassification exact = classifications.get(table);
    if (exact != null) {
      return Optional.of(exact);
    }
    return classifications.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(table))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, message);
    }
  }

  /** Collects options; {@link #build()} validates them. */
  public static final class Builder {
    private Locale locale = Locale.US;
    private int significantDigits = 3;
    private Principal principal;
    private Map<String, TableClassification> classifications = new LinkedHashMap<>();
    private MaskingPolicy maskingPolicy = DEFAULT_POLICY;
    private boolean useCache = true;
    private boolean dimensionSeries;
    private int maxDimensionValues = 20;
    private int topContributors = 3;
    private Duration queryTimeout = Duration.ofMinutes(5);
    private int maxResultRows = 10_000;
    private List<KpiArtifactContributor> artifactContributors = new ArrayList<>();

    private Builder() {}

    /** Sets the locale numbers are written in. */
    public Builder locale(Locale locale) {
      this.locale = locale;
      return this;
    }

    /** Sets the significant digits of narrative numbers. */
    public Builder significantDigits(int digits) {
      this.significantDigits = digits;
      return this;
    }

    /** Names the caller, whose role decides masking. */
    public Builder principal(Principal principal) {
      this.principal = principal;
      return this;
    }

    /** Gives the PII classification of a table. */
    public Builder classification(TableClassification classification) {
      this.classifications.put(classification.table(), classification);
      return this;
    }

    /** Sets the masking policy. */
    public Builder maskingPolicy(MaskingPolicy policy) {
      this.maskingPolicy = policy;
      return this;
    }

    /** Turns the result cache on or off. */
    public Builder useCache(boolean useCache) {
      this.useCache = useCache;
      return this;
    }

    /** Asks for a time series per dimension value. */
    public Builder dimensionSeries(boolean dimensionSeries) {
      this.dimensionSeries = dimensionSeries;
      return this;
    }

    /** Sets the most values per breakdown and dimension series. */
    public Builder maxDimensionValues(int max) {
      this.maxDimensionValues = max;
      return this;
    }

    /** Sets how many top contributors are considered. */
    public Builder topContributors(int n) {
      this.topContributors = n;
      return this;
    }

    /** Sets the timeout of each KPI query. */
    public Builder queryTimeout(Duration timeout) {
      this.queryTimeout = timeout;
      return this;
    }

    /** Sets the most rows one KPI query may return. */
    public Builder maxResultRows(int rows) {
      this.maxResultRows = rows;
      return this;
    }

    /** Adds an artifact writer run by the {@code kpi} job. */
    public Builder artifactContributor(KpiArtifactContributor contributor) {
      this.artifactContributors.add(Objects.requireNonNull(contributor, "contributor"));
      return this;
    }

    /** Builds and validates the options. */
    public KpiOptions build() {
      return new KpiOptions(
          locale,
          significantDigits,
          Optional.ofNullable(principal),
          classifications,
          maskingPolicy,
          useCache,
          dimensionSeries,
          maxDimensionValues,
          topContributors,
          queryTimeout,
          maxResultRows,
          artifactContributors);
    }
  }
}

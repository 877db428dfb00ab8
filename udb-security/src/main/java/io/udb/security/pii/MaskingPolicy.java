package io.udb.security.pii;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.security.authz.Operation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masks PII for callers who may not see it raw: principals holding the role {@link
 * Operation#PII_UNMASKED} requires (admin) get values as they are, everyone else gets them through
 * the {@link Masker}. Used for query results, KPI rows, profile top values and samples.
 *
 * <p>Which values are masked, for a caller without the role:
 *
 * <ul>
 *   <li>every value of a column that a {@link TableClassification} tags (looked up by result column
 *       name, ignoring case; a name found in several tables gets the union of their tags);
 *   <li>when {@code maskDetectedValues} is on (the default), also every <em>text</em> value of any
 *       other column that a detector recognizes. This catches renamed or derived columns ({@code
 *       SELECT email AS e}, {@code lower(email)}) and the occasional PII in an untagged column.
 *       Numbers of untagged columns are left alone, as long integer ids would otherwise be taken
 *       for card numbers. PII embedded inside longer text ({@code 'x' || email}) is not found.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class MaskingPolicy {
  private final Masker masker;
  private final PiiDetectors detectors;
  private final boolean maskDetectedValues;

  /**
   * Creates a policy.
   *
   * @param detectors the detectors, shared with the classifier
   * @param maskDetectedValues whether to mask recognized text values of untagged columns
   */
  public MaskingPolicy(PiiDetectors detectors, boolean maskDetectedValues) {
    this.detectors = Objects.requireNonNull(detectors, "detectors");
    this.masker = new Masker(detectors);
    this.maskDetectedValues = maskDetectedValues;
  }

  /**
   * A policy that also masks recognized values of untagged columns.
   *
   * @param detectors the detectors, shared with the classifier
   * @return the policy
   */
  public static MaskingPolicy of(PiiDetectors detectors) {
    return new MaskingPolicy(detectors, true);
  }

  /**
   * Tells whether a principal sees raw values.
   *
   * @param principal the caller
   * @return true when it holds the role {@link Operation#PII_UNMASKED} requires
   */
  public boolean seesRawValues(Principal principal) {
    return principal.has(Operation.PII_UNMASKED.minimumRole());
  }

  /**
   * Masks rows of one table's columns.
   *
   * @param principal the caller
   * @param classification the table's classification
   * @param columns the row columns' names
   * @param rows the rows, one value per column; values may be null
   * @return new unmodifiable rows: the values as given for a caller who sees raw values, else
   *     masked
   */
  public List<List<Object>> mask(
      Principal principal,
      TableClassification classification,
      List<String> columns,
      List<? extends List<?>> rows) {
    return mask(principal, List.of(classification), columns, rows);
  }

  /**
   * Masks rows whose columns may come from several tables, e.g. a join.
   *
   * @param principal the caller
   * @param classifications the classifications of the tables involved
   * @param columns the row columns' names
   * @param rows the rows, one value per column; values may be null
   * @return new unmodifiable rows: the values as given for a caller who sees raw values, else
   *     masked
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when a row has the wrong width
   */
  public List<List<Object>> mask(
      Principal principal,
      Collection<TableClassification> classifications,
      List<String> columns,
      List<? extends List<?>> rows) {
    Objects.requireNonNull(principal, "principal");
    List<Set<PiiTag>> plan = new ArrayList<>(columns.size());
    for (String column : columns) {
      plan.add(tags(classifications, column));
    }
    boolean raw = seesRawValues(principal);
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (List<?> row : rows) {
      if (row.size() != columns.size()) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "A row has " + row.size() + " values for " + columns.size() + " columns");
      }
      List<Object> masked = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        masked.add(raw ? row.get(i) : maskCell(plan.get(i), row.get(i)));
      }
      out.add(Collections.unmodifiableList(masked));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Masks a query result.
   *
   * @param principal the caller
   * @param classifications the classifications of the tables the query read
   * @param result the result
   * @return the result itself for a caller who sees raw values, else a masked copy
   */
  public QueryResult mask(
      Principal principal, Collection<TableClassification> classifications, QueryResult result) {
    if (seesRawValues(principal)) {
      return result;
    }
    List<String> names = result.columns().stream().map(ColumnInfo::name).toList();
    return new QueryResult(
        result.columns(),
        mask(principal, classifications, names, result.rows()),
        result.rowCount(),
        result.truncated(),
        result.elapsedMs());
  }

  /**
   * Masks single values of one column, e.g. a profile's top values or a KPI's dimension values.
   *
   * @param principal the caller
   * @param column the column's classification
   * @param value the value, may be null
   * @return the value as given for a caller who sees raw values, else its masked form
   */
  public Object maskValue(Principal principal, ColumnClassification column, Object value) {
    Objects.requireNonNull(principal, "principal");
    return seesRawValues(principal) ? value : maskCell(column.tags(), value);
  }

  private Object maskCell(Set<PiiTag> tags, Object value) {
    if (value == null) {
      return null;
    }
    if (tags.stream().anyMatch(PiiTag::isSensitive)) {
      return masker.mask(value, tags);
    }
    if (maskDetectedValues && value instanceof CharSequence) {
      Set<PiiTag> detected = detectors.detect(value);
      if (!detected.isEmpty()) {
        return masker.mask(value, detected);
      }
    }
    return value;
  }

  private static Set<PiiTag> tags(Collection<TableClassification> classifications, String column) {
    Set<PiiTag> tags = new TreeSet<>();
    for (TableClassification classification : classifications) {
      classification.column(column).ifPresent(c -> tags.addAll(c.tags()));
    }
    tags.remove(PiiTag.NONE);
    return tags;
  }

  @Override
  public String toString() {
    return "MaskingPolicy[maskDetectedValues=" + maskDetectedValues + "]";
  }
}

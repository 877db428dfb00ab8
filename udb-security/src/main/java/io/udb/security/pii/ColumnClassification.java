package io.udb.security.pii;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sensitivity of one column.
 *
 * @param column the column name as given
 * @param tags the sensitivity tags, sorted; {@code {none}} for a column without PII, never empty
 *     and never {@code none} together with another tag
 * @param matchShare the highest share of sampled non-null values that one detector recognized, in
 *     [0, 1]; 0 when no values were sampled
 * @param basis what the tags rest on: {@code name}, {@code values}, {@code both}, or {@code none}
 *     for a column without PII
 */
public record ColumnClassification(
    String column, Set<PiiTag> tags, double matchShare, String basis) {
  /** Tags come from the column name only. */
  public static final String BASIS_NAME = "name";

  /** Tags come from sampled values only. */
  public static final String BASIS_VALUES = "values";

  /** Tags come from the name and from sampled values. */
  public static final String BASIS_BOTH = "both";

  /** No tag: the column holds no detected PII. */
  public static final String BASIS_NONE = "none";

  /**
   * Validates and normalizes the tags.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown basis or a share
   *     outside [0, 1]
   */
  public ColumnClassification {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(basis, "basis");
    Set<PiiTag> sorted = new TreeSet<>(tags);
    if (sorted.size() > 1) {
      sorted.remove(PiiTag.NONE);
    }
    if (sorted.isEmpty()) {
      sorted.add(PiiTag.NONE);
    }
    tags = Collections.unmodifiableSet(sorted);
    if (!(matchShare >= 0 && matchShare <= 1)) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "matchShare must be in [0, 1]");
    }
    boolean sensitive = !tags.contains(PiiTag.NONE);
    boolean known =
        sensitive
            ? basis.equals(BASIS_NAME) || basis.equals(BASIS_VALUES) || basis.equals(BASIS_BOTH)
            : basis.equals(BASIS_NONE);
    if (!known) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "basis must be name, values or both for a tagged column and none for an untagged one");
    }
  }

  /**
   * A column without PII.
   *
   * @param column the column name
   * @param matchShare the highest share any detector reached
   * @return the classification
   */
  public static ColumnClassification none(String column, double matchShare) {
    return new ColumnClassification(column, Set.of(PiiTag.NONE), matchShare, BASIS_NONE);
  }

  /** True when the column carries at least one PII tag. */
  public boolean isSensitive() {
    return !tags.contains(PiiTag.NONE);
  }
}

package io.udb.quality.profile;

import io.udb.api.Principal;
import io.udb.core.json.Json;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.MaskingPolicy;
import io.udb.security.pii.TableClassification;
import java.util.List;
import java.util.Map;

/**
 * Masks (for a principal that may not see PII) and shortens the data values a profile shows: top
 * values, extremes, minimum and maximum, sample cells. Nested values (lists, structs) are shown as
 * their JSON text.
 */
final class ValueMasking {
  private static final String ELLIPSIS = "…";

  private final Principal principal;
  private final TableClassification classification;
  private final MaskingPolicy policy;
  private final int maxLength;

  private ValueMasking(
      Principal principal,
      TableClassification classification,
      MaskingPolicy policy,
      int maxLength) {
    this.principal = principal;
    this.classification = classification;
    this.policy = policy;
    this.maxLength = maxLength;
  }

  /**
   * The masking for one profile.
   *
   * @param options the options naming the principal and classification
   * @param classifier classifies columns when no classification is given
   * @param table the table name
   * @param samples the values fetched per column, to classify from
   * @return the masking
   */
  static ValueMasking of(
      ProfileOptions options,
      ColumnClassifier classifier,
      String table,
      Map<String, ? extends List<?>> samples) {
    if (options.principal() == null) {
      return new ValueMasking(null, null, null, options.maxValueLength());
    }
    TableClassification classification =
        options.classification() != null
            ? options.classification()
            : classifier.classifyTable(table, samples);
    return new ValueMasking(
        options.principal(),
        classification,
        MaskingPolicy.of(classifier.detectors()),
        options.maxValueLength());
  }

  /** True when values are masked: a principal was given that may not see raw values. */
  boolean masks() {
    return principal != null && !policy.seesRawValues(principal);
  }

  /**
   * A value as the profile shows it.
   *
   * @param column the column it came from
   * @param value the raw value, may be null
   * @return the masked, shortened value
   */
  Object value(String column, Object value) {
    Object shown = value;
    if (shown instanceof List<?> || shown instanceof Map<?, ?>) {
      shown = Json.write(shown);
    }
    if (principal != null && shown != null) {
      ColumnClassification tags =
          classification.column(column).orElse(ColumnClassification.none(column, 0));
      shown = policy.maskValue(principal, tags, shown);
    }
    return shown instanceof String text ? shorten(text) : shown;
  }

  private String shorten(String text) {
    if (text.codePointCount(0, text.length()) <= maxLength) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxLength)) + ELLIPSIS;
  }
}

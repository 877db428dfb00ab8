package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.UdbException;
import io.udb.security.pii.TableClassification;
import java.time.Duration;
import java.util.Objects;

/**
 * How a quality run behaves beyond its checks.
 *
 * @param principal the caller, for masking the failing-row samples; null when the host itself asks
 *     (samples are then masked only when a classification is given, as for a viewer)
 * @param classification the table's PII classification; null to classify the sampled columns on the
 *     fly from their names and values
 * @param quarantine whether to write the violating rows of failed row-level checks to {@code
 *     <table>__quarantine}
 * @param sampleRows how many violating rows to sample per failed row-level check, 0 to 100
 * @param recordHistory whether to record this run's metrics in the history
 * @param anomalies anomaly detection on the history
 * @param predicateTimeout the longest a custom predicate's guarded count may run
 */
public record QualityOptions(
    Principal principal,
    TableClassification classification,
    boolean quarantine,
    int sampleRows,
    boolean recordHistory,
    AnomalyDetection anomalies,
    Duration predicateTimeout) {

  /** Default number of sampled violating rows per check. */
  public static final int DEFAULT_SAMPLE_ROWS = 10;

  /** Validates the options. */
  public QualityOptions {
    if (sampleRows < 0 || sampleRows > 100) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "sampleRows must be 0 to 100");
    }
    Objects.requireNonNull(anomalies, "anomalies");
    Objects.requireNonNull(predicateTimeout, "predicateTimeout");
    if (predicateTimeout.isNegative() || predicateTimeout.isZero()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "predicateTimeout must be positive");
    }
  }

  /**
   * No principal or classification, no quarantine, 10 sampled rows, history recorded with the
   * default anomaly detection, 60 s per predicate.
   */
  public static QualityOptions defaults() {
    return new QualityOptions(
        null,
        null,
        false,
        DEFAULT_SAMPLE_ROWS,
        true,
        AnomalyDetection.defaults(),
        Duration.ofSeconds(60));
  }

  /**
   * With a caller whose role decides the masking.
   *
   * @param caller the caller
   * @return the copy
   */
  public QualityOptions withPrincipal(Principal caller) {
    return new QualityOptions(
        caller, classification, quarantine, sampleRows, recordHistory, anomalies, predicateTimeout);
  }

  /**
   * With the table's classification.
   *
   * @param tableClassification the classification
   * @return the copy
   */
  public QualityOptions withClassification(TableClassification tableClassification) {
    return new QualityOptions(
        principal,
        tableClassification,
        quarantine,
        sampleRows,
        recordHistory,
        anomalies,
        predicateTimeout);
  }

  /**
   * With quarantine on or off.
   *
   * @param on whether to quarantine
   * @return the copy
   */
  public QualityOptions withQuarantine(boolean on) {
    return new QualityOptions(
        principal, classification, on, sampleRows, recordHistory, anomalies, predicateTimeout);
  }

  /**
   * With another sample size.
   *
   * @param rows rows per failed check, 0 to 100
   * @return the copy
   */
  public QualityOptions withSampleRows(int rows) {
    return new QualityOptions(
        principal, classification, quarantine, rows, recordHistory, anomalies, predicateTimeout);
  }

  /**
   * With history recording on or off (detection needs it on).
   *
   * @param on whether to record
   * @return the copy
   */
  public QualityOptions withHistory(boolean on) {
    return new QualityOptions(
        principal, classification, quarantine, sampleRows, on, anomalies, predicateTimeout);
  }

  /**
   * With other anomaly detection.
   *
   * @param detection the detection
   * @return the copy
   */
  public QualityOptions withAnomalies(AnomalyDetection detection) {
    return new QualityOptions(
        principal,
        classification,
        quarantine,
        sampleRows,
        recordHistory,
        detection,
        predicateTimeout);
  }

  /**
   * With another predicate timeout.
   *
   * @param timeout the timeout
   * @return the copy
   */
  public QualityOptions withPredicateTimeout(Duration timeout) {
    return new QualityOptions(
        principal, classification, quarantine, sampleRows, recordHistory, anomalies, timeout);
  }
}

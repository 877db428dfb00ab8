package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a metric's new value is compared with its history (the last runs' values). Each strategy
 * answers with a short phrase describing the anomaly, or empty when there is none.
 */
public sealed interface AnomalyStrategy {

  /**
   * Compares a value with the history.
   *
   * @param current the new value
   * @param history earlier values, oldest first, never empty
   * @return the anomaly as a phrase (e.g. {@code dropped 40.1%}), or empty
   */
  Optional<String> detect(double current, List<Double> history);

  /** The mean of the history. */
  static double mean(List<Double> history) {
    return history.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /**
   * A change from the mean of the history by more than an absolute amount, like Deequ's
   * AbsoluteChangeStrategy.
   *
   * @param maxDecrease the largest accepted decrease (positive), or null for any
   * @param maxIncrease the largest accepted increase, or null for any
   */
  record AbsoluteChange(Double maxDecrease, Double maxIncrease) implements AnomalyStrategy {
    /** Validates the limits. */
    public AbsoluteChange {
      requireLimits(maxDecrease, maxIncrease);
    }

    @Override
    public Optional<String> detect(double current, List<Double> history) {
      double change = current - mean(history);
      if (maxDecrease != null && -change > maxDecrease) {
        return Optional.of("dropped by " + Bound.format(round(-change)));
      }
      if (maxIncrease != null && change > maxIncrease) {
        return Optional.of("rose by " + Bound.format(round(change)));
      }
      return Optional.empty();
    }
  }

  /**
   * A change from the mean of the history by more than a fraction of it, like Deequ's
   * RelativeRateOfChangeStrategy: {@code RelativeChange(0.2, 0.2)} flags a value 20% below or above
   * the mean.
   *
   * @param maxDecrease the largest accepted decrease as a fraction (0.2 = 20%), or null for any
   * @param maxIncrease the largest accepted increase as a fraction, or null for any
   */
  record RelativeChange(Double maxDecrease, Double maxIncrease) implements AnomalyStrategy {
    /** Validates the limits. */
    public RelativeChange {
      requireLimits(maxDecrease, maxIncrease);
    }

    @Override
    public Optional<String> detect(double current, List<Double> history) {
      double mean = mean(history);
      if (mean == 0) {
        if (current > 0 && maxIncrease != null) {
          return Optional.of("rose from 0");
        }
        if (current < 0 && maxDecrease != null) {
          return Optional.of("dropped from 0");
        }
        return Optional.empty();
      }
      double rate = (current - mean) / Math.abs(mean);
      if (maxDecrease != null && -rate > maxDecrease) {
        return Optional.of("dropped " + percent(-rate));
      }
      if (maxIncrease != null && rate > maxIncrease) {
        return Optional.of("rose " + percent(rate));
      }
      return Optional.empty();
    }
  }

  /**
   * A value more than {@code k} sample standard deviations from the mean of the history. Needs at
   * least two earlier values; when they are all equal, any other value is an anomaly.
   *
   * @param k the number of standard deviations, positive
   */
  record StandardDeviations(double k) implements AnomalyStrategy {
    /** Validates {@code k}. */
    public StandardDeviations {
      if (!(k > 0) || !Double.isFinite(k)) {
        throw new UdbException(ErrorCode.INVALID_ARGUMENT, "k must be a positive number");
      }
    }

    @Override
    public Optional<String> detect(double current, List<Double> history) {
      if (history.size() < 2) {
        return Optional.empty();
      }
      double mean = mean(history);
      double squares = 0;
      for (double value : history) {
        squares += (value - mean) * (value - mean);
      }
      double std = Math.sqrt(squares / (history.size() - 1));
      double distance = Math.abs(current - mean);
      if (std == 0) {
        if (distance == 0) {
          return Optional.empty();
        }
        return Optional.of(
            (current < mean ? "dropped below" : "rose above")
                + " its constant value "
                + Bound.format(round(mean)));
      }
      double sigmas = distance / std;
      if (sigmas <= k) {
        return Optional.empty();
      }
      return Optional.of(
          String.format(
              Locale.ROOT,
              "is %.1f standard deviations %s the mean",
              sigmas,
              current < mean ? "below" : "above"));
    }
  }

  private static void requireLimits(Double maxDecrease, Double maxIncrease) {
    if (maxDecrease == null && maxIncrease == null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Give a largest decrease, a largest increase or both");
    }
    if ((maxDecrease != null && !(maxDecrease >= 0 && Double.isFinite(maxDecrease)))
        || (maxIncrease != null && !(maxIncrease >= 0 && Double.isFinite(maxIncrease)))) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Change limits must be finite and not negative");
    }
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }
}

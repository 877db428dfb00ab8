package io.udb.quality.check;

/**
 * A value that a query will deliver later: planned checks hold measures, the runner fills them, and
 * evaluation reads them. A measure whose query failed throws {@link Failed} when read, so that only
 * the checks depending on it report an error.
 *
 * @param <T> the value type
 */
final class Measure<T> {
  private T value;
  private String failure;
  private boolean done;

  /** Delivers the value. */
  void set(T newValue) {
    value = newValue;
    failure = null;
    done = true;
  }

  /** Records why the value could not be measured. */
  void fail(String why) {
    value = null;
    failure = why;
    done = true;
  }

  /** Whether the value or a failure was delivered. */
  boolean isDone() {
    return done;
  }

  /**
   * The value.
   *
   * @return the value, possibly null (e.g. the minimum of an empty column)
   * @throws Failed when its query failed or never ran
   */
  T get() {
    if (!done) {
      throw new Failed("the measurement did not run");
    }
    if (failure != null) {
      throw new Failed(failure);
    }
    return value;
  }

  /** A measurement failed; its message says why and is safe to show to the tenant. */
  static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }
}

package io.udb.security.pii;

/**
 * Decides whether one value is PII of one kind.
 *
 * <p>Contract: a detector judges the whole value (leading and trailing whitespace ignored), not
 * fragments inside free text; it is thread-safe, never throws for any input and runs in time linear
 * in the input's length (user patterns: bounded by their step budget).
 */
public interface PiiDetector {

  /** The tag given to values this detector recognizes. */
  PiiTag tag();

  /**
   * Tells whether the value is PII of this detector's kind.
   *
   * @param value the value; callers usually truncate it first (see {@link PiiDetectors})
   * @return true when recognized
   */
  boolean matches(CharSequence value);
}

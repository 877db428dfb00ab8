package io.udb.security.audit;

/**
 * Receives every denial of every security control. The core turns each into a {@code
 * udb.security.denied} event and increments {@code udb.security.denied} tagged by control and
 * reason.
 *
 * <p>Implementations are thread-safe and never throw.
 */
@FunctionalInterface
public interface SecurityAudit {

  /**
   * Records a denial.
   *
   * @param denial what was refused
   */
  void denied(Denial denial);

  /** An audit that records nothing (tests, or hosts that audit elsewhere). */
  static SecurityAudit none() {
    return denial -> {};
  }
}

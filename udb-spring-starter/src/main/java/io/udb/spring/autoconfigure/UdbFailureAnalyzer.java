package io.udb.spring.autoconfigure;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a UDB configuration error that stops start-up (a missing JWT secret, an unknown plugin
 * name, a malformed setting) into Spring Boot's short "APPLICATION FAILED TO START" report: the
 * error code and UDB's own message, which says what to fix, instead of a wall of bean creation
 * exceptions.
 */
public final class UdbFailureAnalyzer extends AbstractFailureAnalyzer<UdbException> {

  /** Creates the analyzer; Spring Boot calls it. */
  public UdbFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UdbException cause) {
    if (cause.code().category() != ErrorCode.Category.CONFIGURATION) {
      return null;
    }
    return new FailureAnalysis(
        "UDB could not start: " + cause.code() + ": " + cause.getMessage(),
        "Fix the udb.* configuration as the message says (docs/configuration.md lists every"
            + " property).",
        cause);
  }
}

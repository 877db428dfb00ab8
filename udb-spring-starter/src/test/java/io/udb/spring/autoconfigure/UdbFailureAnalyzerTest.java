package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class UdbFailureAnalyzerTest {
  private final UdbFailureAnalyzer analyzer = new UdbFailureAnalyzer();

  @Test
  void reportsAConfigurationErrorWithItsCodeAndMessage() {
    BeanCreationException failure =
        new BeanCreationException(
            "dataBox",
            "failed",
            new ConfigurationException(ErrorCode.CONFIG_INVALID, "Set UDB_JWT_SECRET"));
    FailureAnalysis analysis = analyzer.analyze(failure);
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription())
        .isEqualTo("UDB could not start: CONFIG_INVALID: Set UDB_JWT_SECRET");
    assertThat(analysis.getAction()).contains("docs/configuration.md");
  }

  @Test
  void leavesOtherFailuresToSpring() {
    assertThat(
            analyzer.analyze(
                new BeanCreationException(
                    "dataBox", "failed", new UdbException(ErrorCode.STORAGE_ERROR, "disk"))))
        .isNull();
    assertThat(analyzer.analyze(new IllegalStateException("x"))).isNull();
  }
}

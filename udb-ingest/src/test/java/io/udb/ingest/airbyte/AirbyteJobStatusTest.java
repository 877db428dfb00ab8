package io.udb.ingest.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AirbyteJobStatusTest {

  @Test
  void parsesTheApiStatusesAndKnowsWhichAreFinal() {
    assertThat(AirbyteJobStatus.of("succeeded")).isEqualTo(AirbyteJobStatus.SUCCEEDED);
    assertThat(AirbyteJobStatus.of("INCOMPLETE")).isEqualTo(AirbyteJobStatus.INCOMPLETE);
    assertThat(AirbyteJobStatus.of("paused")).isEqualTo(AirbyteJobStatus.UNKNOWN);
    assertThat(AirbyteJobStatus.of(null)).isEqualTo(AirbyteJobStatus.UNKNOWN);
    assertThat(AirbyteJobStatus.values())
        .filteredOn(AirbyteJobStatus::terminal)
        .containsExactlyInAnyOrder(
            AirbyteJobStatus.SUCCEEDED, AirbyteJobStatus.FAILED, AirbyteJobStatus.CANCELLED);
  }

  @Test
  void mapsStatusesToTheFirstHalfOfTheJobsProgress() {
    long startedLongAgo = System.nanoTime() - 3_600_000_000_000L;
    double pending = AirbyteConnector.progressOf(AirbyteJobStatus.PENDING, System.nanoTime());
    double runningNow = AirbyteConnector.progressOf(AirbyteJobStatus.RUNNING, System.nanoTime());
    double runningLong = AirbyteConnector.progressOf(AirbyteJobStatus.RUNNING, startedLongAgo);
    double incomplete = AirbyteConnector.progressOf(AirbyteJobStatus.INCOMPLETE, startedLongAgo);
    double succeeded = AirbyteConnector.progressOf(AirbyteJobStatus.SUCCEEDED, startedLongAgo);

    assertThat(pending).isLessThan(runningNow);
    assertThat(runningNow).isLessThan(runningLong);
    assertThat(incomplete).isCloseTo(runningLong, within(0.001));
    assertThat(runningLong).isLessThan(succeeded);
    assertThat(succeeded).isEqualTo(0.5);
  }
}

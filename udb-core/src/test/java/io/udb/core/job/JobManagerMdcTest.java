package io.udb.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class JobManagerMdcTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final JobType TYPE = JobType.of("ingest");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final org.slf4j.Logger BODY_LOG = LoggerFactory.getLogger("io.udb.test.JobBody");

  private final CapturingAppender appender = new CapturingAppender();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void attach() {
    appender.start();
    root.addAppender(appender);
  }

  @AfterEach
  void detach() {
    root.detachAppender(appender);
    appender.stop();
  }

  /** Keeps events with their MDC and thread fixed at logging time (logback reads both lazily). */
  private static final class CapturingAppender extends AppenderBase<ILoggingEvent> {
    private final List<ILoggingEvent> events = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
      event.prepareForDeferredProcessing();
      events.add(event);
    }

    List<ILoggingEvent> on(String threadName) {
      synchronized (this) {
        return events.stream().filter(e -> e.getThreadName().equals(threadName)).toList();
      }
    }
  }

  @Test
  void everyLineWrittenDuringAJobCarriesTenantJobIdAndCorrelationId() {
    AtomicReference<String> worker = new AtomicReference<>();
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .jobLimits(new JobLimits(1, 1, 10))
            .build()) {
      Job job =
          box.jobs()
              .submit(
                  ACME,
                  TYPE,
                  context -> {
                    worker.set(Thread.currentThread().getName());
                    BODY_LOG.info("Reading sales.csv");
                    context.stage(
                        "load",
                        () -> {
                          BODY_LOG.info("Loading rows");
                          return null;
                        });
                    return context.stage(
                        "profile",
                        () -> {
                          BODY_LOG.warn("Column amount has nulls");
                          throw new UdbException(ErrorCode.SQL_TIMEOUT, "Profiling timed out");
                        });
                  },
                  "req-42");
      assertThat(box.awaitJob(ACME, job.id(), WAIT).state()).isEqualTo(JobState.FAILED);

      List<ILoggingEvent> lines = appender.on(worker.get());
      assertThat(lines)
          .extracting(ILoggingEvent::getFormattedMessage)
          .contains("Reading sales.csv", "Loading rows", "Column amount has nulls")
          .anyMatch(m -> m.contains("started"))
          .anyMatch(m -> m.contains("FAILED"));
      for (ILoggingEvent line : lines) {
        assertThat(line.getMDCPropertyMap())
            .as("MDC of '%s'", line.getFormattedMessage())
            .containsEntry("tenant", "acme")
            .containsEntry("jobId", job.id().value())
            .containsEntry("correlationId", "req-42");
      }
      assertThat(lines)
          .filteredOn(e -> e.getFormattedMessage().equals("Loading rows"))
          .singleElement()
          .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("stage", "load"));
    }
  }

  @Test
  void workerThreadStartsTheNextJobWithAClearedMdc() {
    AtomicReference<String> firstWorker = new AtomicReference<>();
    AtomicReference<String> secondWorker = new AtomicReference<>();
    AtomicReference<Map<String, String>> mdcOfNextJob = new AtomicReference<>();
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .jobLimits(new JobLimits(1, 1, 10))
            .build()) {
      Job first =
          box.submit(
              ACME,
              TYPE,
              context -> {
                firstWorker.set(Thread.currentThread().getName());
                // A careless body leaves a key of its own behind.
                MDC.put("dataset", "acme-payroll");
                return context.stage("load", () -> Map.of());
              });
      box.awaitJob(ACME, first.id(), WAIT);
      Job second =
          box.jobs()
              .submit(
                  GLOBEX,
                  TYPE,
                  context -> {
                    secondWorker.set(Thread.currentThread().getName());
                    mdcOfNextJob.set(MDC.getCopyOfContextMap());
                    return Map.of();
                  },
                  "req-2");
      assertThat(box.awaitJob(GLOBEX, second.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);

      assertThat(secondWorker.get()).isEqualTo(firstWorker.get());
      assertThat(mdcOfNextJob.get())
          .isEqualTo(
              Map.of("tenant", "globex", "jobId", second.id().value(), "correlationId", "req-2"));
    }
  }
}

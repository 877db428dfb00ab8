package io.udb.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.core.DataBox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class DemoRestartAndLoggingTest {

  @Test
  void logsJsonWithTheMdcOnASwitchAndSeedsOnlyOnce(@TempDir Path storage, CapturedOutput output) {
    String[] args = {
      "--server.port=0",
      "--udb.storage.path=" + storage,
      "--logging.structured.format.console=ecs",
      "--udb.security.jwt-secret=" + java.util.Base64.getEncoder().encodeToString(new byte[32])
    };
    try (ConfigurableApplicationContext first =
        UdbDemoApplication.start(Map.of("UDB_JWT_SECRET", "set-elsewhere"), args)) {
      DemoSeeder seeder = first.getBean(DemoSeeder.class);
      DataBox box = first.getBean(DataBox.class);
      for (Job job : seeder.seedJobs().values()) {
        box.awaitJob(DemoSeeder.TENANT, job.id(), Duration.ofMinutes(3));
      }
      // the secret came from the environment: no token is printed, the banner says how to make one
      assertThat(seeder.banner().token()).isNull();
      assertThat(output.getOut()).contains("Tokens are verified with UDB_JWT_SECRET");
    }

    List<String> jobLines =
        output.getOut().lines().filter(l -> l.contains("io.udb.core.job.JobManager")).toList();
    assertThat(jobLines).isNotEmpty();
    for (String line : jobLines) {
      assertThat(line)
          .startsWith("{")
          .contains("\"tenant\":\"demo\"", "\"jobId\":\"", "\"correlationId\":\"");
    }

    try (ConfigurableApplicationContext second =
        UdbDemoApplication.start(Map.of("UDB_JWT_SECRET", "set-elsewhere"), args)) {
      DemoSeeder seeder = second.getBean(DemoSeeder.class);
      assertThat(seeder.seedJobs()).isEmpty();
      assertThat(
              second
                  .getBean(DataBox.class)
                  .describe(DemoSeeder.TENANT, TableRef.of(DemoSeeder.TABLE))
                  .orElseThrow()
                  .rowCount())
          .isEqualTo(1461);
    }
  }
}

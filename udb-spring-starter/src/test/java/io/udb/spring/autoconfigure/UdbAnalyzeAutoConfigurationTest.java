package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.analyze.AnalyzeContext;
import io.udb.core.analyze.AnalyzeRequest;
import io.udb.core.analyze.AnalyzeService;
import io.udb.core.analyze.AnalyzeStage;
import io.udb.core.analyze.StageResult;
import io.udb.ingest.analyze.SyncStage;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.kpi.analyze.KpiStage;
import io.udb.quality.analyze.DriftStage;
import io.udb.quality.analyze.ProfileStage;
import io.udb.quality.analyze.QualityStage;
import io.udb.quality.profile.Profiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class UdbAnalyzeAutoConfigurationTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final Path WEATHER = Path.of("../testdata/seattle-weather.csv").toAbsolutePath();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  UdbAutoConfiguration.class,
                  UdbIngestAutoConfiguration.class,
                  UdbQualityAutoConfiguration.class,
                  UdbKpiAutoConfiguration.class,
                  UdbAnalyzeAutoConfiguration.class))
          .withPropertyValues("udb.storage.in-memory=true", "udb.web.enabled=false");

  @Test
  void thePipelineRunsOnTheStageBeansOfTheContext() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          AnalyzeService service = context.getBean(AnalyzeService.class);
          assertThat(service.pipeline().stageNames())
              .containsExactly("sync", "profile", "quality", "drift", "kpi");
          assertThat(service.pipeline().stages())
              .contains(
                  context.getBean(SyncStage.class),
                  context.getBean(ProfileStage.class),
                  context.getBean(QualityStage.class),
                  context.getBean(DriftStage.class),
                  context.getBean(KpiStage.class));

          DataBox box = context.getBean(DataBox.class);
          context
              .getBean(FileIngestService.class)
              .load(ACME, WEATHER, "weather", LoadOptions.defaults());
          Job job =
              service.submit(
                  box,
                  ACME,
                  AnalyzeRequest.ofTables("weather")
                      .withKpis(
                          java.util.List.of(
                              Map.of(
                                  "name", "rain",
                                  "table", "weather",
                                  "measure", "precipitation",
                                  "aggregation", "sum",
                                  "timeColumn", "date",
                                  "grain", "year"))));
          Job done = box.awaitJob(ACME, job.id(), Duration.ofMinutes(5));
          assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
          assertThat(box.manifest(ACME, job.id()).orElseThrow().artifacts())
              .extracting(a -> a.name().value())
              .contains(
                  "profile.json", "profile.html", "quality.json", "kpis.json", "analyze.json");
        });
  }

  @Test
  void aHostStageReplacesTheOneOfTheSameName() {
    runner
        .withUserConfiguration(HostStage.class)
        .run(
            context -> {
              AnalyzeService service = context.getBean(AnalyzeService.class);
              assertThat(service.pipeline().stages())
                  .filteredOn(stage -> stage.name().equals("kpi"))
                  .containsExactly(context.getBean(HostStage.class).stage);
            });
  }

  @Test
  void hostAnalyzeServiceWins() {
    runner
        .withBean(
            "hostAnalyze",
            AnalyzeService.class,
            () -> new AnalyzeService(io.udb.core.analyze.AnalyzePipeline.of(java.util.List.of())))
        .run(
            context -> {
              assertThat(context).hasSingleBean(AnalyzeService.class);
              assertThat(context.getBean(AnalyzeService.class).pipeline().stageNames()).isEmpty();
            });
  }

  @Test
  void withoutTheQualityModuleItsStagesAreAbsent() {
    // A host without udb-quality lacks both its classes and its service entries.
    runner
        .withClassLoader(
            new FilteredClassLoader(
                name ->
                    name.startsWith(Profiler.class.getPackageName())
                        || name.startsWith(ProfileStage.class.getPackageName())
                        || name.equals("META-INF/services/" + AnalyzeStage.class.getName())))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ProfileStage.class);
              assertThat(context.getBean(AnalyzeService.class).pipeline().stageNames())
                  .containsExactly("sync", "kpi");
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class HostStage {
    final AnalyzeStage stage =
        new AnalyzeStage() {
          @Override
          public String name() {
            return "kpi";
          }

          @Override
          public int order() {
            return 500;
          }

          @Override
          public StageResult run(AnalyzeContext context) {
            return StageResult.skipped("host stage");
          }
        };

    @Bean
    AnalyzeStage hostKpiStage() {
      return stage;
    }
  }
}

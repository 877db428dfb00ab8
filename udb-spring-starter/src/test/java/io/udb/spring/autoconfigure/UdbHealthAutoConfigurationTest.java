package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.artifact.ArtifactStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class UdbHealthAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  UdbAutoConfiguration.class,
                  UdbHealthAutoConfiguration.class,
                  ApplicationAvailabilityAutoConfiguration.class))
          .withPropertyValues("udb.storage.in-memory=true", "udb.web.enabled=false");

  @Test
  void reportsUpWhenEveryCheckPasses() {
    runner.run(
        context -> {
          assertThat(context).hasBean("udbHealthIndicator");
          Health health = context.getBean("udbHealthIndicator", HealthIndicator.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails())
              .containsOnlyKeys("tenantDatabases", "artifactStore", "jobStore");
          assertThat(health.getDetails().values())
              .allSatisfy(detail -> assertThat(detail.toString()).startsWith("UP: "));
        });
  }

  @Test
  void reportsDownNamingTheFailingCheck() {
    runner
        .withBean(ArtifactStore.class, BrokenArtifactStore::new)
        .run(
            context -> {
              Health health = context.getBean("udbHealthIndicator", HealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.DOWN);
              assertThat(health.getDetails().get("artifactStore").toString())
                  .startsWith("DOWN: STORAGE_ERROR")
                  .contains("disk full");
              assertThat(health.getDetails().get("tenantDatabases").toString()).startsWith("UP: ");
            });
  }

  @Test
  void refusesTrafficWhenNotHealthyOnceReady() {
    runner
        .withBean(ArtifactStore.class, BrokenArtifactStore::new)
        .run(
            context -> {
              AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
              assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
                  .isEqualTo(ReadinessState.REFUSING_TRAFFIC);
            });
  }

  @Test
  void acceptsTrafficWhenHealthy() {
    runner.run(
        context -> {
          AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
          assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
              .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
        });
  }

  @Test
  void isOffWhenDisabled() {
    runner
        .withPropertyValues("management.health.udb.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("udbHealthIndicator"));
  }

  @Test
  void isAbsentWithoutSpringBootHealth() {
    runner
        .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean("udbHealthIndicator");
              assertThat(context).hasSingleBean(UdbHealthProbe.class);
            });
  }

  @Test
  void backsOffWhenHostDefinesItsOwnUdbIndicator() {
    HealthIndicator own = () -> Health.up().build();
    runner
        .withBean("udbHealthIndicator", HealthIndicator.class, () -> own)
        .run(context -> assertThat(context.getBean("udbHealthIndicator")).isSameAs(own));
  }

  /** An artifact store whose disk is full. */
  static final class BrokenArtifactStore implements ArtifactStore {
    @Override
    public ArtifactInfo put(
        TenantId tenant, JobId jobId, ArtifactName name, String contentType, InputStream content) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "disk full");
    }

    @Override
    public Optional<InputStream> open(TenantId tenant, JobId jobId, ArtifactName name) {
      return Optional.empty();
    }

    @Override
    public Optional<ArtifactManifest> manifest(TenantId tenant, JobId jobId) {
      return Optional.empty();
    }

    @Override
    public boolean delete(TenantId tenant, JobId jobId) {
      return false;
    }

    @Override
    public int pruneOlderThan(Instant cutoff) {
      return 0;
    }
  }
}

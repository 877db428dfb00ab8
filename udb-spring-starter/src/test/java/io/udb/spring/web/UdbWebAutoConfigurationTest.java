package io.udb.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** When the HTTP API is wired, and when it is not. */
class UdbWebAutoConfigurationTest {
  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(UdbWebAutoConfiguration.class));

  @Test
  void servletApplicationGetsTheApiWithoutAnyUdbBean() {
    web.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(UdbServices.class);
          assertThat(context).hasSingleBean(JobController.class);
          assertThat(context).hasSingleBean(ApiExceptionResolver.class);
          assertThat(context.getBean(UdbServices.class).boxOrNull()).isNull();
        });
  }

  @Test
  void disabledByPropertyServesNothing() {
    web.withPropertyValues("udb.web.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(UdbServices.class);
              assertThat(context).doesNotHaveBean(PublicController.class);
            });
  }

  @Test
  void backsOffOutsideServletApplications() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(UdbWebAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(UdbServices.class));
  }

  @Test
  void malformedBasePathFailsStartUpNamingTheProperty() {
    web.withPropertyValues("udb.web.base-path=udb/")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("udb.web.base-path")
                    .hasMessageContaining("'udb/'"));
  }

  @Test
  void hostsOwnProblemMapperWins() {
    ProblemMapper own = new ProblemMapper();
    web.withBean(ProblemMapper.class, () -> own)
        .run(context -> assertThat(context.getBean(ProblemMapper.class)).isSameAs(own));
  }
}

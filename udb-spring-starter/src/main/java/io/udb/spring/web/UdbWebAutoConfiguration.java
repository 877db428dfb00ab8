package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.DataBox;
import io.udb.core.analyze.AnalyzeService;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.file.FileIngestService;
import io.udb.kpi.service.KpiService;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.Profiler;
import io.udb.spring.autoconfigure.UdbHealthProbe;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Serves UDB's HTTP API ({@code CONTRACT.md}, {@code docs/api.md}) in a servlet web application,
 * under {@code udb.web.base-path} ({@code /udb}); off with {@code udb.web.enabled=false}. Runs
 * after UDB's core auto-configuration, whose beans it looks up lazily: an endpoint whose module is
 * absent answers 503 {@code UNAVAILABLE}. Every bean backs off when the host defines its own.
 */
@AutoConfiguration(afterName = "io.udb.spring.autoconfigure.UdbAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, DataBox.class})
@ConditionalOnProperty(prefix = "udb.web", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(UdbWebProperties.class)
public final class UdbWebAutoConfiguration {
  private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  /** The UDB beans, looked up per request. */
  @Bean
  @ConditionalOnMissingBean
  UdbServices udbWebServices(
      ObjectProvider<DataBox> box,
      ObjectProvider<FileIngestService> fileIngest,
      ObjectProvider<ConnectionService> connections,
      ObjectProvider<Profiler> profiler,
      ObjectProvider<QualityService> quality,
      ObjectProvider<DriftService> drift,
      ObjectProvider<KpiService> kpis,
      ObjectProvider<AnalyzeService> analyze) {
    return new UdbServices(box, fileIngest, connections, profiler, quality, drift, kpis, analyze);
  }

  /** Maps exceptions to problems. */
  @Bean
  @ConditionalOnMissingBean
  ProblemMapper udbProblemMapper() {
    return new ProblemMapper();
  }

  /** Answers every error under the base path with problem+json. */
  @Bean
  ApiExceptionResolver udbApiExceptionResolver(
      UdbWebProperties properties, ProblemMapper problems) {
    return new ApiExceptionResolver(basePath(properties), problems);
  }

  /** Correlation ids, before authentication so that its refusals carry one. */
  @Bean
  FilterRegistrationBean<CorrelationIdFilter> udbCorrelationIdFilter(UdbWebProperties properties) {
    FilterRegistrationBean<CorrelationIdFilter> registration =
        new FilterRegistrationBean<>(new CorrelationIdFilter());
    registration.addUrlPatterns(basePath(properties) + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    registration.setName("udbCorrelationIdFilter");
    return registration;
  }

  /** Bearer-token authentication of every non-public endpoint. */
  @Bean
  FilterRegistrationBean<BearerAuthenticationFilter> udbBearerAuthenticationFilter(
      UdbWebProperties properties, ObjectProvider<DataBox> box, ProblemMapper problems) {
    FilterRegistrationBean<BearerAuthenticationFilter> registration =
        new FilterRegistrationBean<>(
            new BearerAuthenticationFilter(basePath(properties), box, problems));
    registration.addUrlPatterns(basePath(properties) + "/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    registration.setName("udbBearerAuthenticationFilter");
    return registration;
  }

  /** Liveness, readiness, event schemas, OpenAPI. */
  @Bean
  PublicController udbPublicController(
      UdbServices services,
      ObjectProvider<UdbHealthProbe> probe,
      ObjectProvider<ApplicationAvailability> availability,
      UdbWebProperties properties) {
    return new PublicController(services, probe, availability, basePath(properties));
  }

  /** Status. */
  @Bean
  StatusController udbStatusController(UdbServices services) {
    return new StatusController(services);
  }

  /** Uploads. */
  @Bean
  IngestController udbIngestController(UdbServices services, UdbWebProperties properties) {
    return new IngestController(services, properties);
  }

  /** Tables and SQL. */
  @Bean
  QueryController udbQueryController(UdbWebProperties properties) {
    return new QueryController(properties);
  }

  /** Jobs and artifacts. */
  @Bean
  JobController udbJobController(UdbServices services) {
    return new JobController(services);
  }

  /** Profile, quality, drift and KPI jobs. */
  @Bean
  JobsStartController udbJobsStartController(UdbServices services, UdbWebProperties properties) {
    return new JobsStartController(services, properties);
  }

  /** Connectors and connections. */
  @Bean
  SourcesController udbSourcesController(UdbServices services, UdbWebProperties properties) {
    return new SourcesController(services, properties);
  }

  /** Prune, secrets and OAuth2. */
  @Bean
  AdminController udbAdminController() {
    return new AdminController();
  }

  /**
   * The validated base path.
   *
   * @param properties the properties
   * @return e.g. {@code /udb}
   * @throws UdbException with {@code CONFIG_INVALID} when it is not a path of plain segments
   */
  static String basePath(UdbWebProperties properties) {
    String path = properties.getBasePath();
    if (path == null || !BASE_PATH.matcher(path).matches()) {
      throw new UdbException(
          ErrorCode.CONFIG_INVALID,
          "udb.web.base-path must start with '/' and hold plain path segments without a trailing"
              + " '/', e.g. /udb; got '"
              + path
              + "'");
    }
    return path;
  }
}

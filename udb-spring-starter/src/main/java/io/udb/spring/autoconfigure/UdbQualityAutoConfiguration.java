package io.udb.spring.autoconfigure;

import io.udb.api.config.Settings;
import io.udb.core.DataBox;
import io.udb.quality.analyze.DriftStage;
import io.udb.quality.analyze.ProfileStage;
import io.udb.quality.analyze.QualityStage;
import io.udb.quality.check.ConstraintSuggester;
import io.udb.quality.check.QualityOptions;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.BaselineOptions;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.PiiSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Profiling, data-quality checks and drift (udb-quality), when it is on the classpath. They
 * classify and mask personal data with the same {@code security.pii.*} settings as the box.
 */
@AutoConfiguration(after = UdbAutoConfiguration.class)
@ConditionalOnClass({Profiler.class, DataBox.class})
@ConditionalOnBean(DataBox.class)
public final class UdbQualityAutoConfiguration {

  /** Creates the configuration; Spring calls it. */
  public UdbQualityAutoConfiguration() {}

  /**
   * Classifies columns for masking, from {@code udb.settings.security.pii.*}.
   *
   * @param udbSettings the settings
   * @return the classifier
   */
  @Bean
  @ConditionalOnMissingBean
  public ColumnClassifier udbColumnClassifier(Settings udbSettings) {
    return new ColumnClassifier(PiiSettings.from(udbSettings.withPrefix("security.")));
  }

  /**
   * The profiler.
   *
   * @param classifier the classifier
   * @param dataBox the box, for its clock
   * @return the profiler
   */
  @Bean
  @ConditionalOnMissingBean
  public Profiler profiler(ColumnClassifier classifier, DataBox dataBox) {
    return new Profiler(classifier, dataBox.clock());
  }

  /**
   * Data-quality checks, masking failing-row samples with the box's masking policy.
   *
   * @param classifier the classifier
   * @param dataBox the box
   * @return the service
   */
  @Bean
  @ConditionalOnMissingBean
  public QualityService qualityService(ColumnClassifier classifier, DataBox dataBox) {
    return new QualityService(classifier, dataBox.security().masking(), new ConstraintSuggester());
  }

  /**
   * Drift against a reference table or a stored baseline.
   *
   * @return the service
   */
  @Bean
  @ConditionalOnMissingBean
  public DriftService driftService() {
    return new DriftService();
  }

  /**
   * The analyze pipeline's {@code profile} stage, on this context's profiler.
   *
   * @param profiler the profiler
   * @return the stage
   */
  @Bean
  @ConditionalOnMissingBean
  public ProfileStage udbProfileStage(Profiler profiler) {
    return new ProfileStage(profiler, ProfileOptions.defaults());
  }

  /**
   * The analyze pipeline's {@code quality} stage, on this context's quality service.
   *
   * @param qualityService the checks
   * @return the stage
   */
  @Bean
  @ConditionalOnMissingBean
  public QualityStage udbQualityStage(QualityService qualityService) {
    return new QualityStage(qualityService, QualityOptions.defaults());
  }

  /**
   * The analyze pipeline's {@code drift} stage, on this context's drift service.
   *
   * @param driftService the drift service
   * @return the stage
   */
  @Bean
  @ConditionalOnMissingBean
  public DriftStage udbDriftStage(DriftService driftService) {
    return new DriftStage(driftService, BaselineOptions.defaults());
  }
}

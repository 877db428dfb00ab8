package io.udb.spring.autoconfigure;

import io.udb.core.DataBox;
import io.udb.core.analyze.AnalyzePipeline;
import io.udb.core.analyze.AnalyzeService;
import io.udb.core.analyze.AnalyzeStage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * The analyze pipeline. Its stages are those found through {@link java.util.ServiceLoader}, each
 * replaced by an {@link AnalyzeStage} bean of the same name: the capability auto-configurations
 * contribute stages built on this context's services, and a host's own stage bean joins or replaces
 * them the same way.
 */
@AutoConfiguration(
    after = {
      UdbAutoConfiguration.class,
      UdbIngestAutoConfiguration.class,
      UdbQualityAutoConfiguration.class,
      UdbKpiAutoConfiguration.class
    })
@ConditionalOnClass({AnalyzeService.class, DataBox.class})
@ConditionalOnBean(DataBox.class)
public final class UdbAnalyzeAutoConfiguration {

  private static final Set<String> BUILT_IN_BEANS =
      Set.of("udbSyncStage", "udbProfileStage", "udbQualityStage", "udbDriftStage", "udbKpiStage");

  /** Creates the configuration; Spring calls it. */
  public UdbAnalyzeAutoConfiguration() {}

  /**
   * The analyze service.
   *
   * @param beanFactory where the stage beans of this context are found
   * @param resourceLoader where plugins are discovered
   * @return the service
   */
  @Bean
  @ConditionalOnMissingBean
  public AnalyzeService analyzeService(
      ListableBeanFactory beanFactory, ResourceLoader resourceLoader) {
    AnalyzePipeline discovered = AnalyzePipeline.discover(resourceLoader.getClassLoader());
    List<AnalyzeStage> beans = stageBeans(beanFactory.getBeansOfType(AnalyzeStage.class));
    return new AnalyzeService(beans.isEmpty() ? discovered : discovered.withStages(beans));
  }

  /**
   * The stage beans, a host's stage winning over the built-in bean of the same stage name; two host
   * stages of one name are left for the pipeline to refuse.
   */
  static List<AnalyzeStage> stageBeans(Map<String, AnalyzeStage> beansByBeanName) {
    Set<String> hostStageNames = new HashSet<>();
    beansByBeanName.forEach(
        (beanName, stage) -> {
          if (!BUILT_IN_BEANS.contains(beanName)) {
            hostStageNames.add(stage.name());
          }
        });
    List<AnalyzeStage> stages = new ArrayList<>();
    beansByBeanName.forEach(
        (beanName, stage) -> {
          if (!BUILT_IN_BEANS.contains(beanName) || !hostStageNames.contains(stage.name())) {
            stages.add(stage);
          }
        });
    return stages;
  }
}

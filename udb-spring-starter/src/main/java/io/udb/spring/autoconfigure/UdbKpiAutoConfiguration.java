package io.udb.spring.autoconfigure;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.core.DataBox;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.analyze.KpiStage;
import io.udb.kpi.engine.KpiCache;
import io.udb.kpi.service.KpiService;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** KPIs, narratives and charts (udb-kpi), when it is on the classpath. */
@AutoConfiguration(after = UdbAutoConfiguration.class)
@ConditionalOnClass({KpiService.class, DataBox.class})
@ConditionalOnBean(DataBox.class)
public final class UdbKpiAutoConfiguration {

  /** Creates the configuration; Spring calls it. */
  public UdbKpiAutoConfiguration() {}

  /**
   * The KPI service with its result cache ({@code udb.kpi.cache.*}, else {@code
   * KpiCache.defaults()}).
   *
   * @param properties the properties
   * @return the service
   */
  @Bean
  @ConditionalOnMissingBean
  public KpiService kpiService(UdbProperties properties) {
    return new KpiService(cache(properties.getKpi().getCache()));
  }

  static KpiCache cache(UdbProperties.Kpi.Cache cache) {
    if (cache.getMaxCells() == null && cache.getExpireAfterWrite() == null) {
      return KpiCache.defaults();
    }
    if (cache.getMaxCells() == null
        || cache.getExpireAfterWrite() == null
        || cache.getMaxCells() < 0
        || cache.getExpireAfterWrite().isNegative()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Set both udb.kpi.cache.max-cells (not negative) and udb.kpi.cache.expire-after-write"
              + " (not negative), or neither to keep the defaults");
    }
    return new KpiCache(cache.getMaxCells(), cache.getExpireAfterWrite());
  }

  /**
   * The analyze pipeline's {@code kpi} stage, on this context's KPI service.
   *
   * @param kpiService the KPI service
   * @return the stage
   */
  @Bean
  @ConditionalOnMissingBean
  public KpiStage udbKpiStage(KpiService kpiService) {
    return new KpiStage(kpiService, KpiOptions.defaults());
  }
}

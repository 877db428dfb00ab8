package io.udb.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QuotaSettingsTest {

  @Test
  void isUnlimitedWithoutSettings() {
    assertThat(QuotaSettings.from(Settings.empty()).forTenant(TenantId.of("acme")))
        .isEqualTo(TenantQuotas.unlimited());
  }

  @Test
  void overridesOneLimitPerTenantAndKeepsTheOtherDefaults() {
    QuotaSettings quotas =
        QuotaSettings.from(
            Settings.of(
                Map.of(
                    "quota.default.max-storage-bytes", "1GB",
                    "quota.default.max-rows-per-table", "1000000",
                    "quota.default.max-concurrent-jobs", "2",
                    "quota.default.max-queries-per-minute", "60",
                    "quota.acme.max-concurrent-jobs", "8",
                    "quota.acme.max-storage-bytes", "unlimited",
                    "other.key", "ignored")));

    assertThat(quotas.forTenant(TenantId.of("globex")))
        .isEqualTo(
            new TenantQuotas(
                OptionalLong.of(1L << 30),
                OptionalLong.of(1_000_000),
                OptionalLong.of(2),
                OptionalLong.of(60)));
    assertThat(quotas.forTenant(TenantId.of("acme")))
        .isEqualTo(
            new TenantQuotas(
                OptionalLong.empty(),
                OptionalLong.of(1_000_000),
                OptionalLong.of(8),
                OptionalLong.of(60)));
  }

  @Test
  void refusesUnknownQuotaNamesNegativeValuesAndBadTenants() {
    for (Map.Entry<String, String> entry :
        Map.of(
                "quota.default.max-storage", "1",
                "quota.acme.max-rows-per-table", "-1",
                "quota.acme", "1",
                "quota.Not_Valid!.max-concurrent-jobs", "1",
                "quota.acme.max-queries-per-minute", "lots")
            .entrySet()) {
      assertThatThrownBy(
              () -> QuotaSettings.from(Settings.of(Map.of(entry.getKey(), entry.getValue()))))
          .as(entry.getKey())
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.getMessage()).contains(entry.getKey());
              });
    }
  }
}

package io.udb.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.plugin.PluginContext;
import io.udb.api.secret.SecretValue;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentSecretsProviderTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  private final EnvironmentSecretsProvider provider =
      new EnvironmentSecretsProvider(
          Map.of(
              "UDB_SECRET_ACME_DB_PASSWORD", "acme-db-pass",
              "UDB_SECRET_GLOBEX_DB_PASSWORD", "globex-db-pass",
              "UDB_SECRET_ACME_EMPTY", "",
              "PATH", "/usr/bin"));

  @Test
  void namesVariablesByUpperCasedTenantAndName() {
    assertThat(EnvironmentSecretsProvider.variableName(ACME, "db.password"))
        .contains("UDB_SECRET_ACME_DB_PASSWORD");
    assertThat(EnvironmentSecretsProvider.variableName(TenantId.of("t42"), "Api-Key_v2"))
        .contains("UDB_SECRET_T42_API_KEY_V2");
  }

  @Test
  void resolvesTheTenantsOwnVariable() {
    assertThat(provider.resolve(ACME, "db.password")).contains(SecretValue.of("acme-db-pass"));
    assertThat(provider.resolve(ACME, "DB_PASSWORD")).contains(SecretValue.of("acme-db-pass"));
    assertThat(provider.resolve(GLOBEX, "db-password")).contains(SecretValue.of("globex-db-pass"));
  }

  @Test
  void missingOrEmptyVariablesResolveToNothing() {
    assertThat(provider.resolve(ACME, "missing")).isEmpty();
    assertThat(provider.resolve(ACME, "empty")).isEmpty();
    assertThat(provider.resolve(TenantId.of("initech"), "db.password")).isEmpty();
  }

  @Test
  void tenantIdsThatWouldMakeNamesAmbiguousResolveNothing() {
    // "acme-corp" + "x" and "acme" + "corp_x" would both be UDB_SECRET_ACME_CORP_X.
    EnvironmentSecretsProvider env =
        new EnvironmentSecretsProvider(Map.of("UDB_SECRET_ACME_CORP_X", "meant-for-acme-corp"));

    try (LogCapture logs = new LogCapture("io.udb.security.secrets")) {
      assertThat(EnvironmentSecretsProvider.variableName(TenantId.of("acme-corp"), "x")).isEmpty();
      assertThat(env.resolve(TenantId.of("acme-corp"), "x")).isEmpty();
      assertThat(env.resolve(TenantId.of("acme_corp"), "x")).isEmpty();
      env.resolve(TenantId.of("acme-corp"), "y");

      assertThat(logs.messages()).filteredOn(m -> m.startsWith("WARN")).hasSize(2);
    }
  }

  @Test
  void isReadOnly() {
    assertThatThrownBy(() -> provider.store(ACME, "x", SecretValue.of("v")))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.SECRETS_READ_ONLY);
  }

  @Test
  void refusesInvalidNames() {
    assertThatThrownBy(() -> provider.resolve(ACME, "../PATH"))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void toStringPrintsNoValue() {
    assertThat(provider.toString())
        .isEqualTo("EnvironmentSecretsProvider[variables=3]")
        .doesNotContain("acme-db-pass");
  }

  @Test
  void factoryCreatesTheBuiltIn() {
    EnvironmentSecretsProviderFactory factory = new EnvironmentSecretsProviderFactory();

    assertThat(factory.name()).isEqualTo("env");
    assertThat(factory.priority()).isEqualTo(-100);
    assertThat(factory.create(new PluginContext(Settings.empty(), null, Clock.systemUTC())))
        .isInstanceOf(EnvironmentSecretsProvider.class);
  }
}

package io.udb.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.plugin.PluginContext;
import io.udb.api.secret.SecretValue;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class InMemorySecretsProviderTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  private final InMemorySecretsProvider provider = new InMemorySecretsProvider();

  @Test
  void storesResolvesAndRemoves() {
    provider.store(ACME, "token", SecretValue.of("one"));
    provider.store(ACME, "token", SecretValue.of("two"));

    assertThat(provider.resolve(ACME, "token")).contains(SecretValue.of("two"));
    assertThat(provider.remove(ACME, "token")).isTrue();
    assertThat(provider.resolve(ACME, "token")).isEmpty();
    assertThat(provider.remove(ACME, "token")).isFalse();
  }

  @Test
  void tenantsAreIsolated() {
    provider.store(ACME, "token", SecretValue.of("acme-only"));

    assertThat(provider.resolve(GLOBEX, "token")).isEmpty();
    assertThat(provider.remove(GLOBEX, "token")).isFalse();
    assertThat(provider.resolve(ACME, "token")).isPresent();
  }

  @Test
  void refusesInvalidNames() {
    assertThatThrownBy(() -> provider.store(ACME, "a/b", SecretValue.of("v")))
        .isInstanceOf(UdbException.class);
  }

  @Test
  void toStringPrintsNoValue() {
    provider.store(ACME, "token", SecretValue.of("hunter2"));

    assertThat(provider.toString())
        .isEqualTo("InMemorySecretsProvider[tenants=1]")
        .doesNotContain("hunter2");
  }

  @Test
  void factoryCreatesTheBuiltIn() {
    InMemorySecretsProviderFactory factory = new InMemorySecretsProviderFactory();

    assertThat(factory.name()).isEqualTo("memory");
    assertThat(factory.priority()).isEqualTo(-100);
    assertThat(factory.create(new PluginContext(Settings.empty(), null, Clock.systemUTC())))
        .isInstanceOf(InMemorySecretsProvider.class);
  }
}

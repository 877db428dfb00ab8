package io.udb.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.secret.SecretsProviderFactory;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SecretsProviderFactoryRegistrationTest {

  @Test
  void serviceLoaderFindsTheBuiltIns() {
    List<SecretsProviderFactory> factories =
        ServiceLoader.load(SecretsProviderFactory.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    assertThat(factories)
        .extracting(SecretsProviderFactory::name)
        .containsExactlyInAnyOrder("env", "memory", "encrypted-file");
    assertThat(factories).allMatch(f -> f.priority() == -100);
  }
}

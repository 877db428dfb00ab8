package io.udb.security.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.plugin.PluginContext;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileSecretsProviderFactoryTest {
  private static final TenantId ACME = TenantId.of("acme");

  @TempDir Path tmp;
  private KeysetHandle keyset;
  private final EncryptedFileSecretsProviderFactory factory =
      new EncryptedFileSecretsProviderFactory();

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    keyset = Keysets.aes256Gcm();
  }

  @Test
  void isTheBuiltInEncryptedFileProvider() {
    assertThat(factory.name()).isEqualTo("encrypted-file");
    assertThat(factory.priority()).isEqualTo(-100);
  }

  @Test
  void acceptsBase64OfAJsonKeyset() throws GeneralSecurityException {
    String base64 = Base64.getEncoder().encodeToString(Keysets.json(keyset).getBytes(UTF_8));

    SecretsProvider provider = create(Map.of("master-keyset", base64));

    assertRoundTrip(provider);
    assertThat(tmp.resolve("secrets/acme/token.bin")).isRegularFile();
  }

  @Test
  void acceptsBase64OfABinaryKeyset() throws GeneralSecurityException {
    String base64 = Base64.getEncoder().encodeToString(Keysets.binary(keyset));

    assertRoundTrip(create(Map.of("master-keyset", base64)));
  }

  @Test
  void acceptsKeysetFilesInEveryForm() throws GeneralSecurityException, IOException {
    Path json = Files.writeString(tmp.resolve("keyset.json"), Keysets.json(keyset));
    Path binary = Files.write(tmp.resolve("keyset.bin"), Keysets.binary(keyset));
    Path base64 =
        Files.writeString(
            tmp.resolve("keyset.b64"),
            Base64.getMimeEncoder().encodeToString(Keysets.binary(keyset)) + "\n");

    SecretsProvider first = create(Map.of("master-keyset-file", json.toString()));
    first.store(ACME, "token", SecretValue.of("value"));

    for (Path file : new Path[] {json, binary, base64}) {
      SecretsProvider provider = create(Map.of("master-keyset-file", file.toString()));
      assertThat(provider.resolve(ACME, "token")).as("%s", file).contains(SecretValue.of("value"));
    }
  }

  @Test
  void honoursAConfiguredRoot() throws GeneralSecurityException {
    Path elsewhere = tmp.resolve("elsewhere");
    SecretsProvider provider =
        factory.create(
            new PluginContext(
                Settings.of(
                    Map.of("master-keyset", Keysets.json(keyset), "root", elsewhere.toString())),
                null,
                Clock.systemUTC()));

    provider.store(ACME, "token", SecretValue.of("v"));

    assertThat(elsewhere.resolve("acme/token.bin")).isRegularFile();
  }

  @Test
  void refusesToStartWithoutAMasterKey() {
    assertConfigInvalid(Map.of())
        .hasMessageContaining("master-keyset")
        .hasMessageContaining("insecure-dev-mode");
    assertConfigInvalid(Map.of("master-keyset", "   ", "insecure-dev-mode", "false"));
  }

  @Test
  void insecureDevModeStartsWithAnEphemeralKeyAndWarns() {
    try (LogCapture logs = new LogCapture("io.udb.security.secrets")) {
      SecretsProvider provider = create(Map.of("insecure-dev-mode", "true"));

      assertRoundTrip(provider);
      assertThat(logs.messages())
          .anyMatch(m -> m.startsWith("WARN") && m.contains("ephemeral master key"));
    }
    SecretsProvider restarted = create(Map.of("insecure-dev-mode", "true"));
    assertThatThrownBy(() -> restarted.resolve(ACME, "token"))
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.STORAGE_ERROR);
  }

  @Test
  void refusesMalformedKeysetsWithoutEchoingThem() throws GeneralSecurityException {
    String notAKeyset = "c2VjcmV0LWtleS1tYXRlcmlhbA==";
    String brokenJson = Keysets.json(keyset).substring(0, 40);

    assertConfigInvalid(Map.of("master-keyset", notAKeyset))
        .hasMessageContaining("'master-keyset'")
        .hasMessageNotContaining(notAKeyset)
        .hasNoCause();
    assertConfigInvalid(Map.of("master-keyset", brokenJson))
        .hasMessageNotContaining(brokenJson)
        .hasNoCause();
    assertConfigInvalid(Map.of("master-keyset", "%%% not base64 %%%"));
  }

  @Test
  void refusesAmbiguousOrUnreadableKeySources() throws GeneralSecurityException {
    String json = Keysets.json(keyset);

    assertConfigInvalid(Map.of("master-keyset", json, "master-keyset-file", "/x"))
        .hasMessageContaining("not both");
    assertConfigInvalid(Map.of("master-keyset-file", tmp.resolve("missing.json").toString()))
        .hasMessageContaining("master-keyset-file");
    assertConfigInvalid(Map.of("master-keyset", json, "insecure-dev-mode", "maybe"))
        .hasMessageContaining("insecure-dev-mode");
  }

  @Test
  void needsAFolder() throws GeneralSecurityException {
    Map<String, String> values = Map.of("master-keyset", Keysets.json(keyset));

    assertThatThrownBy(
            () -> factory.create(new PluginContext(Settings.of(values), null, Clock.systemUTC())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("root");
  }

  @Test
  void refusesARootThatIsAFile() throws GeneralSecurityException, IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    Map<String, String> values = new HashMap<>();
    values.put("master-keyset", Keysets.json(keyset));
    values.put("root", file.toString());

    assertConfigInvalid(values).hasMessageContaining("'root'");
  }

  private SecretsProvider create(Map<String, String> values) {
    return factory.create(new PluginContext(Settings.of(values), tmp, Clock.systemUTC()));
  }

  private static void assertRoundTrip(SecretsProvider provider) {
    provider.store(ACME, "token", SecretValue.of("value"));
    assertThat(provider.resolve(ACME, "token")).contains(SecretValue.of("value"));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertConfigInvalid(
      Map<String, String> values) {
    var thrown =
        assertThatThrownBy(() -> create(values)).isInstanceOf(ConfigurationException.class);
    thrown.extracting(e -> ((ConfigurationException) e).code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    return thrown;
  }
}

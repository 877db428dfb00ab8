package io.udb.security.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.secret.SecretValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileSecretsProviderTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final String PASSWORD = "s3cr3t-Pa55word!";

  @TempDir Path tmp;
  private Path root;
  private KeysetHandle keyset;
  private EncryptedFileSecretsProvider provider;

  @BeforeEach
  void setUp() throws GeneralSecurityException {
    root = tmp.resolve("secrets");
    keyset = Keysets.aes256Gcm();
    provider = new EncryptedFileSecretsProvider(root, keyset);
  }

  @Test
  void storesAndResolvesASecret() throws IOException {
    provider.store(ACME, "db.password", SecretValue.of(PASSWORD));

    assertThat(provider.resolve(ACME, "db.password")).contains(SecretValue.of(PASSWORD));
    Path file = root.resolve("acme").resolve("db.password.bin");
    assertThat(file).isRegularFile();
    assertThat(new String(Files.readAllBytes(file), UTF_8)).doesNotContain(PASSWORD);
    assertThat(provider.resolve(ACME, "other")).isEmpty();
  }

  @Test
  void replacesAndSurvivesARestart() {
    provider.store(ACME, "token", SecretValue.of("first"));
    provider.store(ACME, "token", SecretValue.of("second ünïcødé"));

    EncryptedFileSecretsProvider restarted = new EncryptedFileSecretsProvider(root, keyset);

    assertThat(restarted.resolve(ACME, "token")).contains(SecretValue.of("second ünïcødé"));
  }

  @Test
  void tenantsCannotResolveEachOthersSecrets() {
    provider.store(ACME, "api-key", SecretValue.of("acme-key"));
    provider.store(GLOBEX, "shared", SecretValue.of("globex-key"));

    assertThat(provider.resolve(GLOBEX, "api-key")).isEmpty();
    assertThat(provider.resolve(ACME, "shared")).isEmpty();
  }

  @Test
  void ciphertextCopiedToAnotherTenantFailsToDecrypt() throws IOException {
    provider.store(ACME, "api-key", SecretValue.of("acme-key"));
    Path globexFolder = Files.createDirectories(root.resolve("globex"));
    Files.copy(root.resolve("acme/api-key.bin"), globexFolder.resolve("api-key.bin"));

    assertStorageError(() -> provider.resolve(GLOBEX, "api-key"))
        .hasMessageContaining("api-key")
        .hasMessageContaining("globex")
        .hasMessageNotContaining("acme-key");
  }

  @Test
  void ciphertextRenamedWithinATenantFailsToDecrypt() throws IOException {
    provider.store(ACME, "reader", SecretValue.of("low"));
    provider.store(ACME, "admin", SecretValue.of("high"));
    Files.copy(
        root.resolve("acme/admin.bin"),
        root.resolve("acme/reader.bin"),
        StandardCopyOption.REPLACE_EXISTING);

    assertStorageError(() -> provider.resolve(ACME, "reader"));
  }

  @Test
  void tamperedCiphertextFailsToDecrypt() throws IOException {
    provider.store(ACME, "token", SecretValue.of(PASSWORD));
    Path file = root.resolve("acme/token.bin");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);

    assertStorageError(() -> provider.resolve(ACME, "token"));
  }

  @Test
  void wrongMasterKeyIsAStorageError() throws GeneralSecurityException {
    provider.store(ACME, "token", SecretValue.of(PASSWORD));
    EncryptedFileSecretsProvider wrong =
        new EncryptedFileSecretsProvider(root, Keysets.aes256Gcm());

    assertStorageError(() -> wrong.resolve(ACME, "token"))
        .hasMessageContaining("master keyset does not hold the key");
    assertStorageError(wrong::rotate);
    assertThat(provider.resolve(ACME, "token")).contains(SecretValue.of(PASSWORD));
  }

  @Test
  void rotationKeepsOldSecretsReadableAndMovesThemToTheNewPrimary() throws Exception {
    int key1 = keyset.getPrimary().getId();
    provider.store(ACME, "old", SecretValue.of("written-with-key-1"));
    provider.store(GLOBEX, "old", SecretValue.of("globex-key-1"));
    assertThat(keyIdOf("acme", "old")).isEqualTo(key1);

    KeysetHandle rotated = Keysets.withNewPrimary(keyset);
    int key2 = rotated.getPrimary().getId();
    EncryptedFileSecretsProvider withKey2 = new EncryptedFileSecretsProvider(root, rotated);

    assertThat(key2).isNotEqualTo(key1);
    assertThat(withKey2.primaryKeyId()).isEqualTo(key2);
    assertThat(withKey2.resolve(ACME, "old")).contains(SecretValue.of("written-with-key-1"));
    withKey2.store(ACME, "new", SecretValue.of("written-with-key-2"));
    assertThat(keyIdOf("acme", "new")).isEqualTo(key2);
    assertThat(keyIdOf("acme", "old")).isEqualTo(key1);

    KeysetHandle onlyKey2 = Keysets.without(rotated, key1);
    assertStorageError(() -> new EncryptedFileSecretsProvider(root, onlyKey2).resolve(ACME, "old"));

    assertThat(withKey2.rotate()).isEqualTo(3);

    assertThat(keyIdOf("acme", "old")).isEqualTo(key2);
    assertThat(keyIdOf("globex", "old")).isEqualTo(key2);
    EncryptedFileSecretsProvider afterRemoval = new EncryptedFileSecretsProvider(root, onlyKey2);
    assertThat(afterRemoval.resolve(ACME, "old")).contains(SecretValue.of("written-with-key-1"));
    assertThat(afterRemoval.resolve(ACME, "new")).contains(SecretValue.of("written-with-key-2"));
    assertThat(afterRemoval.resolve(GLOBEX, "old")).contains(SecretValue.of("globex-key-1"));
  }

  @Test
  void rotateIgnoresForeignFilesAndCountsNothingWhenEmpty() throws IOException {
    assertThat(provider.rotate()).isZero();
    Files.createDirectories(root.resolve("Not A Tenant"));
    Files.writeString(root.resolve("Not A Tenant/x.bin"), "junk");
    Files.createDirectories(root.resolve("acme"));
    Files.writeString(root.resolve("acme/notes.txt"), "junk");

    provider.store(ACME, "one", SecretValue.of("1"));

    assertThat(provider.rotate()).isEqualTo(1);
  }

  @Test
  void refusesHostileNames() {
    for (String name :
        List.of("../x", "..", ".", "a/b", "a\\b", "", "a\u0000b", "x".repeat(129), "é")) {
      assertThatThrownBy(() -> provider.store(ACME, name, SecretValue.of("v")))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      assertThatThrownBy(() -> provider.resolve(ACME, name)).isInstanceOf(UdbException.class);
    }
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void writesAtomicallyWithPrivatePermissions() throws IOException {
    provider.store(ACME, "token", SecretValue.of(PASSWORD));
    provider.store(ACME, "token", SecretValue.of(PASSWORD + "2"));

    try (Stream<Path> files = Files.list(root.resolve("acme"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("token.bin");
    }
    if (Files.getFileStore(root).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("acme"))))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(root.resolve("acme/token.bin"))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void refusesAPrimaryKeyOtherThanAes256Gcm() throws GeneralSecurityException {
    AeadConfig.register();
    KeysetHandle aes128 = KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM);

    assertThatThrownBy(() -> new EncryptedFileSecretsProvider(root, aes128))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("AES256_GCM")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }

  @Test
  void toStringAndLogsNeverShowSecretsOrKeys() throws GeneralSecurityException {
    String keyMaterial = Keysets.json(keyset);
    try (LogCapture logs = new LogCapture("io.udb.security")) {
      provider.store(ACME, "token", SecretValue.of(PASSWORD));
      provider.resolve(ACME, "token");
      provider.rotate();

      assertThat(logs.messages()).isNotEmpty().noneMatch(m -> m.contains(PASSWORD));
    }
    String printed = provider.toString();
    assertThat(printed)
        .contains("keys=1")
        .doesNotContain(PASSWORD)
        .doesNotContain(valueOfFirstKey(keyMaterial))
        .doesNotContain(Base64.getEncoder().encodeToString(Keysets.binary(keyset)));
    assertThat(provider.resolve(ACME, "token").orElseThrow().toString())
        .isEqualTo("SecretValue[***]");
  }

  private static String valueOfFirstKey(String json) {
    int start = json.indexOf("\"value\":\"") + 9;
    return json.substring(start, json.indexOf('"', start));
  }

  private int keyIdOf(String tenant, String name) throws IOException {
    return Keysets.keyIdOf(Files.readAllBytes(root.resolve(tenant).resolve(name + ".bin")));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertStorageError(
      ThrowingCallable call) {
    var thrown = assertThatThrownBy(call).isInstanceOf(UdbException.class);
    thrown.extracting(e -> ((UdbException) e).code()).isEqualTo(ErrorCode.STORAGE_ERROR);
    return thrown;
  }
}

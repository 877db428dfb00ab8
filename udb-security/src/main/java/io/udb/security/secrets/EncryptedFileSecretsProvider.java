package io.udb.security.secrets;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores secrets encrypted with a Google Tink AEAD master keyset; writable, with key rotation.
 *
 * <p>Layout: one file per secret, {@code <root>/<tenant>/<name>.bin}, holding the Tink ciphertext
 * (for a {@code TINK}-variant key: byte {@code 0x01}, the 4-byte big-endian key id, then the
 * AES-GCM IV, ciphertext and tag). The associated data is {@code udb.secret.v1|<tenant>|<name>}, so
 * a file copied to another tenant's folder or renamed fails to decrypt: {@link #resolve} then
 * throws {@link ErrorCode#STORAGE_ERROR} rather than returning a value. Writes are atomic
 * (temporary file, fsync, atomic rename); files are created {@code rw-------} and tenant folders
 * {@code rwx------} where the file system supports POSIX permissions. Names follow {@link
 * SecretNames}.
 *
 * <p>Keys: new secrets are encrypted with the keyset's primary key, which must be AES-256-GCM;
 * older keys of the keyset still decrypt what they wrote. To rotate, add a new primary key to the
 * master keyset, restart with it, call {@link #rotate()} to re-encrypt every secret with it, then
 * the old key may be removed.
 *
 * <p>This class and its factory are the only ones that name Tink classes, which are an optional
 * dependency. Thread-safe within one process; do not rotate from two processes at once.
 */
public final class EncryptedFileSecretsProvider implements SecretsProvider {
  /** The name that selects this provider. */
  public static final String NAME = "encrypted-file";

  /** Setting: the folder for the secret files; default {@code <storage root>/secrets}. */
  public static final String ROOT = "root";

  /** Setting: base64 of a Tink JSON or binary cleartext keyset (a JSON keyset is also accepted). */
  public static final String MASTER_KEYSET = "master-keyset";

  /** Setting: a file holding the keyset as Tink JSON, binary, or base64 of either. */
  public static final String MASTER_KEYSET_FILE = "master-keyset-file";

  /** Setting: {@code true} lets the provider start without a keyset, with an ephemeral one. */
  public static final String INSECURE_DEV_MODE = "insecure-dev-mode";

  private static final Logger LOG = LoggerFactory.getLogger(EncryptedFileSecretsProvider.class);
  private static final String SUFFIX = ".bin";
  private static final int MAX_SECRET_BYTES = 1 << 20;
  private static final int MAX_FILE_BYTES = MAX_SECRET_BYTES + 1024;
  private static final int MAX_KEYSET_BYTES = 1 << 20;

  private final Path root;
  private final KeysetHandle keyset;
  private final Aead aead;
  private final Object writeLock = new Object();

  /**
   * Creates the provider.
   *
   * @param root the folder for the secret files; created when missing
   * @param masterKeyset the master keyset; its primary key must be AES-256-GCM
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} when the keyset is not
   *     usable
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when the folder cannot be created
   */
  public EncryptedFileSecretsProvider(Path root, KeysetHandle masterKeyset) {
    registerTink();
    this.keyset = Objects.requireNonNull(masterKeyset, "masterKeyset");
    if (!(keyset.getPrimary().getKey().getParameters() instanceof AesGcmParameters primary)
        || primary.getKeySizeBytes() != 32) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The primary key of the master keyset must be AES256_GCM; add such a key and make it"
              + " primary");
    }
    try {
      this.aead = keyset.getPrimitive(ConfigurationV0.get(), Aead.class);
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "The master keyset holds keys that are not AEAD keys", e);
    }
    this.root = prepareRoot(Objects.requireNonNull(root, "root"));
  }

  /**
   * Creates the provider from its settings ({@link #ROOT}, {@link #MASTER_KEYSET}, {@link
   * #MASTER_KEYSET_FILE}, {@link #INSECURE_DEV_MODE}).
   *
   * @param settings the provider's settings, prefix removed
   * @param storageRoot the DataBox storage root, or null
   * @return the provider
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} naming the bad key, in
   *     particular when no master keyset is configured and {@code insecure-dev-mode} is not {@code
   *     true}
   */
  public static EncryptedFileSecretsProvider create(Settings settings, Path storageRoot) {
    Path root = root(settings, storageRoot);
    KeysetHandle keyset = masterKeyset(settings);
    try {
      return new EncryptedFileSecretsProvider(root, keyset);
    } catch (ConfigurationException e) {
      throw e;
    } catch (UdbException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '" + ROOT + "' names a folder that cannot be used: " + e.getMessage(),
          e);
    }
  }

  @Override
  public Optional<SecretValue> resolve(TenantId tenant, String name) {
    Path file = file(tenant, name);
    byte[] ciphertext;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new UdbException(
            ErrorCode.STORAGE_ERROR,
            "The file of secret '" + name + "' of tenant '" + tenant + "' is too large");
      }
      ciphertext = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Cannot read secret '" + name + "' of tenant '" + tenant + "': " + e.getMessage(),
          e);
    }
    byte[] plaintext = decrypt(tenant, name, ciphertext);
    try {
      return Optional.of(SecretValue.of(new String(plaintext, UTF_8)));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public void store(TenantId tenant, String name, SecretValue value) {
    Path file = file(tenant, name);
    Objects.requireNonNull(value, "value");
    byte[] plaintext = value.reveal().getBytes(UTF_8);
    try {
      if (plaintext.length > MAX_SECRET_BYTES) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "A secret may hold at most " + MAX_SECRET_BYTES + " bytes");
      }
      byte[] ciphertext = encrypt(tenant, name, plaintext);
      synchronized (writeLock) {
        write(file, ciphertext);
      }
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    LOG.debug("Stored secret '{}' of tenant {}", name, tenant);
  }

  /**
   * Re-encrypts every stored secret with the keyset's current primary key. All secrets are
   * decrypted before any is rewritten, so a secret that cannot be decrypted stops the rotation
   * before anything changes.
   *
   * @return the number of secrets re-encrypted
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when a secret cannot be read,
   *     decrypted or written
   */
  public int rotate() {
    synchronized (writeLock) {
      Map<Path, byte[]> rewritten = new LinkedHashMap<>();
      for (StoredSecret secret : list()) {
        byte[] ciphertext;
        try {
          ciphertext = Files.readAllBytes(secret.file());
        } catch (IOException e) {
          throw new UdbException(
              ErrorCode.STORAGE_ERROR,
              "Cannot read secret '" + secret.name() + "' of tenant '" + secret.tenant() + "'",
              e);
        }
        byte[] plaintext = decrypt(secret.tenant(), secret.name(), ciphertext);
        try {
          rewritten.put(secret.file(), encrypt(secret.tenant(), secret.name(), plaintext));
        } finally {
          Arrays.fill(plaintext, (byte) 0);
        }
      }
      for (Map.Entry<Path, byte[]> entry : rewritten.entrySet()) {
        write(entry.getKey(), entry.getValue());
      }
      LOG.info("Re-encrypted {} secrets with master key {}", rewritten.size(), primaryKeyId());
      return rewritten.size();
    }
  }

  /** The id of the keyset's primary key, which encrypts new secrets; not secret. */
  public int primaryKeyId() {
    return keyset.getPrimary().getId();
  }

  private record StoredSecret(TenantId tenant, String name, Path file) {}

  private List<StoredSecret> list() {
    List<StoredSecret> secrets = new ArrayList<>();
    try (DirectoryStream<Path> tenants = Files.newDirectoryStream(root)) {
      for (Path folder : tenants) {
        Optional<TenantId> tenant = tenantOf(folder);
        if (tenant.isEmpty() || !Files.isDirectory(folder, NOFOLLOW_LINKS)) {
          continue;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
          for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - SUFFIX.length());
            if (SecretNames.isValid(name) && Files.isRegularFile(file, NOFOLLOW_LINKS)) {
              secrets.add(new StoredSecret(tenant.get(), name, file));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot list the secrets below " + root + ": " + e.getMessage());
    }
    secrets.sort(Comparator.comparing(StoredSecret::file));
    return secrets;
  }

  private static Optional<TenantId> tenantOf(Path folder) {
    try {
      return Optional.of(TenantId.of(folder.getFileName().toString()));
    } catch (UdbException e) {
      return Optional.empty();
    }
  }

  private byte[] encrypt(TenantId tenant, String name, byte[] plaintext) {
    try {
      return aead.encrypt(plaintext, associatedData(tenant, name));
    } catch (GeneralSecurityException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Cannot encrypt secret '" + name + "' of tenant '" + tenant + "'",
          e);
    }
  }

  private byte[] decrypt(TenantId tenant, String name, byte[] ciphertext) {
    try {
      return aead.decrypt(ciphertext, associatedData(tenant, name));
    } catch (GeneralSecurityException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Secret '"
              + name
              + "' of tenant '"
              + tenant
              + "' cannot be decrypted: the master keyset does not hold the key it was written"
              + " with, or the file was altered or moved from another tenant or name",
          e);
    }
  }

  /** Binds a ciphertext to its tenant and name; '|' occurs in neither. */
  private static byte[] associatedData(TenantId tenant, String name) {
    return ("udb.secret.v1|" + tenant.value() + "|" + name).getBytes(UTF_8);
  }

  private Path file(TenantId tenant, String name) {
    Objects.requireNonNull(tenant, "tenant");
    SecretNames.requireValid(name);
    Path file = root.resolve(tenant.value()).resolve(name + SUFFIX).normalize();
    if (!file.getParent().getParent().equals(root)) {
      // Unreachable with validated ids and names; kept so that a future rule change fails closed.
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Secret name leaves the tenant's folder");
    }
    return file;
  }

  private static void write(Path file, byte[] content) {
    Path folder = file.getParent();
    Path temp = null;
    try {
      if (!Files.isDirectory(folder)) {
        Files.createDirectories(folder);
        restrict(folder, "rwx------");
      }
      temp = Files.createTempFile(folder, ".tmp-", ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
      temp = null;
      syncFolder(folder);
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Cannot write " + file.getFileName() + " in " + folder + ": " + e.getMessage(),
          e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.debug("Could not delete temporary file {}", temp, e);
        }
      }
    }
  }

  /** Makes the rename durable; not possible on every platform, where the rename is still atomic. */
  private static void syncFolder(Path folder) {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.trace("Folder fsync not supported for {}", folder);
    }
  }

  private static void restrict(Path path, String permissions) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }

  private static Path prepareRoot(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    try {
      if (!Files.isDirectory(absolute)) {
        Files.createDirectories(absolute);
        restrict(absolute, "rwx------");
      }
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Cannot create the secrets folder " + absolute + ": " + e.getMessage(),
          e);
    }
    return absolute;
  }

  private static Path root(Settings settings, Path storageRoot) {
    Optional<String> configured = settings.raw(ROOT).filter(v -> !v.isBlank());
    if (configured.isPresent()) {
      try {
        return Path.of(configured.get().strip());
      } catch (InvalidPathException e) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting '" + ROOT + "' is not a valid path: " + e.getReason());
      }
    }
    if (storageRoot == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The encrypted-file secrets provider needs a folder: set '"
              + ROOT
              + "' or give the DataBox a storage root");
    }
    return storageRoot.resolve("secrets");
  }

  private static KeysetHandle masterKeyset(Settings settings) {
    boolean insecure = settings.getBoolean(INSECURE_DEV_MODE, false);
    Optional<String> inline = settings.raw(MASTER_KEYSET).filter(v -> !v.isBlank());
    Optional<String> file = settings.raw(MASTER_KEYSET_FILE).filter(v -> !v.isBlank());
    registerTink();
    if (inline.isPresent() && file.isPresent()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Set either '" + MASTER_KEYSET + "' or '" + MASTER_KEYSET_FILE + "', not both");
    }
    if (inline.isPresent()) {
      return parseKeyset(inline.get().getBytes(UTF_8), MASTER_KEYSET);
    }
    if (file.isPresent()) {
      return parseKeyset(readKeysetFile(file.get().strip()), MASTER_KEYSET_FILE);
    }
    if (!insecure) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The encrypted-file secrets provider needs a master keyset: set '"
              + MASTER_KEYSET
              + "' (base64 of a Tink JSON or binary cleartext AES256_GCM keyset) or '"
              + MASTER_KEYSET_FILE
              + "'. For development only, '"
              + INSECURE_DEV_MODE
              + "=true' starts with an ephemeral key");
    }
    LOG.warn(
        "The encrypted-file secrets provider runs with '{}=true' and an ephemeral master key:"
            + " secrets stored now cannot be decrypted after a restart. Never use this in"
            + " production; set '{}' or '{}'",
        INSECURE_DEV_MODE,
        MASTER_KEYSET,
        MASTER_KEYSET_FILE);
    try {
      return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          ErrorCode.PLUGIN_BROKEN, "Tink could not generate an AES256_GCM key", e);
    }
  }

  private static byte[] readKeysetFile(String location) {
    try {
      Path path = Path.of(location);
      if (Files.size(path) > MAX_KEYSET_BYTES) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting '" + MASTER_KEYSET_FILE + "' names a file larger than a keyset can be");
      }
      return Files.readAllBytes(path);
    } catch (IOException | InvalidPathException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '"
              + MASTER_KEYSET_FILE
              + "' names a file that cannot be read: "
              + e.getClass().getSimpleName());
    }
  }

  /**
   * Parses a cleartext keyset given as Tink JSON, Tink binary, or base64 of either. No cause is
   * attached to the error: parser messages could quote key material.
   */
  private static KeysetHandle parseKeyset(byte[] content, String key) {
    try {
      String text = new String(content, UTF_8).strip();
      if (text.startsWith("{")) {
        return TinkJsonProtoKeysetFormat.parseKeyset(text, InsecureSecretKeyAccess.get());
      }
      byte[] decoded = decodeBase64(text);
      if (decoded == null) {
        return TinkProtoKeysetFormat.parseKeyset(content, InsecureSecretKeyAccess.get());
      }
      String decodedText = new String(decoded, UTF_8).strip();
      if (decodedText.startsWith("{")) {
        return TinkJsonProtoKeysetFormat.parseKeyset(decodedText, InsecureSecretKeyAccess.get());
      }
      return TinkProtoKeysetFormat.parseKeyset(decoded, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      // RuntimeException too: the JSON parser throws unchecked exceptions on malformed input.
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting '"
              + key
              + "' does not hold a Tink cleartext keyset (expected Tink JSON, Tink binary, or"
              + " base64 of either)");
    }
  }

  /** Decodes standard or URL-safe base64 (whitespace ignored); null when the text is not base64. */
  private static byte[] decodeBase64(String text) {
    String compact = text.replaceAll("\\s", "");
    if (compact.isEmpty()) {
      return null;
    }
    boolean standard = compact.chars().allMatch(c -> isBase64Char(c) || c == '+' || c == '/');
    boolean urlSafe = compact.chars().allMatch(c -> isBase64Char(c) || c == '-' || c == '_');
    try {
      if (standard) {
        return Base64.getDecoder().decode(compact);
      }
      return urlSafe ? Base64.getUrlDecoder().decode(compact) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isBase64Char(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '=';
  }

  private static void registerTink() {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException(
          ErrorCode.PLUGIN_BROKEN, "Tink's AEAD primitives could not be registered", e);
    }
  }

  @Override
  public String toString() {
    return "EncryptedFileSecretsProvider[root="
        + root
        + ", keys="
        + keyset.size()
        + ", primaryKeyId="
        + primaryKeyId()
        + "]";
  }
}

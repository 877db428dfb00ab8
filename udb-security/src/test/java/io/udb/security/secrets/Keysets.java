package io.udb.security.secrets;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/** Tink keysets for tests. */
final class Keysets {
  private Keysets() {}

  static KeysetHandle aes256Gcm() throws GeneralSecurityException {
    AeadConfig.register();
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
  }

  /** The keyset plus a new AES256_GCM key that becomes primary. */
  static KeysetHandle withNewPrimary(KeysetHandle keyset) throws GeneralSecurityException {
    return KeysetHandle.newBuilder(keyset)
        .addEntry(
            KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withRandomId()
                .makePrimary())
        .build();
  }

  /** The keyset without the key of the given id. */
  static KeysetHandle without(KeysetHandle keyset, int keyId) throws GeneralSecurityException {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
    for (int i = 0; i < builder.size(); i++) {
      if (keyset.getAt(i).getId() == keyId) {
        builder.deleteAt(i);
        break;
      }
    }
    return builder.build();
  }

  static String json(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
  }

  static byte[] binary(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
  }

  /** The key id in a ciphertext with Tink's 5-byte prefix (0x01, then the big-endian id). */
  static int keyIdOf(byte[] ciphertext) {
    if (ciphertext[0] != 0x01) {
      throw new AssertionError("not a TINK-prefixed ciphertext");
    }
    return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
  }
}

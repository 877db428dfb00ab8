package io.udb.security.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Real key pairs and their JWK form, written by hand so the test does not trust jjwt for both. */
final class TestKeys {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TestKeys() {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec(curve));
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWK of an RSA or EC key pair; {@code alg} and {@code use} only when non-null. */
  static Map<String, Object> jwk(KeyPair pair, String kid, String alg, String use) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    if (pair.getPublic() instanceof RSAPublicKey rsa) {
      jwk.put("kty", "RSA");
      jwk.put("n", b64(unsigned(rsa.getModulus())));
      jwk.put("e", b64(unsigned(rsa.getPublicExponent())));
    } else {
      ECPublicKey ec = (ECPublicKey) pair.getPublic();
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      int size = (bits + 7) / 8;
      jwk.put("kty", "EC");
      jwk.put("crv", bits == 256 ? "P-256" : bits == 384 ? "P-384" : "P-521");
      jwk.put("x", b64(padded(ec.getW().getAffineX(), size)));
      jwk.put("y", b64(padded(ec.getW().getAffineY(), size)));
    }
    if (kid != null) {
      jwk.put("kid", kid);
    }
    if (alg != null) {
      jwk.put("alg", alg);
    }
    if (use != null) {
      jwk.put("use", use);
    }
    return jwk;
  }

  /** The private EC JWK (public members plus {@code d}). */
  static Map<String, Object> privateEcJwk(KeyPair pair, String kid) {
    Map<String, Object> jwk = jwk(pair, kid, null, null);
    ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
    int size = (key.getParams().getCurve().getField().getFieldSize() + 7) / 8;
    jwk.put("d", b64(padded(key.getS(), size)));
    return jwk;
  }

  static String jwks(Object... keys) {
    return JSON.writeValueAsString(Map.of("keys", List.of(keys)));
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] padded(BigInteger value, int size) {
    byte[] bytes = unsigned(value);
    byte[] out = new byte[size];
    System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    return out;
  }
}

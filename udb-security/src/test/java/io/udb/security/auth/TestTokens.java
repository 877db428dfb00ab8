package io.udb.security.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds tokens by hand — base64url of header and payload plus a crafted signature — including the
 * hostile ones jjwt refuses to create.
 */
final class TestTokens {
  private TestTokens() {}

  /** A claim set the default settings accept at {@code now}. */
  static Map<String, Object> claims(Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", "alice");
    claims.put("tenant", "acme");
    claims.put("roles", List.of("analyst"));
    claims.put("iat", now.getEpochSecond());
    claims.put("exp", now.getEpochSecond() + 300);
    return claims;
  }

  static Map<String, Object> header(String alg, String kid) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", alg);
    if (kid != null) {
      header.put("kid", kid);
    }
    header.put("typ", "JWT");
    return header;
  }

  /** {@code base64url(header).base64url(payload)}, the signing input. */
  static String unsigned(Object header, Object claims) {
    return part(TestKeys.json(header)) + "." + part(TestKeys.json(claims));
  }

  static String part(String json) {
    return TestKeys.b64(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs with an HMAC over any key bytes (e.g. an RSA public key, for key confusion). */
  static String hmac(String alg, byte[] key, Object header, Object claims) {
    String input = unsigned(header, claims);
    return input + "." + TestKeys.b64(mac(alg, key, input));
  }

  static byte[] mac(String alg, byte[] key, String input) {
    try {
      String jca = "HmacSHA" + alg.substring(2);
      Mac mac = Mac.getInstance(jca);
      mac.init(new SecretKeySpec(key, jca));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs with a JCA signature algorithm, e.g. {@code SHA384withECDSAinP1363Format}. */
  static String signed(String jcaAlgorithm, PrivateKey key, Object header, Object claims) {
    try {
      String input = unsigned(header, claims);
      Signature signature = Signature.getInstance(jcaAlgorithm);
      signature.initSign(key);
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + TestKeys.b64(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

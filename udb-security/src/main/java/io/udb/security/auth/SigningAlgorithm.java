package io.udb.security.auth;

import java.security.Key;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * The JWS algorithms UDB accepts, with the key each one needs. Knowing the key family of an
 * algorithm is what prevents key confusion: an {@code HS256} token is never checked against an RSA
 * key, an {@code ES384} token never against a P-256 key.
 */
enum SigningAlgorithm {
  HS256(Family.HMAC, 32, 0),
  HS384(Family.HMAC, 48, 0),
  HS512(Family.HMAC, 64, 0),
  RS256(Family.RSA, 0, 0),
  RS384(Family.RSA, 0, 0),
  RS512(Family.RSA, 0, 0),
  PS256(Family.RSA, 0, 0),
  PS384(Family.RSA, 0, 0),
  PS512(Family.RSA, 0, 0),
  ES256(Family.EC, 0, 256),
  ES384(Family.EC, 0, 384),
  ES512(Family.EC, 0, 521);

  /** The kind of key an algorithm verifies with. */
  enum Family {
    HMAC,
    RSA,
    EC
  }

  private final Family family;
  private final int minHmacBytes;
  private final int ecFieldBits;

  SigningAlgorithm(Family family, int minHmacBytes, int ecFieldBits) {
    this.family = family;
    this.minHmacBytes = minHmacBytes;
    this.ecFieldBits = ecFieldBits;
  }

  /** The key family. */
  Family family() {
    return family;
  }

  /** For HMAC algorithms, the shortest secret allowed (RFC 7518 section 3.2): the hash size. */
  int minHmacBytes() {
    return minHmacBytes;
  }

  /** The JCA name of the HMAC, e.g. {@code HmacSHA256}. */
  String jcaHmacName() {
    return "HmacSHA" + name().substring(2);
  }

  /**
   * Finds an algorithm by its JWS name, exactly as it appears in a header ({@code none} and unknown
   * names give empty).
   */
  static Optional<SigningAlgorithm> named(String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (SigningAlgorithm alg : values()) {
      if (alg.name().equals(name)) {
        return Optional.of(alg);
      }
    }
    return Optional.empty();
  }

  /** Parses a configured algorithm name, ignoring case. */
  static Optional<SigningAlgorithm> parse(String name) {
    return named(name == null ? null : name.trim().toUpperCase(Locale.ROOT));
  }

  /** Tells whether {@code key} is the kind of key this algorithm verifies with. */
  boolean fits(Key key) {
    return switch (family) {
      case HMAC -> key instanceof SecretKey;
      case RSA -> key instanceof RSAPublicKey;
      case EC ->
          key instanceof ECPublicKey ec
              && ec.getParams().getCurve().getField().getFieldSize() == ecFieldBits;
    };
  }
}

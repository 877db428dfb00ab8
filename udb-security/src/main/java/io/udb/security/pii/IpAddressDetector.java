package io.udb.security.pii;

/**
 * Recognizes IPv4 addresses (four octets 0-255, no leading zeros) and IPv6 addresses (full,
 * compressed or IPv4-embedded), using small parsers rather than one large regular expression.
 */
public final class IpAddressDetector implements PiiDetector {

  /** Creates the detector. */
  public IpAddressDetector() {}

  @Override
  public PiiTag tag() {
    return PiiTag.IP;
  }

  @Override
  public boolean matches(CharSequence value) {
    String s = value.toString().strip();
    return IpAddresses.isIpv4(s) || IpAddresses.ipv6FirstGroup(s) >= 0;
  }

  @Override
  public String toString() {
    return "IpAddressDetector";
  }
}

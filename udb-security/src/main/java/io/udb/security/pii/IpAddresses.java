package io.udb.security.pii;

/** Parsers for IPv4 and IPv6 literals; never resolves names. */
final class IpAddresses {
  private IpAddresses() {}

  /**
   * Tells whether the text is a dotted-quad IPv4 address: four decimal octets 0-255 without leading
   * zeros.
   */
  static boolean isIpv4(String s) {
    if (s.length() < 7 || s.length() > 15) {
      return false;
    }
    int parts = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (!isOctet(s, start, i)) {
          return false;
        }
        parts++;
        start = i + 1;
      }
    }
    return parts == 4;
  }

  private static boolean isOctet(String s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 3 || (length > 1 && s.charAt(from) == '0')) {
      return false;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 255;
  }

  /**
   * Parses an IPv6 address in full, compressed ({@code ::}) or IPv4-embedded ({@code
   * ::ffff:192.0.2.1}) form. Zone ids and brackets are not accepted.
   *
   * @return the first 16-bit group, or -1 when the text is not an IPv6 address
   */
  static int ipv6FirstGroup(String s) {
    if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
      return -1;
    }
    int compression = s.indexOf("::");
    if (compression >= 0 && s.indexOf("::", compression + 1) >= 0) {
      return -1;
    }
    String head = compression >= 0 ? s.substring(0, compression) : s;
    String tail = compression >= 0 ? s.substring(compression + 2) : "";
    int headGroups = countGroups(head, compression < 0);
    int tailGroups = compression >= 0 ? countGroups(tail, true) : 0;
    if (headGroups < 0 || tailGroups < 0) {
      return -1;
    }
    int total = headGroups + tailGroups;
    if (compression >= 0 ? total > 7 : total != 8) {
      return -1;
    }
    if (head.isEmpty()) {
      return 0;
    }
    int end = head.indexOf(':');
    String first = end < 0 ? head : head.substring(0, end);
    return first.indexOf('.') >= 0 ? -1 : Integer.parseInt(first, 16);
  }

  /**
   * Counts the 16-bit groups of a colon-separated run; an embedded IPv4 address counts as two and
   * is allowed only as the run's last part when {@code endsAddress}.
   *
   * @return the count, or -1 when a part is malformed
   */
  private static int countGroups(String run, boolean endsAddress) {
    if (run.isEmpty()) {
      return 0;
    }
    String[] parts = run.split(":", -1);
    int count = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.indexOf('.') >= 0) {
        if (!endsAddress || i != parts.length - 1 || !isIpv4(part)) {
          return -1;
        }
        count += 2;
      } else if (isHexGroup(part)) {
        count++;
      } else {
        return -1;
      }
    }
    return count;
  }

  private static boolean isHexGroup(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }
}

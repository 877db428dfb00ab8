package io.udb.security.pii;

import java.util.Locale;
import java.util.Map;

/**
 * Recognizes an IBAN: a country code from the IBAN registry, two check digits (02-98) and the
 * country's fixed number of letters and digits, optionally split by single spaces, upper or lower
 * case, whose ISO 7064 mod-97 remainder is 1.
 */
public final class IbanDetector implements PiiDetector {
  /** Total IBAN length per country (SWIFT IBAN registry). */
  private static final Map<String, Integer> LENGTHS =
      Map.ofEntries(
          Map.entry("AD", 24),
          Map.entry("AE", 23),
          Map.entry("AL", 28),
          Map.entry("AT", 20),
          Map.entry("AZ", 28),
          Map.entry("BA", 20),
          Map.entry("BE", 16),
          Map.entry("BG", 22),
          Map.entry("BH", 22),
          Map.entry("BI", 27),
          Map.entry("BR", 29),
          Map.entry("BY", 28),
          Map.entry("CH", 21),
          Map.entry("CR", 22),
          Map.entry("CY", 28),
          Map.entry("CZ", 24),
          Map.entry("DE", 22),
          Map.entry("DJ", 27),
          Map.entry("DK", 18),
          Map.entry("DO", 28),
          Map.entry("EE", 20),
          Map.entry("EG", 29),
          Map.entry("ES", 24),
          Map.entry("FI", 18),
          Map.entry("FK", 18),
          Map.entry("FO", 18),
          Map.entry("FR", 27),
          Map.entry("GB", 22),
          Map.entry("GE", 22),
          Map.entry("GI", 23),
          Map.entry("GL", 18),
          Map.entry("GR", 27),
          Map.entry("GT", 28),
          Map.entry("HN", 28),
          Map.entry("HR", 21),
          Map.entry("HU", 28),
          Map.entry("IE", 22),
          Map.entry("IL", 23),
          Map.entry("IQ", 23),
          Map.entry("IS", 26),
          Map.entry("IT", 27),
          Map.entry("JO", 30),
          Map.entry("KW", 30),
          Map.entry("KZ", 20),
          Map.entry("LB", 28),
          Map.entry("LC", 32),
          Map.entry("LI", 21),
          Map.entry("LT", 20),
          Map.entry("LU", 20),
          Map.entry("LV", 21),
          Map.entry("LY", 25),
          Map.entry("MC", 27),
          Map.entry("MD", 24),
          Map.entry("ME", 22),
          Map.entry("MK", 19),
          Map.entry("MN", 20),
          Map.entry("MR", 27),
          Map.entry("MT", 31),
          Map.entry("MU", 30),
          Map.entry("NI", 28),
          Map.entry("NL", 18),
          Map.entry("NO", 15),
          Map.entry("OM", 23),
          Map.entry("PK", 24),
          Map.entry("PL", 28),
          Map.entry("PS", 29),
          Map.entry("PT", 25),
          Map.entry("QA", 29),
          Map.entry("RO", 24),
          Map.entry("RS", 22),
          Map.entry("RU", 33),
          Map.entry("SA", 24),
          Map.entry("SC", 31),
          Map.entry("SD", 18),
          Map.entry("SE", 24),
          Map.entry("SI", 19),
          Map.entry("SK", 24),
          Map.entry("SM", 27),
          Map.entry("SO", 23),
          Map.entry("ST", 25),
          Map.entry("SV", 28),
          Map.entry("TL", 23),
          Map.entry("TN", 24),
          Map.entry("TR", 26),
          Map.entry("UA", 29),
          Map.entry("VA", 22),
          Map.entry("VG", 24),
          Map.entry("XK", 20),
          Map.entry("YE", 30));

  /** Creates the detector. */
  public IbanDetector() {}

  @Override
  public PiiTag tag() {
    return PiiTag.IBAN;
  }

  @Override
  public boolean matches(CharSequence value) {
    String s = value.toString().strip();
    if (s.length() < 15 || s.length() > 42) {
      return false;
    }
    String compact = compact(s);
    if (compact == null) {
      return false;
    }
    Integer expected = LENGTHS.get(compact.substring(0, 2));
    if (expected == null || compact.length() != expected) {
      return false;
    }
    int check = (compact.charAt(2) - '0') * 10 + (compact.charAt(3) - '0');
    return isDigit(compact.charAt(2))
        && isDigit(compact.charAt(3))
        && check >= 2
        && check <= 98
        && mod97(compact) == 1;
  }

  /** Upper-cased letters and digits without the single spaces; null for anything else. */
  private static String compact(String s) {
    StringBuilder out = new StringBuilder(34);
    boolean previousSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (previousSpace) {
          return null;
        }
        previousSpace = true;
      } else if (isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
        out.append(c);
        previousSpace = false;
      } else {
        return null;
      }
    }
    return out.length() >= 15 ? out.toString().toUpperCase(Locale.ROOT) : null;
  }

  /** ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end. */
  private static int mod97(String iban) {
    String rearranged = iban.substring(4) + iban.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      char c = rearranged.charAt(i);
      if (isDigit(c)) {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      }
    }
    return remainder;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public String toString() {
    return "IbanDetector";
  }
}

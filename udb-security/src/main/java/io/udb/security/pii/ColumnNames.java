package io.udb.security.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tags suggested by a column's name. The name is split into lower-case words at non-alphanumerics
 * and camel-case humps ({@code customerEMail} → {@code customer e mail}); rules look at whole words
 * and at the words run together ({@code email}).
 */
final class ColumnNames {
  private static final Set<String> EMAIL_WORDS = Set.of("email", "emails", "mail", "mailaddress");
  private static final Set<String> PHONE_WORDS =
      Set.of(
          "phone",
          "phones",
          "telephone",
          "tel",
          "mobile",
          "cell",
          "cellphone",
          "msisdn",
          "fax",
          "telefon",
          "phonenumber");
  private static final Set<String> SSN_WORDS = Set.of("ssn", "socialsecurity");
  private static final Set<String> IP_WORDS = Set.of("ip", "ipv4", "ipv6", "ipaddr", "ipaddress");
  private static final List<String> CARD_JOINED =
      List.of("creditcard", "debitcard", "cardnumber", "cardno", "cardnum", "ccnumber", "ccnum");

  private ColumnNames() {}

  /** The tags the name suggests, sorted; empty when none. */
  static Set<PiiTag> tags(String column) {
    List<String> words = words(column);
    String joined = String.join("", words);
    Set<PiiTag> tags = new TreeSet<>();
    if (joined.contains("email") || words.stream().anyMatch(EMAIL_WORDS::contains)) {
      tags.add(PiiTag.EMAIL);
    }
    if (joined.contains("phone") || words.stream().anyMatch(PHONE_WORDS::contains)) {
      tags.add(PiiTag.PHONE);
    }
    if (joined.contains("socialsecurity") || words.stream().anyMatch(SSN_WORDS::contains)) {
      tags.add(PiiTag.SSN);
    }
    if (joined.contains("iban")) {
      tags.add(PiiTag.IBAN);
    }
    if (CARD_JOINED.stream().anyMatch(joined::contains)) {
      tags.add(PiiTag.CREDIT_CARD);
    }
    if (joined.contains("ipaddr")
        || joined.contains("remoteaddr")
        || words.stream().anyMatch(IP_WORDS::contains)) {
      tags.add(PiiTag.IP);
    }
    return Collections.unmodifiableSet(tags);
  }

  /** Lower-case words of a name. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (Character.isUpperCase(c) && word.length() > 0) {
        char previous = name.charAt(i - 1);
        boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (!Character.isUpperCase(previous) || nextIsLower) {
          flush(word, words);
        }
      }
      word.append(c);
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}

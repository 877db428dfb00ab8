package io.udb.examples.supplychain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a dependency's licenses are judged. Several licenses on one component are alternatives (the
 * Maven convention: logback offers EPL-1.0 or LGPL-2.1), so the most permissive one decides; in an
 * SPDX expression {@code OR} is a choice and {@code AND} needs all of them.
 */
final class LicensePolicy {

  /** A verdict, from best to worst. */
  enum Verdict {
    PERMISSIVE("permissive"),
    WEAK_COPYLEFT("**flagged: weak copyleft**"),
    STRONG_COPYLEFT("**not allowed: strong copyleft**"),
    UNKNOWN("**unknown: review by hand**");

    final String label;

    Verdict(String label) {
      this.label = label;
    }
  }

  private static final Set<String> PERMISSIVE =
      Set.of(
          "Apache-2.0",
          "Apache-1.1",
          "MIT",
          "MIT-0",
          "BSD-2-Clause",
          "BSD-3-Clause",
          // the advertising clause makes it GPL-incompatible, not copyleft
          "BSD-4-Clause",
          "ISC",
          "CC0-1.0",
          "0BSD",
          "Unlicense",
          "Zlib",
          "UPL-1.0",
          "EDL-1.0",
          "Unicode-3.0",
          "Unicode-DFS-2016",
          "BlueOak-1.0.0",
          "PostgreSQL",
          "LicenseRef-Public-Domain",
          // JDOM: Apache-style without the acknowledgment clause
          "LicenseRef-JDOM");

  private static final Set<String> WEAK_COPYLEFT =
      Set.of(
          "EPL-1.0",
          "EPL-2.0",
          "MPL-1.1",
          "MPL-2.0",
          "LGPL-2.0-only",
          "LGPL-2.0-or-later",
          "LGPL-2.1-only",
          "LGPL-2.1-or-later",
          "LGPL-3.0-only",
          "LGPL-3.0-or-later",
          "LicenseRef-LGPL",
          "CDDL-1.0",
          "CDDL-1.1",
          "GPL-2.0-with-classpath-exception",
          "GPL-2.0-only WITH Classpath-exception-2.0",
          "GPL-2.0 WITH Classpath-exception-2.0");

  /** Licenses some POMs give by name only, mapped to SPDX ids; checked in this order. */
  private static final List<Map.Entry<Pattern, String>> NAMES =
      List.of(
          name(".*classpath.*exception.*", "GPL-2.0-with-classpath-exception"),
          name(".*lesser general public.*|.*\\blgpl\\b.*", "LicenseRef-LGPL"),
          name(".*affero.*", "AGPL-3.0-only"),
          name(".*general public license, version 3.*", "GPL-3.0-only"),
          name(".*gnu general public.*|^gpl.*", "GPL-2.0-or-later"),
          name(".*eclipse distribution license.*", "EDL-1.0"),
          name(".*eclipse public license.*2\\.0.*", "EPL-2.0"),
          name(".*eclipse public license.*1\\.0.*", "EPL-1.0"),
          name(".*mozilla public license.*2\\.0.*", "MPL-2.0"),
          name(".*mozilla public license.*1\\.1.*", "MPL-1.1"),
          // the Bouncy Castle licence is the MIT licence with the copyright holder's name
          name(".*bouncy castle licen[cs]e.*", "MIT"),
          name(
              ".*similar to apache license but with the acknowledgment clause removed.*",
              "LicenseRef-JDOM"),
          name("^cddl.*1\\.0.*", "CDDL-1.0"),
          name(".*common development and distribution.*", "CDDL-1.1"),
          name(".*apache.*2.*", "Apache-2.0"),
          name("^(the )?mit( license)?$|^mit-style.*", "MIT"),
          name(".*\\(new\\) bsd.*|.*revised bsd.*|^bsd[- ]3.*|.*bsd 3-clause.*", "BSD-3-Clause"),
          name("^bsd[- ]2.*|.*simplified bsd.*|.*bsd 2-clause.*", "BSD-2-Clause"),
          name(".*public domain.*", "LicenseRef-Public-Domain"));

  private LicensePolicy() {}

  private static Map.Entry<Pattern, String> name(String regex, String id) {
    return Map.entry(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), id);
  }

  /**
   * An SPDX id for a license given by name; the name itself when no rule knows it.
   *
   * @param name the license name from a POM
   * @return the id
   */
  static String idForName(String name) {
    String trimmed = name.trim().toLowerCase(Locale.ROOT);
    for (Map.Entry<Pattern, String> rule : NAMES) {
      if (rule.getKey().matcher(trimmed).matches()) {
        return rule.getValue();
      }
    }
    return name.trim();
  }

  /**
   * Judges one license id or SPDX expression.
   *
   * @param license an SPDX id or expression
   * @return its verdict
   */
  static Verdict judge(String license) {
    String text = license.trim();
    if (text.startsWith("(") && text.endsWith(")")) {
      text = text.substring(1, text.length() - 1).trim();
    }
    if (text.contains(" OR ")) {
      return best(List.of(text.split(" OR ")));
    }
    if (text.contains(" AND ")) {
      Verdict worst = Verdict.PERMISSIVE;
      for (String part : text.split(" AND ")) {
        Verdict v = judge(part);
        worst = v.ordinal() > worst.ordinal() ? v : worst;
      }
      return worst;
    }
    if (PERMISSIVE.contains(text)) {
      return Verdict.PERMISSIVE;
    }
    if (WEAK_COPYLEFT.contains(text)) {
      return Verdict.WEAK_COPYLEFT;
    }
    if (text.startsWith("GPL-") || text.startsWith("AGPL-") || text.startsWith("SSPL")) {
      return Verdict.STRONG_COPYLEFT;
    }
    return Verdict.UNKNOWN;
  }

  /**
   * Judges a component offering several licenses: the best of them, since any one may be chosen.
   *
   * @param licenses the licenses; empty means the POM names none
   * @return the verdict
   */
  static Verdict best(List<String> licenses) {
    Verdict best = Verdict.UNKNOWN;
    for (String license : licenses) {
      Verdict v = judge(license);
      best = v.ordinal() < best.ordinal() ? v : best;
    }
    return best;
  }
}

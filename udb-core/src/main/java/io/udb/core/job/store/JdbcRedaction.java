package io.udb.core.job.store;

import java.util.regex.Pattern;

/**
 * Removes credentials from JDBC URLs and driver messages before they reach a log line or an
 * exception: the password in a URL's user-info ({@code //user:pw@host}), values of password-like
 * URL parameters, and any occurrence of a known password.
 */
final class JdbcRedaction {
  static final String MASK = "****";

  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s]*):[^@/\\s]*@");
  private static final Pattern SECRET_PARAMETER =
      Pattern.compile(
          "(?i)\\b(password|passwd|pwd|secret|token|access_token|api_key|apikey)=[^&;,\\s]*");

  private JdbcRedaction() {}

  /**
   * The text with credentials masked.
   *
   * @param text the text, may be {@code null}
   * @param knownSecret a password to mask wherever it appears, or {@code null}
   * @return the masked text, or {@code null} for {@code null}
   */
  static String redact(String text, String knownSecret) {
    if (text == null) {
      return null;
    }
    String out = text;
    if (knownSecret != null && !knownSecret.isEmpty()) {
      out = out.replace(knownSecret, MASK);
    }
    out = USER_INFO.matcher(out).replaceAll("$1:" + MASK + "@");
    return SECRET_PARAMETER.matcher(out).replaceAll("$1=" + MASK);
  }
}

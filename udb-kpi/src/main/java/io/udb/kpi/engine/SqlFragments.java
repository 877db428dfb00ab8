package io.udb.kpi.engine;

import io.udb.kpi.InvalidKpiException;

/**
 * The lexical check of a user SQL fragment (a measure expression, a filter condition, a raw KPI
 * query) before it is placed into a statement UDB composes. It scans the text the way DuckDB's
 * lexer does (standard strings with doubled quotes, {@code E'...'} strings with backslash escapes,
 * double-quoted identifiers) and refuses, outside strings and identifiers, everything that could
 * end or reshape the surrounding statement:
 *
 * <ul>
 *   <li>{@code ;} (a second statement),
 *   <li>comment tokens {@code --} and {@code /*} (which could hide the rest of the statement),
 *   <li>{@code $} (dollar-quoted strings and parameters) and {@code ?} (parameters),
 *   <li>unbalanced parentheses (which could close the parenthesis the fragment is placed in),
 *   <li>unterminated strings or identifiers, and control characters other than line breaks and
 *       tabs.
 * </ul>
 *
 * <p>It is the first of three checks, the same on every engine: the fragment is then checked by the
 * engine's own parser ({@link io.udb.api.engine.SqlDialect#expressionProblem}) and run in a probe
 * statement through the guarded query path. Stateless.
 */
public final class SqlFragments {
  private SqlFragments() {}

  /**
   * Checks a fragment.
   *
   * @param kpi the KPI's name, for the error
   * @param field the definition field holding the fragment
   * @param fragment the text
   * @throws InvalidKpiException naming the refused token and its position
   */
  public static void check(String kpi, String field, String fragment) {
    int depth = 0;
    int i = 0;
    int n = fragment.length();
    while (i < n) {
      char c = fragment.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        throw refuse(kpi, field, "a control character", i);
      }
      switch (c) {
        case '\'' -> i = skipString(kpi, field, fragment, i, isEscapeStringPrefix(fragment, i));
        case '"' -> i = skipIdentifier(kpi, field, fragment, i);
        case ';' -> throw refuse(kpi, field, "';'", i);
        case '$' -> throw refuse(kpi, field, "'$'", i);
        case '?' -> throw refuse(kpi, field, "'?'", i);
        case '-' -> {
          if (i + 1 < n && fragment.charAt(i + 1) == '-') {
            throw refuse(kpi, field, "the comment token '--'", i);
          }
          i++;
        }
        case '/' -> {
          if (i + 1 < n && fragment.charAt(i + 1) == '*') {
            throw refuse(kpi, field, "the comment token '/*'", i);
          }
          i++;
        }
        case '(' -> {
          depth++;
          i++;
        }
        case ')' -> {
          depth--;
          if (depth < 0) {
            throw refuse(kpi, field, "a ')' without its '('", i);
          }
          i++;
        }
        default -> i++;
      }
    }
    if (depth != 0) {
      throw new InvalidKpiException(kpi, field, "has " + depth + " unclosed '('");
    }
  }

  /** Whether the quote at {@code quote} opens an {@code E'...'} string (backslash escapes). */
  private static boolean isEscapeStringPrefix(String text, int quote) {
    if (quote == 0) {
      return false;
    }
    char prefix = text.charAt(quote - 1);
    if (prefix != 'e' && prefix != 'E') {
      return false;
    }
    // "typee'x'" is the identifier typee and a string; only a standalone e or E is the prefix
    return quote < 2 || !isIdentifierPart(text.charAt(quote - 2));
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** Returns the index after the string starting at {@code start}. */
  private static int skipString(
      String kpi, String field, String text, int start, boolean backslashEscapes) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
        continue;
      }
      if (c == '\'') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new InvalidKpiException(kpi, field, "has a string literal that is never closed");
  }

  /** Returns the index after the quoted identifier starting at {@code start}. */
  private static int skipIdentifier(String kpi, String field, String text, int start) {
    int i = start + 1;
    while (i < text.length()) {
      if (text.charAt(i) == '"') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new InvalidKpiException(kpi, field, "has a quoted identifier that is never closed");
  }

  private static InvalidKpiException refuse(String kpi, String field, String what, int at) {
    return new InvalidKpiException(
        kpi,
        field,
        "contains "
            + what
            + " at position "
            + (at + 1)
            + "; SQL in a KPI definition must not hold statement separators, comments or"
            + " parameters");
  }
}

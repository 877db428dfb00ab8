package io.udb.security.sql;

/**
 * Counts the statements of SQL text by its semicolons outside strings, quoted identifiers,
 * dollar-quoted strings and comments, following DuckDB's (PostgreSQL's) lexical rules.
 *
 * <p>It never decides whether SQL may run: the guard uses it only to choose between {@code
 * SQL_MULTIPLE_STATEMENTS} and {@code SQL_NOT_SELECT} for text that DuckDB's parser accepted but
 * refused to serialize, which is rejected either way.
 */
final class StatementCounter {
  private StatementCounter() {}

  /**
   * Counts the non-empty statements.
   *
   * @param sql the text
   * @return how many statements hold more than whitespace and comments
   */
  static int count(String sql) {
    int count = 0;
    boolean content = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        i = endOfLineComment(sql, i);
      } else if (c == '/' && next == '*') {
        i = endOfBlockComment(sql, i);
      } else if (c == '\'') {
        i = endOfString(sql, i, isEscapeStringStart(sql, i));
        content = true;
      } else if (c == '"') {
        i = endOfQuoted(sql, i, '"');
        content = true;
      } else if (c == '$' && dollarTagEnd(sql, i) > 0) {
        i = endOfDollarString(sql, i, dollarTagEnd(sql, i));
        content = true;
      } else if (c == ';') {
        if (content) {
          count++;
        }
        content = false;
        i++;
      } else {
        content |= !Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u200b';
        i++;
      }
    }
    return content ? count + 1 : count;
  }

  private static int endOfLineComment(String sql, int start) {
    int end = sql.indexOf('\n', start);
    return end < 0 ? sql.length() : end + 1;
  }

  /** Block comments nest, as in PostgreSQL. */
  private static int endOfBlockComment(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return i;
  }

  private static boolean isEscapeStringStart(String sql, int quote) {
    if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
      return false;
    }
    return quote == 1 || !isIdentifierPart(sql.charAt(quote - 2));
  }

  private static int endOfString(String sql, int start, boolean backslashEscapes) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return i;
  }

  private static int endOfQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return i;
  }

  /**
   * The index just after the opening tag of a dollar-quoted string ({@code $$} or {@code $tag$})
   * starting at {@code start}, or -1 when it is something else (a parameter such as {@code $1}).
   */
  private static int dollarTagEnd(String sql, int start) {
    if (start > 0 && isIdentifierPart(sql.charAt(start - 1))) {
      return -1;
    }
    int i = start + 1;
    if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
      return -1;
    }
    while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
  }

  private static int endOfDollarString(String sql, int start, int tagEnd) {
    String tag = sql.substring(start, tagEnd);
    int close = sql.indexOf(tag, tagEnd);
    return close < 0 ? sql.length() : close + tag.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}

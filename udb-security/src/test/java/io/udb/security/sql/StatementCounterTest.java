package io.udb.security.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementCounterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "DROP TABLE t | 1",
        "DROP TABLE t; | 1",
        "SELECT 1; DROP TABLE t | 2",
        "SELECT 1;; DROP TABLE t;; | 2",
        "SELECT ';'; DROP TABLE t | 2",
        "SELECT 'a;b'''';c' | 1",
        "SELECT E'\\';DROP TABLE t' | 1",
        "SELECT e'x\\\\'; DROP TABLE t | 2",
        "SELECT \"a;b\" FROM t | 1",
        "SELECT \"a\"\";b\" FROM t | 1",
        "SELECT $$;$$ | 1",
        "SELECT $tag$ ; $$ ; $tag$; DROP TABLE t | 2",
        "SELECT $1; DROP TABLE t | 2",
        "SELECT a$b; DROP TABLE t | 2",
        "DROP TABLE t -- ; SELECT 1 | 1",
        "DROP TABLE t /* ; /* nested ; */ ; */ | 1",
        "/* only */ ; -- comments | 0",
        "'unterminated; DROP TABLE t | 1",
        "` ; ; ` | 0"
      })
  void countsStatementsOutsideStringsAndComments(String sql, int expected) {
    assertThat(StatementCounter.count(sql)).isEqualTo(expected);
  }
}

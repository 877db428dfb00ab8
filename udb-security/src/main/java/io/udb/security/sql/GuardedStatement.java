package io.udb.security.sql;

import java.util.Objects;
import java.util.Set;

/**
 * A statement the guard accepted, with the tenant tables it reads (for table-level grants).
 *
 * @param sql the statement text exactly as given
 * @param tables the names of the tenant tables and views it references, lower-cased
 */
public record GuardedStatement(String sql, Set<String> tables) {
  /** Validates and copies. */
  public GuardedStatement {
    Objects.requireNonNull(sql, "sql");
    tables = Set.copyOf(tables);
  }
}

package io.udb.security.sql;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The tables and views a query may name: those of the caller's tenant. */
@FunctionalInterface
public interface TableCatalog {

  /**
   * Whether a table or view of that name exists. Names compare case-insensitively, as DuckDB
   * resolves them.
   *
   * @param name the name as written in the query
   * @return true when it exists
   */
  boolean contains(String name);

  /**
   * A catalog of a fixed set of names.
   *
   * @param names the table and view names
   * @return the catalog
   */
  static TableCatalog of(Set<String> names) {
    Set<String> lower =
        names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    return name -> lower.contains(name.toLowerCase(Locale.ROOT));
  }
}

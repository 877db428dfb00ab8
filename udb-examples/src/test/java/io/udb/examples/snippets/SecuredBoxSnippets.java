package io.udb.examples.snippets;

import io.udb.api.Principal;
import io.udb.api.engine.QueryResult;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;

/** README and docs/security.md: acting as an untrusted caller. */
final class SecuredBoxSnippets {
  private SecuredBoxSnippets() {}

  static QueryResult readme(DataBox box, String bearerToken) {
    // spotless:off
    // snippet:begin SecuredBox
    SecuredBox caller = box.authenticate(bearerToken);   // JWT, configured under security.auth.*
    QueryResult rows = caller.query("SELECT * FROM sales");
    // snippet:end
    // spotless:on
    return rows;
  }

  static QueryResult security(
      DataBox dataBox, String bearerToken, Principal principalTheHostAuthenticated) {
    // spotless:off
    // snippet:begin SecurityEntryPoints
    SecuredBox caller = dataBox.authenticate(bearerToken);            // JWT, needs security.auth.*
    SecuredBox sameRules = dataBox.as(principalTheHostAuthenticated); // host's own authentication
    caller.query("SELECT region, sum(amount) FROM sales GROUP BY region");
    // snippet:end
    // spotless:on
    return sameRules.query("SELECT 1");
  }
}

package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.GLOBEX;
import static io.udb.core.SecuredBoxFixture.admin;
import static io.udb.core.SecuredBoxFixture.analyst;
import static io.udb.core.SecuredBoxFixture.assertOneDenial;
import static io.udb.core.SecuredBoxFixture.count;
import static io.udb.core.SecuredBoxFixture.denials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.event.InMemoryEventSink;
import io.udb.security.authz.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Table grants through the parsed statement: an analyst of {@code acme} may read only {@code
 * sales}; every way of reaching {@code secret} is refused, while CTEs that merely carry its name
 * are not.
 */
class SecuredBoxGrantsTest {
  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private DataBox box;
  private SecuredBox ana;

  @BeforeEach
  void openBox() {
    box =
        SecuredBoxFixture.builder(
                Map.of(
                    "grants.acme.role.analyst", "sales",
                    "grants.acme.subject.bob", "secret"),
                sink,
                registry)
            .build();
    for (TenantId tenant : List.of(ACME, GLOBEX)) {
      try (SqlSession session = box.openSession(tenant)) {
        session.execute(
            "CREATE TABLE sales AS SELECT * FROM (VALUES (1, 10.5), (2, 20.0)) v(id, amount)",
            List.of());
        session.execute(
            "CREATE TABLE secret AS SELECT * FROM (VALUES (1, 'launch codes')) v(id, note)",
            List.of());
      }
    }
    ana = box.as(analyst("ana"));
    sink.clear();
  }

  @AfterEach
  void closeBox() {
    box.close();
  }

  @Test
  void grantedTableCanBeRead() {
    QueryResult result = ana.query("SELECT id, amount FROM sales ORDER BY id");

    assertThat(result.rows()).hasSize(2);
    assertThat(denials(sink)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM secret",
        "SELECT * FROM SECRET",
        "SELECT * FROM \"Secret\"",
        "SELECT * FROM main.secret",
        "SELECT s.id, x.note FROM sales s JOIN secret x ON s.id = x.id",
        "SELECT * FROM sales, secret",
        "SELECT * FROM sales WHERE id IN (SELECT id FROM secret)",
        "SELECT (SELECT max(note) FROM secret) FROM sales",
        "SELECT * FROM sales WHERE EXISTS (SELECT 1 FROM secret WHERE note LIKE 'l%')",
        "SELECT * FROM (SELECT * FROM secret) t",
        "WITH s AS (SELECT * FROM secret) SELECT * FROM s",
        "WITH secret AS (SELECT * FROM secret) SELECT * FROM secret",
        "WITH a AS (SELECT 1 AS id), b AS (SELECT note FROM secret) SELECT * FROM a, b",
        "SELECT id FROM sales UNION ALL SELECT id FROM secret",
        "SELECT id FROM sales EXCEPT SELECT id FROM secret",
        "SELECT * FROM (WITH secret AS (SELECT 1 AS id) SELECT * FROM secret) t, secret",
        "WITH RECURSIVE secret AS (SELECT * FROM secret UNION ALL SELECT * FROM secret WHERE false)"
            + " SELECT * FROM secret",
        "WITH RECURSIVE r AS (SELECT note FROM secret UNION ALL SELECT note FROM r WHERE false)"
            + " SELECT * FROM r",
        "WITH sales AS (SELECT * FROM secret) SELECT * FROM sales",
        "SELECT * FROM sales, LATERAL (SELECT note FROM secret WHERE secret.id = sales.id)",
        "SELECT * FROM unnest((SELECT list(note) FROM secret))",
        "SELECT * FROM sales POSITIONAL JOIN secret",
        "FROM secret SELECT note",
        "SELECT * FROM (VALUES (1)) v(id) WHERE id IN (FROM secret SELECT id)"
      })
  void everyPathToAnUngrantedTableIsRefused(String sql) {
    double before =
        count(
            registry,
            "udb.security.denied",
            "control",
            "authorization",
            "reason",
            "table_not_granted");

    assertThatThrownBy(() -> ana.query(sql))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(e.reason()).isEqualTo(AccessDeniedException.TABLE_NOT_GRANTED);
              assertThat(e.getMessage()).contains("secret").doesNotContain("launch codes");
            });

    assertOneDenial(sink, "authorization.table_not_granted", ACME, "ana", "sql.query");
    assertThat(
            count(
                registry,
                "udb.security.denied",
                "control",
                "authorization",
                "reason",
                "table_not_granted"))
        .isEqualTo(before + 1);
  }

  @Test
  void statementAcceptedForAnAdminIsStillRefusedForARestrictedAnalyst() {
    String sql = "SELECT note FROM secret";
    assertThat(box.as(admin("root")).query(sql).rows()).containsExactly(List.of("launch codes"));

    assertThatThrownBy(() -> ana.query(sql)).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> ana.query(sql)).isInstanceOf(AccessDeniedException.class);
    assertThat(denials(sink)).hasSize(2);
  }

  @Test
  void cteNamedLikeAnUngrantedTableDoesNotReadIt() {
    assertThat(ana.query("WITH secret AS (SELECT 7 AS id) SELECT id FROM secret").rows())
        .containsExactly(List.of(7L));
    assertThat(ana.query("WITH secret AS (SELECT * FROM sales) SELECT count(*) FROM secret").rows())
        .containsExactly(List.of(2L));
    assertThat(
            ana.query(
                    "WITH RECURSIVE secret(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM secret"
                        + " WHERE n < 3) SELECT max(n) FROM secret")
                .rows())
        .containsExactly(List.of(3L));
    assertThat(denials(sink)).isEmpty();
  }

  @Test
  void grantedTableMatchesWhateverCaseTheQueryUses() {
    assertThat(ana.query("SELECT count(*) FROM SALES").rows()).containsExactly(List.of(2L));
    assertThat(ana.query("SELECT count(*) FROM \"Sales\"").rows()).containsExactly(List.of(2L));
  }

  @Test
  void tablesListsOnlyGrantedTables() {
    assertThat(ana.tables()).extracting(TableInfo::name).containsExactly("sales");
    assertThat(box.as(admin("root")).tables())
        .extracting(TableInfo::name)
        .containsExactly("sales", "secret");
  }

  @Test
  void subjectAndRoleGrantsIntersect() {
    SecuredBox bob = box.as(analyst("bob"));

    assertThat(bob.tables()).isEmpty();
    assertThatThrownBy(() -> bob.query("SELECT * FROM secret"))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> bob.query("SELECT * FROM sales"))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void adminWithoutAnEntryIsNotRestricted() {
    assertThat(box.as(admin("root")).query("SELECT note FROM secret").rows())
        .containsExactly(List.of("launch codes"));
  }

  @Test
  void grantsOfOneTenantDoNotApplyToAnother() {
    SecuredBox globexAnalyst = box.as(Principal.of("ana", GLOBEX, Role.ANALYST));

    assertThat(globexAnalyst.query("SELECT note FROM secret").rows())
        .containsExactly(List.of("launch codes"));
    assertThat(globexAnalyst.tables()).extracting(TableInfo::name).contains("secret");
  }

  @Test
  void hostRestrictionNarrowsThePrincipalsGrantsInsteadOfReplacingThem() {
    QueryOptions onlySecret = QueryOptions.defaults().restrictedTo(Set.of("secret"));

    assertThatThrownBy(() -> ana.query("SELECT count(*) FROM sales", onlySecret))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.TABLE_NOT_GRANTED));
    assertThatThrownBy(() -> ana.query("SELECT count(*) FROM secret", onlySecret))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(denials(sink)).hasSize(2);
  }

  @Test
  void hostRestrictionAppliesToPrincipalsWithoutGrants() {
    SecuredBox root = box.as(admin("root"));
    QueryOptions onlySales = QueryOptions.defaults().restrictedTo(Set.of("sales"));

    assertThat(root.query("SELECT count(*) FROM sales", onlySales).rows())
        .containsExactly(List.of(2L));
    assertThatThrownBy(() -> root.query("SELECT * FROM secret", onlySales))
        .isInstanceOf(AccessDeniedException.class);
    assertOneDenial(sink, "authorization.table_not_granted", ACME, "root", "sql.query");
  }

  @Test
  void grantRefusalOnTheHostsQueryPathIsAudited() {
    QueryOptions onlySales = QueryOptions.defaults().restrictedTo(Set.of("sales"));

    assertThatThrownBy(() -> box.query(ACME, "SELECT * FROM secret", onlySales))
        .isInstanceOfSatisfying(
            AccessDeniedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

    assertOneDenial(sink, "authorization.table_not_granted", ACME, null, "sql.query");
    assertThat(
            count(
                registry,
                "udb.security.denied",
                "control",
                "authorization",
                "reason",
                "table_not_granted"))
        .isEqualTo(1);
  }

  @Test
  void classifyingAnUngrantedTableIsRefused() {
    assertThatThrownBy(() -> ana.classify(TableRef.of("secret")))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo(AccessDeniedException.TABLE_NOT_GRANTED));

    assertOneDenial(sink, "authorization.table_not_granted", ACME, "ana", "ingest");
    assertThat(box.security().classifications().find(ACME, TableRef.of("secret"))).isEmpty();
    assertThat(ana.classify(TableRef.of("sales")).columns()).containsOnlyKeys("id", "amount");
  }
}

package io.udb.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.security.audit.Denial;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableGrantsTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  private final RecordingAudit audit = new RecordingAudit();
  private final TableGrants grants =
      TableGrants.from(
          Settings.of(
              Map.of(
                  "grants.acme.subject.alice", "Orders, customers",
                  "grants.acme.role.viewer", "orders,kpis",
                  "grants.acme.subject.carol@example.com", "orders,salaries",
                  "grants.acme.subject.root", "audit_log",
                  "grants.acme.subject.nobody", "",
                  "grants.globex.role.analyst", "events",
                  "unrelated.key", "x")),
          audit);

  @Test
  void limitsAListedSubject() {
    Principal alice = Principal.of("alice", ACME, Role.ANALYST);

    assertThat(grants.allowedTables(alice)).contains(Set.of("orders", "customers"));
    assertThatCode(() -> grants.checkTables(alice, Set.of("orders"), Operation.SQL_QUERY))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> grants.checkTables(alice, Set.of("orders", "salaries"), Operation.SQL_QUERY))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(e.reason()).isEqualTo("table_not_granted");
              assertThat(e.getMessage()).contains("'salaries'").contains("'sql.query'");
            });
    assertThat(audit.denials())
        .containsExactly(
            new Denial(
                "authorization",
                "table_not_granted",
                ErrorCode.FORBIDDEN,
                ACME,
                "alice",
                "sql.query"));
  }

  @Test
  void limitsEveryoneWhoseHighestRoleIsListed() {
    Principal viewer = Principal.of("vera", ACME, Role.VIEWER);

    assertThat(grants.allowedTables(viewer)).contains(Set.of("orders", "kpis"));
    assertThatThrownBy(() -> grants.checkTables(viewer, Set.of("events"), Operation.REPORT_READ))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void leavesUnlistedPrincipalsUnrestricted() {
    Principal bob = Principal.of("bob", ACME, Role.ANALYST);

    assertThat(grants.allowedTables(bob)).isEmpty();
    assertThatCode(() -> grants.checkTables(bob, Set.of("anything"), Operation.SQL_QUERY))
        .doesNotThrowAnyException();
    assertThat(audit.denials()).isEmpty();
  }

  @Test
  void intersectsSubjectAndRoleEntries() {
    Principal carol = Principal.of("carol@example.com", ACME, Role.VIEWER);

    assertThat(grants.allowedTables(carol)).contains(Set.of("orders"));
    assertThatThrownBy(() -> grants.checkTables(carol, Set.of("salaries"), Operation.SQL_QUERY))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> grants.checkTables(carol, Set.of("kpis"), Operation.SQL_QUERY))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void leavesUnlistedAdminsUnrestricted() {
    Principal admin = Principal.of("ada", ACME, Role.ADMIN);

    assertThat(grants.allowedTables(admin)).isEmpty();
    assertThatCode(() -> grants.checkTables(admin, Set.of("salaries"), Operation.SQL_QUERY))
        .doesNotThrowAnyException();
  }

  @Test
  void limitsAdminsListedBySubject() {
    Principal root = Principal.of("root", ACME, Role.ADMIN);

    assertThat(grants.allowedTables(root)).contains(Set.of("audit_log"));
    assertThatThrownBy(() -> grants.checkTables(root, Set.of("orders"), Operation.SQL_QUERY))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void appliesRoleEntriesByTheHighestRoleOnly() {
    // Holding viewer beside admin does not pull an admin under the viewer entry.
    Principal both = new Principal("ada", ACME, Set.of(Role.VIEWER, Role.ADMIN));

    assertThat(grants.allowedTables(both)).isEmpty();
  }

  @Test
  void comparesTableNamesIgnoringCase() {
    Principal alice = Principal.of("alice", ACME, Role.ANALYST);

    assertThatCode(
            () -> grants.checkTables(alice, Set.of("ORDERS", "Customers"), Operation.SQL_QUERY))
        .doesNotThrowAnyException();
  }

  @Test
  void namesTheFirstForbiddenTableInAlphabeticalOrder() {
    Principal alice = Principal.of("alice", ACME, Role.ANALYST);

    assertThatThrownBy(
            () ->
                grants.checkTables(
                    alice, Set.of("zeta", "orders", "Beta", "gamma"), Operation.SQL_QUERY))
        .hasMessageStartingWith("Table 'beta' ");
  }

  @Test
  void anEmptyEntryAllowsNoTable() {
    Principal nobody = Principal.of("nobody", ACME, Role.ANALYST);

    assertThat(grants.allowedTables(nobody)).contains(Set.of());
    assertThatThrownBy(() -> grants.checkTables(nobody, Set.of("orders"), Operation.SQL_QUERY))
        .isInstanceOf(AccessDeniedException.class);
    assertThatCode(() -> grants.checkTables(nobody, Set.of(), Operation.SQL_QUERY))
        .doesNotThrowAnyException();
  }

  @Test
  void appliesOnlyTheGrantsOfThePrincipalsTenant() {
    // The same subject in another tenant is not limited by acme's entry...
    assertThat(grants.allowedTables(Principal.of("alice", GLOBEX, Role.VIEWER))).isEmpty();
    // ...and globex's analyst entry does not reach acme's analysts.
    assertThat(grants.allowedTables(Principal.of("bob", ACME, Role.ANALYST))).isEmpty();
    assertThat(grants.allowedTables(Principal.of("bob", GLOBEX, Role.ANALYST)))
        .isEqualTo(Optional.of(Set.of("events")));
  }

  @Test
  void keepsSubjectsAndRolesApart() {
    TableGrants roleOnly =
        TableGrants.from(Settings.of(Map.of("grants.acme.role.admin", "t1")), audit);

    assertThat(roleOnly.allowedTables(Principal.of("admin", ACME, Role.ANALYST))).isEmpty();
    assertThat(roleOnly.allowedTables(Principal.of("x", ACME, Role.ADMIN))).contains(Set.of("t1"));
  }

  @Test
  void refusesMalformedGrantKeys() {
    for (String key :
        new String[] {
          "grants.acme.team.x",
          "grants.acme.role.owner",
          "grants.Bad Tenant.subject.a",
          "grants.acme.subject"
        }) {
      assertThatThrownBy(() -> TableGrants.from(Settings.of(Map.of(key, "t")), audit))
          .as(key)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.getMessage()).contains(key);
              });
    }
  }
}

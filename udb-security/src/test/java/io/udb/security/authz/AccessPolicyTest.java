package io.udb.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.security.audit.Denial;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {

  private static final TenantId ACME = TenantId.of("acme");

  private final RecordingAudit audit = new RecordingAudit();
  private final AccessPolicy policy = new AccessPolicy(TableGrants.none(), audit);

  static Stream<Arguments> everyRoleAndOperation() {
    return Arrays.stream(Role.values())
        .flatMap(role -> Arrays.stream(Operation.values()).map(op -> Arguments.of(role, op)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyRoleAndOperation")
  void allowsExactlyTheRolesThatIncludeTheMinimum(Role role, Operation operation) {
    Principal principal = Principal.of("user-" + role.externalName(), ACME, role);
    boolean expected = role.includes(operation.minimumRole());

    assertThat(policy.permits(principal, operation)).isEqualTo(expected);
    if (expected) {
      assertThatCode(() -> policy.authorize(principal, operation)).doesNotThrowAnyException();
      assertThat(audit.denials()).isEmpty();
    } else {
      assertThatThrownBy(() -> policy.authorize(principal, operation))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(e.reason()).isEqualTo("role_too_low");
              });
      assertThat(audit.denials())
          .containsExactly(
              new Denial(
                  "authorization",
                  "role_too_low",
                  ErrorCode.FORBIDDEN,
                  ACME,
                  principal.subject(),
                  operation.id()));
    }
  }

  @Test
  void tableMatchesTheRolesOfTheDesign() {
    Principal viewer = Principal.of("v", ACME, Role.VIEWER);
    Principal analyst = Principal.of("a", ACME, Role.ANALYST);

    assertThat(policy.permits(viewer, Operation.REPORT_READ)).isTrue();
    assertThat(policy.permits(viewer, Operation.SQL_QUERY)).isFalse();
    assertThat(policy.permits(viewer, Operation.INGEST)).isFalse();
    assertThat(policy.permits(analyst, Operation.SQL_QUERY)).isTrue();
    assertThat(policy.permits(analyst, Operation.JOB_START)).isTrue();
    assertThat(policy.permits(analyst, Operation.SECRETS_MANAGE)).isFalse();
    assertThat(policy.permits(analyst, Operation.PII_UNMASKED)).isFalse();
  }

  @Test
  void explainsWhichRoleIsMissing() {
    Principal viewer = Principal.of("v", ACME, Role.VIEWER);

    assertThatThrownBy(() -> policy.authorize(viewer, Operation.SQL_QUERY))
        .hasMessage(
            "Operation 'sql.query' needs role 'analyst' or higher; the caller's highest role is"
                + " 'viewer'");
  }

  @Test
  void decidesByTheHighestRole() {
    Principal both = new Principal("root", ACME, Set.of(Role.VIEWER, Role.ADMIN));

    assertThatCode(() -> policy.authorize(both, Operation.SECRETS_MANAGE))
        .doesNotThrowAnyException();
  }

  @Test
  void checksTableGrantsAfterTheRole() {
    TableGrants grants =
        new TableGrants(Map.of(ACME, Map.of(Grantee.subject("alice"), Set.of("orders"))), audit);
    AccessPolicy withGrants = new AccessPolicy(grants, audit);
    Principal alice = Principal.of("alice", ACME, Role.ANALYST);

    assertThatCode(() -> withGrants.authorize(alice, Operation.SQL_QUERY, Set.of("orders")))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> withGrants.authorize(alice, Operation.SQL_QUERY, Set.of("orders", "salaries")))
        .isInstanceOfSatisfying(
            AccessDeniedException.class,
            e -> assertThat(e.reason()).isEqualTo("table_not_granted"));
    assertThatThrownBy(
            () ->
                withGrants.authorize(
                    Principal.of("alice", ACME, Role.VIEWER),
                    Operation.SQL_QUERY,
                    Set.of("orders")))
        .isInstanceOfSatisfying(
            AccessDeniedException.class, e -> assertThat(e.reason()).isEqualTo("role_too_low"));
  }
}

package io.udb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PrincipalTest {
  private static final TenantId ACME = TenantId.of("acme");

  @Test
  void judgesByTheHighestRole() {
    Principal principal = Principal.of("ana", ACME, Role.VIEWER, Role.ANALYST);

    assertThat(principal.highestRole()).isEqualTo(Role.ANALYST);
    assertThat(principal.has(Role.VIEWER)).isTrue();
    assertThat(principal.has(Role.ANALYST)).isTrue();
    assertThat(principal.has(Role.ADMIN)).isFalse();
  }

  @Test
  void needsASubjectAndARole() {
    assertThatThrownBy(() -> new Principal(" ", ACME, Set.of(Role.ADMIN)))
        .isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> new Principal("ana", ACME, Set.of())).isInstanceOf(UdbException.class);
  }

  @Test
  void parsesRoleNamesIgnoringCaseAndRefusesOthers() {
    assertThat(Role.fromName(" Admin ")).isEqualTo(Role.ADMIN);
    assertThat(Role.ANALYST.externalName()).isEqualTo("analyst");
    assertThatThrownBy(() -> Role.fromName("root"))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}

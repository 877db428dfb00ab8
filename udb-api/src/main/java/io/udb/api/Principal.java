package io.udb.api;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller: who it is, which tenant it acts for, and its roles.
 *
 * @param subject the stable subject identifier (e.g. the JWT {@code sub})
 * @param tenant the tenant the caller acts for; taken only from verified credentials
 * @param roles the caller's roles, never empty
 */
public record Principal(String subject, TenantId tenant, Set<Role> roles) {

  /** Validates and defensively copies the roles. */
  public Principal {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(tenant, "tenant");
    if (subject.isBlank()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Principal subject must not be blank");
    }
    if (roles == null || roles.isEmpty()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Principal needs at least one role");
    }
    roles = Set.copyOf(EnumSet.copyOf(roles));
  }

  /**
   * Creates a principal with the given roles.
   *
   * @param subject the subject
   * @param tenant the tenant
   * @param roles at least one role
   * @return the principal
   */
  public static Principal of(String subject, TenantId tenant, Role... roles) {
    return new Principal(subject, tenant, Set.of(roles));
  }

  /** The highest of the principal's roles. */
  public Role highestRole() {
    return roles.stream().max(Comparator.naturalOrder()).orElseThrow();
  }

  /**
   * Tells whether the principal holds {@code required} or a higher role.
   *
   * @param required the minimum role
   * @return true when allowed
   */
  public boolean has(Role required) {
    return highestRole().includes(required);
  }
}

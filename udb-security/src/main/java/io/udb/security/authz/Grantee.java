package io.udb.security.authz;

import io.udb.api.ErrorCode;
import io.udb.api.Role;
import io.udb.api.UdbException;
import java.util.Objects;

/**
 * Who a table grant applies to: one principal subject, or every principal whose highest role is a
 * given role. Subjects and roles are kept apart so that a subject named {@code admin} never matches
 * the role.
 *
 * @param kind whether {@code name} is a subject or a role
 * @param name the subject exactly as in the token, or the role's external name
 */
public record Grantee(Kind kind, String name) {

  /** The two kinds of grantee. */
  public enum Kind {
    /** A single principal, matched by its subject. */
    SUBJECT,
    /** Every principal whose highest role is this role. */
    ROLE
  }

  /** Validates the fields. */
  public Grantee {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "A grantee name must not be blank");
    }
  }

  /**
   * A grantee matching one subject.
   *
   * @param subject the principal's subject, compared exactly
   * @return the grantee
   */
  public static Grantee subject(String subject) {
    return new Grantee(Kind.SUBJECT, subject);
  }

  /**
   * A grantee matching principals whose highest role is {@code role}.
   *
   * @param role the role
   * @return the grantee
   */
  public static Grantee role(Role role) {
    return new Grantee(Kind.ROLE, role.externalName());
  }
}

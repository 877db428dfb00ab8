package io.udb.api;

import java.util.Locale;

/** The roles of a principal, ordered: each role includes the permissions of the ones before it. */
public enum Role {
  /** Reads KPIs, reports and artifacts. */
  VIEWER,
  /** Also ingests data, runs SQL and starts jobs. */
  ANALYST,
  /** Also manages secrets, baselines and retention, and sees unmasked PII. */
  ADMIN;

  /**
   * Tells whether this role includes the given one.
   *
   * @param required the minimum role an operation needs
   * @return true when this role is {@code required} or higher
   */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** The role's name as it appears in tokens and configuration ({@code viewer}, ...). */
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a role from its external name, ignoring case.
   *
   * @param name {@code viewer}, {@code analyst} or {@code admin}
   * @return the role
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for any other name
   */
  public static Role fromName(String name) {
    if (name != null) {
      for (Role role : values()) {
        if (role.name().equalsIgnoreCase(name.trim())) {
          return role;
        }
      }
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Unknown role '" + name + "'; expected one of viewer, analyst, admin");
  }
}

package io.udb.security.authz;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fine-grained table grants: within its tenant, a principal subject or a role may be limited to an
 * allow-list of table names.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>Only the principal's own tenant's grants apply.
 *   <li>Applicable entries are the one for the principal's subject and the one for its
 *       <em>highest</em> role (the role that decides its permissions), so a principal holding
 *       {@code [admin, viewer]} is governed as an admin.
 *   <li>No applicable entry: every table of the tenant is allowed.
 *   <li>Several applicable entries: the allowed set is their <em>intersection</em>, so adding an
 *       entry can only narrow access, never widen it.
 *   <li>Admins are not exempt: an admin listed by subject, or by an {@code admin} role entry, is
 *       limited like anyone else; an admin not listed is unrestricted.
 *   <li>Table names compare case-insensitively (lower-cased with {@link Locale#ROOT}).
 *   <li>An entry with an empty list allows no table at all.
 *   <li>A granted view gives access to what the view reads: grant views deliberately.
 * </ul>
 *
 * <p>Settings: {@code grants.<tenant>.subject.<subject>=t1,t2} and {@code
 * grants.<tenant>.role.<role>=t1}. Instances are immutable and thread-safe.
 */
public final class TableGrants {

  private static final String PREFIX = "grants.";

  private final Map<TenantId, Map<Grantee, Set<String>>> grants;
  private final SecurityAudit audit;

  /**
   * Creates grants from a map.
   *
   * @param grants per tenant, each grantee's allowed table names (any case)
   * @param audit receives every refusal
   */
  public TableGrants(Map<TenantId, Map<Grantee, Set<String>>> grants, SecurityAudit audit) {
    Map<TenantId, Map<Grantee, Set<String>>> copy = new HashMap<>();
    grants.forEach(
        (tenant, entries) -> {
          Map<Grantee, Set<String>> perTenant = new HashMap<>();
          entries.forEach((grantee, tables) -> perTenant.put(grantee, normalize(tables)));
          copy.put(Objects.requireNonNull(tenant, "tenant"), Map.copyOf(perTenant));
        });
    this.grants = Map.copyOf(copy);
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** Grants with no entries: every principal may read every table of its tenant. */
  public static TableGrants none() {
    return new TableGrants(Map.of(), SecurityAudit.none());
  }

  /**
   * Reads grants from settings keys {@code grants.<tenant>.subject.<subject>} and {@code
   * grants.<tenant>.role.<role>}, each a comma-separated list of table names.
   *
   * @param settings the settings (other keys are ignored)
   * @param audit receives every refusal
   * @return the grants
   * @throws ConfigurationException naming the key when a tenant, kind or role is not valid
   */
  public static TableGrants from(Settings settings, SecurityAudit audit) {
    Map<TenantId, Map<Grantee, Set<String>>> grants = new HashMap<>();
    for (String key : new TreeSet<>(settings.keys())) {
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String[] parts = key.substring(PREFIX.length()).split("\\.", 3);
      if (parts.length != 3 || parts[2].isBlank()) {
        throw invalidKey(
            key, "expected grants.<tenant>.subject.<subject> or grants.<tenant>.role.<role>");
      }
      TenantId tenant = parseTenant(key, parts[0]);
      Grantee grantee =
          switch (parts[1]) {
            case "subject" -> Grantee.subject(parts[2]);
            case "role" -> Grantee.role(parseRole(key, parts[2]));
            default ->
                throw invalidKey(key, "the part after the tenant must be 'subject' or 'role'");
          };
      grants
          .computeIfAbsent(tenant, t -> new HashMap<>())
          .put(grantee, new HashSet<>(settings.getList(key)));
    }
    return new TableGrants(grants, audit);
  }

  /**
   * The tables the principal may reference.
   *
   * @param principal the caller
   * @return empty when every table of its tenant is allowed; otherwise the lower-cased allow-list
   */
  public Optional<Set<String>> allowedTables(Principal principal) {
    Map<Grantee, Set<String>> entries = grants.get(principal.tenant());
    if (entries == null) {
      return Optional.empty();
    }
    Set<String> bySubject = entries.get(Grantee.subject(principal.subject()));
    Set<String> byRole = entries.get(Grantee.role(principal.highestRole()));
    if (bySubject == null && byRole == null) {
      return Optional.empty();
    }
    if (bySubject == null || byRole == null) {
      return Optional.of(bySubject != null ? bySubject : byRole);
    }
    Set<String> both = new HashSet<>(bySubject);
    both.retainAll(byRole);
    return Optional.of(Set.copyOf(both));
  }

  /**
   * Refuses a statement that references a table outside the principal's grants.
   *
   * @param principal the caller
   * @param tablesReferenced the tenant tables the statement reads (any case)
   * @param operation what is attempted, for the audit record
   * @throws AccessDeniedException with reason {@link AccessDeniedException#TABLE_NOT_GRANTED},
   *     naming the alphabetically first table that is not granted
   */
  public void checkTables(Principal principal, Set<String> tablesReferenced, Operation operation) {
    Objects.requireNonNull(operation, "operation");
    Optional<Set<String>> allowed = allowedTables(principal);
    if (allowed.isEmpty()) {
      return;
    }
    for (String table : new TreeSet<>(normalize(tablesReferenced))) {
      if (!allowed.get().contains(table)) {
        audit.denied(
            new Denial(
                AccessPolicy.CONTROL,
                AccessDeniedException.TABLE_NOT_GRANTED,
                ErrorCode.FORBIDDEN,
                principal.tenant(),
                principal.subject(),
                operation.id()));
        throw new AccessDeniedException(
            AccessDeniedException.TABLE_NOT_GRANTED,
            "Table '"
                + table
                + "' is not granted to the caller for '"
                + operation.id()
                + "'; query only granted tables or ask an admin to extend the grant");
      }
    }
  }

  private static Set<String> normalize(Set<String> tables) {
    Set<String> out = new HashSet<>();
    for (String table : tables) {
      out.add(table.trim().toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }

  private static TenantId parseTenant(String key, String raw) {
    try {
      return TenantId.of(raw);
    } catch (UdbException e) {
      throw invalidKey(key, "'" + raw + "' is not a valid tenant id");
    }
  }

  private static Role parseRole(String key, String raw) {
    try {
      return Role.fromName(raw);
    } catch (UdbException e) {
      throw invalidKey(key, "'" + raw + "' is not a role; use viewer, analyst or admin");
    }
  }

  private static ConfigurationException invalidKey(String key, String why) {
    return new ConfigurationException(
        ErrorCode.CONFIG_INVALID, "Setting '" + key + "' is not a valid table grant: " + why);
  }
}

package io.udb.core.job.store;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SQL of one job table. The table name is validated as a plain identifier and then quoted, so
 * that it can never carry SQL; every value goes through a bound parameter. Only standard types
 * (VARCHAR, TEXT, DOUBLE PRECISION, BIGINT) are used, so that the same text runs on PostgreSQL and
 * DuckDB.
 */
final class JobTable {
  /** The identifier rule for table names: PostgreSQL's 63-byte limit, lower case, unquoted form. */
  static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private static final int MAX_IDENTIFIER = 63;
  private static final String COLUMNS =
      "id, tenant, type, state, progress, stage, created_at, started_at, finished_at,"
          + " result_json, error_code, error_message, error_stage, correlation_id, owner";
  private static final String ASSIGNMENTS =
      "type = ?, state = ?, progress = ?, stage = ?, created_at = ?, started_at = ?,"
          + " finished_at = ?, result_json = ?, error_code = ?, error_message = ?,"
          + " error_stage = ?, correlation_id = ?, owner = ?";

  private final String name;
  private final String quoted;

  /**
   * Validates the table name.
   *
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} when it is not a plain
   *     identifier
   */
  JobTable(String name) {
    if (name == null || !isValidName(name)) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Job store table name must be 1-63 characters of a-z, 0-9 and '_', not starting with a"
              + " digit; got '"
              + printable(name)
              + "'");
    }
    this.name = name;
    this.quoted = quote(name);
  }

  static boolean isValidName(String name) {
    return IDENTIFIER.matcher(name).matches();
  }

  /** The unquoted table name. */
  String name() {
    return name;
  }

  /** The statements that create the table and its indexes when absent, in order. */
  List<String> ddl() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + quoted
            + " (id VARCHAR(64) NOT NULL PRIMARY KEY, tenant VARCHAR(63) NOT NULL,"
            + " type VARCHAR(40) NOT NULL, state VARCHAR(16) NOT NULL,"
            + " progress DOUBLE PRECISION NOT NULL, stage TEXT, created_at BIGINT NOT NULL,"
            + " started_at BIGINT, finished_at BIGINT, result_json TEXT, error_code VARCHAR(64),"
            + " error_message TEXT, error_stage TEXT, correlation_id TEXT NOT NULL,"
            + " owner TEXT NOT NULL, heartbeat_at BIGINT)",
        // Tables created before leases existed gain the column; both PostgreSQL and DuckDB
        // accept IF NOT EXISTS here.
        "ALTER TABLE " + quoted + " ADD COLUMN IF NOT EXISTS heartbeat_at BIGINT",
        "CREATE INDEX IF NOT EXISTS "
            + quote(indexName("_tenant_created_idx"))
            + " ON "
            + quoted
            + " (tenant, created_at)",
        "CREATE INDEX IF NOT EXISTS "
            + quote(indexName("_owner_state_idx"))
            + " ON "
            + quoted
            + " (owner, state)");
  }

  /** Inserts a row; binds the columns in {@link #COLUMNS} order. */
  String insert() {
    return "INSERT INTO "
        + quoted
        + " ("
        + COLUMNS
        + ", heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }

  /** Replaces a tenant's row; binds the assignments, then id and tenant. */
  String update() {
    return "UPDATE " + quoted + " SET " + ASSIGNMENTS + " WHERE id = ? AND tenant = ?";
  }

  /** Like {@link #update()}, but only while the row is still in the bound state. */
  String updateInState() {
    return update() + " AND state = ?";
  }

  /** Selects a tenant's row by id and tenant. */
  String selectByIdAndTenant() {
    return "SELECT " + COLUMNS + " FROM " + quoted + " WHERE id = ? AND tenant = ?";
  }

  /** Selects the tenant owning an id, whatever it is. */
  String selectTenantOfId() {
    return "SELECT tenant FROM " + quoted + " WHERE id = ?";
  }

  /** A tenant's newest rows; binds tenant and limit. */
  String listNewestFirst() {
    return "SELECT "
        + COLUMNS
        + " FROM "
        + quoted
        + " WHERE tenant = ? ORDER BY created_at DESC, id DESC LIMIT ?";
  }

  /** The rows of an owner in either of two bound states. */
  String selectOfOwnerInStates() {
    return "SELECT " + COLUMNS + " FROM " + quoted + " WHERE owner = ? AND state IN (?, ?)";
  }

  /** Renews the leases of an owner's rows in two bound states; binds time, owner, states. */
  String renewLeases() {
    return "UPDATE " + quoted + " SET heartbeat_at = ? WHERE owner = ? AND state IN (?, ?)";
  }

  /** Rows in two bound states whose last renewal is before a bound cutoff. */
  String selectExpired() {
    return "SELECT "
        + COLUMNS
        + " FROM "
        + quoted
        + " WHERE state IN (?, ?) AND COALESCE(heartbeat_at, created_at) < ?";
  }

  /** Deletes rows in one of three bound states that finished before a bound time. */
  String deleteFinishedBefore() {
    return "DELETE FROM " + quoted + " WHERE state IN (?, ?, ?) AND finished_at < ?";
  }

  /**
   * The name of a companion table of this one, e.g. {@code udb_jobs_leases}, kept within the
   * identifier limit.
   */
  String companion(String suffix) {
    return indexName(suffix);
  }

  private String indexName(String suffix) {
    String candidate = name + suffix;
    if (candidate.length() <= MAX_IDENTIFIER) {
      return candidate;
    }
    // Cut long table names but keep them distinct, so that two tables never share an index.
    String hash = String.format(Locale.ROOT, "_%08x", name.hashCode());
    return name.substring(0, MAX_IDENTIFIER - suffix.length() - hash.length()) + hash + suffix;
  }

  private static String quote(String identifier) {
    return '"' + identifier + '"';
  }

  private static String printable(String raw) {
    if (raw == null) {
      return "null";
    }
    String cut = raw.length() > 70 ? raw.substring(0, 70) + "..." : raw;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}

package io.udb.core.engine;

import io.udb.api.TenantId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a tenant's files live below the storage root: {@code tenants/<tenant>/tenant.duckdb}, a
 * private {@code spool/} folder for files being loaded (the only folder its database may read) and
 * a {@code tmp/} folder for spilling.
 *
 * @param base the tenant's folder
 * @param persistent whether the database is a file (false: in memory)
 */
public record TenantPaths(Path base, boolean persistent) {

  /** Validates the arguments. */
  public TenantPaths {
    Objects.requireNonNull(base, "base");
  }

  /**
   * The paths of a tenant below a root.
   *
   * @param root the storage root
   * @param tenant the tenant
   * @param persistent whether the database is a file
   * @return the paths
   */
  public static TenantPaths of(Path root, TenantId tenant, boolean persistent) {
    return new TenantPaths(root.resolve("tenants").resolve(tenant.value()), persistent);
  }

  /** The database file. */
  public Path databaseFile() {
    return base.resolve("tenant.duckdb");
  }

  /** The private folder for files being loaded. */
  public Path spool() {
    return base.resolve("spool");
  }

  /** The folder DuckDB spills to. */
  public Path temp() {
    return base.resolve("tmp");
  }
}

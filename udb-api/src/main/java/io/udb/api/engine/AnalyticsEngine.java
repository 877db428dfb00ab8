package io.udb.api.engine;

import io.udb.api.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The engine that stores and queries tenants' tables. The default is embedded DuckDB with one
 * database per tenant; a distributed engine may implement the same interface.
 *
 * <p>Contract: thread-safe; every method is tenant-scoped and can never reach another tenant's
 * data; user SQL passes the SQL guard before it runs.
 */
public interface AnalyticsEngine extends AutoCloseable {

  /** The engine's name, e.g. {@code duckdb}. */
  String name();

  /** How this engine spells generated SQL. */
  SqlDialect dialect();

  /**
   * Runs untrusted user SQL: guarded (one SELECT, no reach to files, network or settings), with the
   * row cap and timeout of the options, capped by the engine's limits.
   *
   * @param tenant the tenant whose tables the query sees, and only those
   * @param sql the user's statement
   * @param options row cap and timeout
   * @return the rows
   * @throws io.udb.api.SqlRejectedException when the guard refuses the statement
   * @throws io.udb.api.UdbException with {@code SQL_TIMEOUT}, {@code SQL_RESOURCE_LIMIT} or {@code
   *     SQL_EXECUTION_ERROR} when it fails while running
   */
  QueryResult query(TenantId tenant, String sql, QueryOptions options);

  /**
   * The tenant's tables with row counts and columns.
   *
   * @param tenant the tenant
   * @return the tables, sorted by name
   */
  List<TableInfo> listTables(TenantId tenant);

  /**
   * One table of the tenant.
   *
   * @param tenant the tenant
   * @param table the table
   * @return its description, or empty when it does not exist
   */
  Optional<TableInfo> describe(TenantId tenant, TableRef table);

  /**
   * The engine that holds a tenant's tables: this one, unless this engine routes tenants to several
   * engines (then the one the tenant is routed to). Engine-specific code, such as loading into the
   * embedded DuckDB database, asks it before it assumes an engine.
   *
   * @param tenant the tenant
   * @return the engine serving the tenant
   */
  default AnalyticsEngine engineFor(TenantId tenant) {
    return this;
  }

  /**
   * The engine that holds one dataset of a tenant: the tenant's engine ({@link
   * #engineFor(TenantId)}), unless this engine routes that dataset elsewhere, e.g. one large
   * dataset of a DuckDB tenant registered on Spark. Code reading a dataset asks this; the tenant's
   * own state (check history, baselines, classifications) stays on {@link #engineFor(TenantId)}.
   *
   * @param tenant the tenant
   * @param table the dataset
   * @return the engine serving that dataset
   */
  default AnalyticsEngine engineFor(TenantId tenant, TableRef table) {
    return engineFor(tenant);
  }

  /**
   * Opens a session for trusted, generated SQL on the tenant's database.
   *
   * @param tenant the tenant
   * @return the session; close it after use
   */
  SqlSession openSession(TenantId tenant);

  /**
   * Opens a session for trusted, generated SQL that reads one dataset of the tenant, on the engine
   * serving that dataset ({@link #engineFor(TenantId, TableRef)}). Statements on it see the
   * tenant's tables of that engine only.
   *
   * @param tenant the tenant
   * @param table the dataset the session reads
   * @return the session; close it after use
   */
  default SqlSession openSession(TenantId tenant, TableRef table) {
    return engineFor(tenant, table).openSession(tenant);
  }

  /** Closes every tenant database. */
  @Override
  void close();
}

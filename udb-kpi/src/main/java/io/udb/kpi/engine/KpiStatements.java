package io.udb.kpi.engine;

import io.udb.api.TenantId;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.util.List;

/**
 * Where the statements of one KPI batch run, which depends on the engine:
 *
 * <ul>
 *   <li>through the guarded user query path ({@link DataBox#query}), with the caller's row cap and
 *       timeout, when the engine has one and its expression check is not an allow-list (DuckDB):
 *       the statements embed user expressions, and the SQL guard is then a second lock after the
 *       checks of {@link FragmentProbe};
 *   <li>through a trusted {@link SqlSession} when the dialect's expression check is an allow-list
 *       ({@link SqlDialect#expressionCheckIsAllowList}, Spark): every user expression in them has
 *       been proven to be columns, literals, operators and deterministic built-in functions. The
 *       row cap is applied here; the timeout is the engine's own business.
 * </ul>
 *
 * <p>The statements run on one engine: the tenant's, or the one serving the datasets they read
 * ({@link DataBox#openSession(TenantId, TableRef)}). The dialect is the one of a session of the
 * tenant on that engine, so that tables are named as that tenant's on engines whose sessions
 * qualify them. Immutable; thread-safe as far as the box is.
 */
final class KpiStatements {
  private final DataBox box;
  private final TenantId tenant;
  private final TableRef dataset;
  private final SqlDialect dialect;
  private final boolean trusted;
  private final String engineName;

  private KpiStatements(DataBox box, TenantId tenant, TableRef dataset, SqlDialect dialect) {
    this.box = box;
    this.tenant = tenant;
    this.dataset = dataset;
    this.dialect = dialect;
    this.trusted = dialect.expressionCheckIsAllowList();
    this.engineName =
        (dataset == null ? box.engine().engineFor(tenant) : box.engine().engineFor(tenant, dataset))
            .name();
  }

  /**
   * The statements of a tenant's batch on the tenant's engine (raw-SQL KPIs).
   *
   * @param box the box
   * @param tenant the tenant
   * @return where they run
   */
  static KpiStatements of(DataBox box, TenantId tenant) {
    try (SqlSession session = box.openSession(tenant)) {
      return new KpiStatements(box, tenant, null, session.dialect());
    }
  }

  /**
   * The statements of a tenant's batch that read datasets of one engine.
   *
   * @param box the box
   * @param tenant the tenant
   * @param dataset one of the datasets, naming the engine serving them all
   * @return where they run
   */
  static KpiStatements of(DataBox box, TenantId tenant, TableRef dataset) {
    try (SqlSession session = box.openSession(tenant, dataset)) {
      return new KpiStatements(box, tenant, dataset, session.dialect());
    }
  }

  /** The name of the engine the statements run on, e.g. {@code spark}. */
  String engineName() {
    return engineName;
  }

  /** The dialect to build the statements with. */
  SqlDialect dialect() {
    return dialect;
  }

  /** Whether statements run through a trusted session rather than the guarded user path. */
  boolean trusted() {
    return trusted;
  }

  /** A session of the tenant, e.g. for the dialect's expression check. */
  SqlSession openSession() {
    return dataset == null ? box.openSession(tenant) : box.openSession(tenant, dataset);
  }

  /**
   * Runs user SQL through the guarded path of the engine these statements run on.
   *
   * @param sql the statement
   * @param limits the row cap and timeout
   * @return the rows
   */
  QueryResult guarded(String sql, QueryOptions limits) {
    return dataset == null
        ? box.query(tenant, sql, limits)
        : box.query(tenant, dataset, sql, limits);
  }

  /**
   * Runs a statement.
   *
   * @param sql the statement, user expressions in it already checked
   * @param limits the row cap (both paths) and timeout (guarded path)
   * @return the rows, {@code truncated} beyond the row cap
   */
  QueryResult run(String sql, QueryOptions limits) {
    if (!trusted) {
      return guarded(sql, limits);
    }
    QueryResult all;
    try (SqlSession session = openSession()) {
      all = session.query(sql, List.of());
    }
    if (all.rowCount() <= limits.maxRows()) {
      return all;
    }
    List<List<Object>> kept = all.rows().subList(0, limits.maxRows());
    return new QueryResult(all.columns(), kept, kept.size(), true, all.elapsedMs());
  }
}

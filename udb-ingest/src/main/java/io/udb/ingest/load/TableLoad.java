package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.LoadResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.core.observe.MetricNames;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * One atomic load into one table. Everything happens in a single DuckDB transaction on one
 * connection: the staging table is created and filled, the target is replaced, evolved or merged,
 * the rejects are written, and only then is the transaction committed. Until the commit no other
 * connection can see any of it, so a failed load (rolled back) or a killed process (an uncommitted
 * transaction is never replayed from the write-ahead log) leaves the previous table exactly as it
 * was and no staging table behind.
 */
final class TableLoad {
  /** Prefix of staging tables; table names starting with it are reserved. */
  static final String RESERVED_PREFIX = "__udb_";

  /** Suffix of the per-table rejects table. */
  static final String REJECTS_SUFFIX = "__rejects";

  private final DataBox box;
  private final DuckDbEngine engine;
  private final LoadContext context;
  private final LoadOptions options;
  private final String table;
  private final Stager stager;

  TableLoad(DataBox box, LoadContext context, LoadOptions options, String table, Stager stager) {
    this.box = box;
    this.table = checkTableName(table);
    this.engine = DuckDbEngine.serving(box.engine(), context.tenant(), TableRef.of(table));
    this.context = context;
    this.options = options;
    this.stager = stager;
  }

  /** Validates a target table name: a valid {@link TableRef}, not reserved, room for rejects. */
  static String checkTableName(String table) {
    TableRef.of(table);
    if (table.startsWith(RESERVED_PREFIX)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Table names starting with " + RESERVED_PREFIX + " are reserved for UDB");
    }
    if (table.length() + REJECTS_SUFFIX.length() > 128) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Table name must be at most " + (128 - REJECTS_SUFFIX.length()) + " characters");
    }
    return table;
  }

  static UdbException tooManyRows(long limit) {
    return new UdbException(
        ErrorCode.INPUT_TOO_LARGE, "The input has more than the limit of " + limit + " rows");
  }

  /**
   * Runs the load.
   *
   * @param incomingBytes the input's size, for the storage quota and the byte limit
   * @param alreadyStored how much of it already counts in the tenant's storage (a spooled file)
   * @return the report
   */
  LoadReport run(long incomingBytes, long alreadyStored) {
    TenantId tenant = context.tenant();
    if (incomingBytes > options.maxBytes()) {
      throw new UdbException(
          ErrorCode.INPUT_TOO_LARGE,
          "The input is larger than the limit of " + options.maxBytes() + " bytes");
    }
    box.security()
        .quotas()
        .checkStorage(
            tenant, Math.max(0, engine.storageBytes(tenant) - alreadyStored), incomingBytes);
    String id = UUID.randomUUID().toString().replace("-", "");
    List<Path> owned = new ArrayList<>();
    LoadReport report;
    try (DuckDbSqlSession session = engine.openSession(tenant)) {
      report = inTransaction(session, id, owned);
    } finally {
      owned.forEach(SpoolFiles::deleteQuietly);
    }
    afterCommit(report);
    return report;
  }

  private LoadReport inTransaction(DuckDbSqlSession session, String id, List<Path> owned) {
    String target = session.dialect().quoteIdentifier(table);
    String stagingName = RESERVED_PREFIX + "stage_" + id;
    String rejectsName = RESERVED_PREFIX + "rejects_" + id;
    session.execute("BEGIN TRANSACTION", List.of());
    try {
      Optional<List<ColumnInfo>> existing = columns(session, table);
      session.execute(
          "CREATE TABLE "
              + session.dialect().quoteIdentifier(rejectsName)
              + " (record_number BIGINT, raw_text VARCHAR, column_name VARCHAR, reason VARCHAR)",
          List.of());
      Staging staging = new Staging(session, stagingName, rejectsName, existing, options, context);
      Stager.Staged staged;
      try {
        staged = stager.stage(staging);
      } finally {
        owned.addAll(staging.ownedFiles());
      }
      context.throwIfCancelled();
      context.progress(0.9);
      if (staged.rowsRead() > options.maxRows()) {
        throw tooManyRows(options.maxRows());
      }
      if (staged.rowsLoaded() == 0 && staged.rowsRejected() > 0) {
        throw nothingLoadable(session, staging, staged);
      }
      List<SchemaChange> changes = apply(session, existing, staging, target);
      List<ColumnInfo> columns = columns(session, table).orElseThrow();
      long rowsAfter = count(session, target);
      box.security().quotas().checkRows(context.tenant(), table, rowsAfter);
      String rejectsTable = null;
      if (staged.rowsRejected() > 0) {
        rejectsTable = writeRejects(session, staging);
      }
      session.execute("DROP TABLE " + staging.rejectsSql(), List.of());
      commit(session);
      return new LoadReport(
          new LoadResult(
              table, staged.rowsRead(), staged.rowsLoaded(), staged.rowsRejected(), columns),
          stager.format(),
          options.mode(),
          changes,
          staged.skippedLines(),
          rejectsTable);
    } catch (SQLException e) {
      rollback(session, e);
      throw readFailure(e);
    } catch (RuntimeException e) {
      rollback(session, e);
      throw e;
    }
  }

  private List<SchemaChange> apply(
      SqlSession session, Optional<List<ColumnInfo>> existing, Staging staging, String target) {
    String stagingSql = staging.stagingSql();
    List<String> keys = options.mode() == LoadMode.UPSERT ? keyColumns(session, staging) : null;
    if (existing.isEmpty() || options.mode() == LoadMode.REPLACE) {
      if (existing.isPresent()) {
        session.execute("DROP TABLE " + target, List.of());
      }
      if (keys != null) {
        session.execute(
            "CREATE TABLE " + target + " AS SELECT * FROM " + stagingSql + lastPerKey(keys),
            List.of());
        session.execute("DROP TABLE " + stagingSql, List.of());
      } else {
        session.execute("ALTER TABLE " + stagingSql + " RENAME TO " + target, List.of());
      }
      return List.of();
    }
    List<ColumnInfo> incoming = columns(session, staging.stagingTable()).orElseThrow();
    List<SchemaChange> changes = SchemaEvolution.evolve(session, target, existing.get(), incoming);
    if (keys != null) {
      StringJoiner match = new StringJoiner(" AND ");
      for (String key : keys) {
        String k = session.dialect().quoteIdentifier(key);
        match.add("t." + k + " = s." + k);
      }
      session.execute(
          "DELETE FROM "
              + target
              + " AS t WHERE EXISTS (SELECT 1 FROM "
              + stagingSql
              + " AS s WHERE "
              + match
              + ")",
          List.of());
    }
    session.execute(
        "INSERT INTO "
            + target
            + " BY NAME SELECT * FROM "
            + stagingSql
            + (keys == null ? "" : lastPerKey(keys)),
        List.of());
    session.execute("DROP TABLE " + stagingSql, List.of());
    return changes;
  }

  /** Within one upsert the last row of a key wins: the staging table keeps the input's order. */
  private String lastPerKey(List<String> keys) {
    StringJoiner partition = new StringJoiner(", ");
    keys.forEach(k -> partition.add(engine.dialect().quoteIdentifier(k)));
    return " QUALIFY row_number() OVER (PARTITION BY " + partition + " ORDER BY rowid DESC) = 1";
  }

  private List<String> keyColumns(SqlSession session, Staging staging) {
    List<ColumnInfo> incoming = columns(session, staging.stagingTable()).orElseThrow();
    List<String> keys = new ArrayList<>();
    for (String key : options.keys()) {
      ColumnInfo column =
          SchemaEvolution.find(incoming, key)
              .orElseThrow(
                  () ->
                      new UdbException(
                          ErrorCode.INVALID_ARGUMENT,
                          "Upsert key column '" + key + "' is not in the loaded data"));
      if (staging.existing().isPresent()
          && SchemaEvolution.find(staging.existing().get(), key).isEmpty()) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Upsert key column '" + key + "' is not in table '" + table + "'");
      }
      keys.add(column.name());
    }
    return keys;
  }

  private String writeRejects(SqlSession session, Staging staging) {
    String name = table + REJECTS_SUFFIX;
    String rejects = session.dialect().quoteIdentifier(name);
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + rejects
            + " (source VARCHAR, record_number BIGINT, raw_text VARCHAR, column_name VARCHAR,"
            + " reason VARCHAR, job_id VARCHAR, rejected_at TIMESTAMP)",
        List.of());
    List<Object> parameters = new ArrayList<>();
    parameters.add(stager.sourceName());
    parameters.add(context.jobId().orElse(null));
    parameters.add(LocalDateTime.ofInstant(box.clock().instant(), ZoneOffset.UTC));
    session.execute(
        "INSERT INTO "
            + rejects
            + " SELECT ?, record_number, raw_text, column_name, reason, ?, ? FROM "
            + staging.rejectsSql()
            + " ORDER BY record_number",
        parameters);
    return name;
  }

  private UdbException nothingLoadable(SqlSession session, Staging staging, Stager.Staged staged) {
    QueryResult first =
        session.query(
            "SELECT record_number, reason FROM "
                + staging.rejectsSql()
                + " ORDER BY record_number LIMIT 3",
            List.of());
    StringJoiner reasons = new StringJoiner("; ");
    for (List<Object> row : first.rows()) {
      reasons.add("record " + row.get(0) + ": " + row.get(1));
    }
    return new UdbException(
        ErrorCode.INGEST_BAD_FORMAT,
        "None of the "
            + staged.rowsRead()
            + " records of "
            + stager.sourceName()
            + " could be read as "
            + stager.format()
            + ", so nothing was loaded (first: "
            + reasons
            + "); check the format, encoding and dialect");
  }

  private void commit(SqlSession session) {
    try {
      session.execute("COMMIT", List.of());
    } catch (UdbException e) {
      if (LoadErrors.conflict(e)) {
        throw new UdbException(
            ErrorCode.JOB_FAILED,
            "Another load changed table '" + table + "' at the same time; retry this one",
            e);
      }
      throw e;
    }
  }

  private static void rollback(SqlSession session, Exception cause) {
    try {
      session.execute("ROLLBACK", List.of());
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private UdbException readFailure(SQLException e) {
    if (context.isCancelled()) {
      return new UdbException(ErrorCode.JOB_CANCELLED, "The load was cancelled", e);
    }
    if (LoadErrors.outOfMemory(e)) {
      return new UdbException(
          ErrorCode.SQL_RESOURCE_LIMIT,
          "Reading " + stager.sourceName() + " needs more memory than the tenant's limit allows",
          e);
    }
    return new UdbException(
        ErrorCode.INGEST_BAD_FORMAT,
        "The input "
            + stager.sourceName()
            + " could not be read as "
            + stager.format()
            + ": "
            + LoadErrors.describe(e, stager.file(), stager.sourceName()),
        e);
  }

  private void afterCommit(LoadReport report) {
    TenantId tenant = context.tenant();
    box.security().classifications().classify(tenant, TableRef.of(table));
    if (report.rejectsTable() != null) {
      box.security().classifications().classify(tenant, TableRef.of(report.rejectsTable()));
    }
    LoadResult result = report.result();
    box.metrics().count(MetricNames.INGEST_ROWS, result.rowsLoaded(), "tenant", tenant.value());
    box.metrics()
        .count(MetricNames.INGEST_REJECTED, result.rowsRejected(), "tenant", tenant.value());
    Map<String, Object> data = new LinkedHashMap<>();
    context.jobId().ifPresent(id -> data.put("jobId", id));
    data.put("table", table);
    data.put("rowsRead", result.rowsRead());
    data.put("rowsLoaded", result.rowsLoaded());
    data.put("rowsRejected", result.rowsRejected());
    data.put("format", report.format());
    data.put("mode", report.mode().label());
    box.publish(box.eventFactory().ingestCompleted(tenant, context.correlationId(), data));
  }

  /** The columns of a table in the tenant's main schema, as this transaction sees them. */
  static Optional<List<ColumnInfo>> columns(SqlSession session, String table) {
    QueryResult result =
        session.query(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name ="
                + " current_database() AND schema_name = 'main' AND table_name = ?"
                + " ORDER BY column_index",
            List.of(table));
    if (result.rowCount() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        result.rows().stream()
            .map(r -> new ColumnInfo((String) r.get(0), (String) r.get(1)))
            .toList());
  }

  private static long count(SqlSession session, String quotedTable) {
    QueryResult result = session.query("SELECT count(*) FROM " + quotedTable, List.of());
    return ((Number) result.rows().get(0).get(0)).longValue();
  }
}

package io.udb.core.security;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.TenantId;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.PiiTag;
import io.udb.security.pii.TableClassification;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Classifies tables' columns (by name and by a sample of values) and keeps the result in the
 * tenant's own database, in the internal schema {@code udb_meta}, which user SQL cannot name.
 *
 * <p>Thread-safe.
 */
public final class ClassificationStore {
  /** Rows sampled per classification. */
  public static final int SAMPLE_ROWS = 1000;

  private static final String TABLE = "udb_meta.column_classification";

  private final AnalyticsEngine engine;
  private final ColumnClassifier classifier;
  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param engine the engine holding tenant databases
   * @param classifier the classifier
   * @param clock the clock for timestamps
   */
  public ClassificationStore(AnalyticsEngine engine, ColumnClassifier classifier, Clock clock) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Classifies a table from its column names and a sample of its rows, and stores the result.
   *
   * @param tenant the tenant
   * @param table the table
   * @return the classification
   * @throws NotFoundException with {@link ErrorCode#TABLE_NOT_FOUND} when the tenant has no table
   *     or view of that name
   */
  public TableClassification classify(TenantId tenant, TableRef table) {
    QueryResult sample;
    if (engine.engineFor(tenant, table) == engine.engineFor(tenant)) {
      try (SqlSession session = engine.openSession(tenant)) {
        // Checked first: DuckDB's own error for a missing table is an engine failure whose text
        // suggests similar names, which may be tables the caller is not granted.
        requireExists(session, table);
        sample = sample(session, table);
      }
    } else {
      // a dataset routed to another engine: sampled there, the result kept with the tenant's
      if (engine.describe(tenant, table).isEmpty()) {
        throw notFound(table);
      }
      try (SqlSession session = engine.openSession(tenant, table)) {
        sample = sample(session, table);
      }
    }
    try (SqlSession session = engine.openSession(tenant)) {
      List<String> columns = sample.columns().stream().map(ColumnInfo::name).toList();
      TableClassification classification =
          classifier.classifyTable(table.name(), columns, sample.rows());
      ensureSchema(session);
      session.execute("DELETE FROM " + TABLE + " WHERE table_name = ?", List.of(table.name()));
      for (ColumnClassification column : classification.columns().values()) {
        session.execute(
            "INSERT INTO "
                + TABLE
                + " (table_name, column_name, tags, match_share, basis, classified_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)",
            List.of(
                table.name(),
                column.column(),
                String.join(",", column.tags().stream().map(PiiTag::id).toList()),
                column.matchShare(),
                column.basis(),
                java.sql.Timestamp.from(clock.instant())));
      }
      return classification;
    }
  }

  /**
   * The stored classification of a table.
   *
   * @param tenant the tenant
   * @param table the table
   * @return the classification, or empty when the table was never classified
   */
  public Optional<TableClassification> find(TenantId tenant, TableRef table) {
    return load(tenant, table.name()).stream().findFirst();
  }

  /**
   * Every stored classification of the tenant.
   *
   * @param tenant the tenant
   * @return the classifications
   */
  public List<TableClassification> all(TenantId tenant) {
    return load(tenant, null);
  }

  private List<TableClassification> load(TenantId tenant, String onlyTable) {
    try (SqlSession session = engine.openSession(tenant)) {
      QueryResult exists =
          session.query(
              "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                  + " AND schema_name = 'udb_meta' AND table_name = 'column_classification'",
              List.of());
      if (((Number) exists.rows().get(0).get(0)).longValue() == 0) {
        return List.of();
      }
      QueryResult rows =
          onlyTable == null
              ? session.query(
                  "SELECT table_name, column_name, tags, match_share, basis FROM "
                      + TABLE
                      + " ORDER BY table_name, rowid",
                  List.of())
              : session.query(
                  "SELECT table_name, column_name, tags, match_share, basis FROM "
                      + TABLE
                      + " WHERE table_name = ? ORDER BY rowid",
                  List.of(onlyTable));
      Map<String, Map<String, ColumnClassification>> byTable = new LinkedHashMap<>();
      for (List<Object> row : rows.rows()) {
        Set<PiiTag> tags = new TreeSet<>();
        for (String tag : ((String) row.get(2)).split(",")) {
          tags.add(PiiTag.of(tag.trim().toLowerCase(Locale.ROOT)));
        }
        ColumnClassification column =
            new ColumnClassification(
                (String) row.get(1),
                tags,
                ((Number) row.get(3)).doubleValue(),
                (String) row.get(4));
        byTable
            .computeIfAbsent((String) row.get(0), t -> new LinkedHashMap<>())
            .put(column.column(), column);
      }
      List<TableClassification> out = new ArrayList<>();
      byTable.forEach((name, columns) -> out.add(new TableClassification(name, columns)));
      return out;
    }
  }

  private static QueryResult sample(SqlSession session, TableRef table) {
    SqlDialect dialect = session.dialect();
    return session.query(
        dialect.sample("SELECT * FROM " + dialect.table(table), SAMPLE_ROWS), List.of());
  }

  private static NotFoundException notFound(TableRef table) {
    return new NotFoundException(
        ErrorCode.TABLE_NOT_FOUND,
        "Table '" + table.name() + "' does not exist; load it before classifying it");
  }

  private static void requireExists(SqlSession session, TableRef table) {
    QueryResult found =
        session.query(
            "SELECT count(*) FROM (SELECT table_name AS name FROM duckdb_tables()"
                + " WHERE database_name = current_database() AND schema_name = 'main'"
                + " UNION ALL SELECT view_name FROM duckdb_views()"
                + " WHERE database_name = current_database() AND schema_name = 'main'"
                + " AND NOT internal) WHERE lower(name) = lower(?)",
            List.of(table.name()));
    if (((Number) found.rows().get(0).get(0)).longValue() == 0) {
      throw notFound(table);
    }
  }

  private static void ensureSchema(SqlSession session) {
    session.execute("CREATE SCHEMA IF NOT EXISTS udb_meta", List.of());
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " (table_name VARCHAR NOT NULL, column_name VARCHAR NOT NULL, tags VARCHAR NOT NULL,"
            + " match_share DOUBLE NOT NULL, basis VARCHAR NOT NULL, classified_at TIMESTAMP NOT NULL)",
        List.of());
  }
}

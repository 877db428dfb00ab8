package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.quality.internal.InternalTables;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Versioned drift baselines per tenant and dataset, stored in the tenant's own database, in
 * internal tables that user SQL cannot reach ({@link SqlDialect#internalTable}; on DuckDB in the
 * schema {@code udb_meta}): {@code drift_baseline(dataset, version, created_at, column_name, kind,
 * data_type, stats_json)}, one row per column and version, and {@code drift_baseline_run(dataset,
 * version, run_at)}, one row per drift run against a version (for the refresh policy).
 *
 * <p>A baseline holds each column's sufficient statistics (distinct values with counts, or category
 * counts) and its exact descriptive statistics, so drift can be tested without the reference table.
 * Accuracy: a numeric column with at most {@link BaselineOptions#maxExactValues()} distinct values
 * is stored exactly, and every statistic against the baseline equals the one against the reference
 * table. Above that cap it is stored as a sketch (the extremes exactly, the values between as
 * {@link BaselineOptions#sketchPoints()} equal-mass groups at their weighted means): the KS
 * statistic can then be off by up to about one group's share of the values ({@code
 * 1/sketchPoints}), the Wasserstein distance by up to the widest group's width times its share,
 * binned statistics by the values that move across a bin edge; the column's result says {@code
 * approximate}. Categorical columns beyond {@link BaselineOptions#maxCategories()} categories keep
 * the most frequent ones and count the rest as one category.
 *
 * <p>Thread-safe; versions are allocated under the table's primary key, so concurrent saves of one
 * dataset get distinct versions (on engines with primary keys; elsewhere concurrent saves of one
 * dataset may share a version).
 */
public final class BaselineStore {
  static final String SCHEMA = "udb_meta";
  static final String TABLE = "drift_baseline";
  static final String RUNS = "drift_baseline_run";

  private static final int SAVE_ATTEMPTS = 5;

  private final DataBox box;
  private final BaselineOptions options;

  /**
   * A store with {@link BaselineOptions#defaults()}.
   *
   * @param box the box whose tenant databases hold the baselines
   */
  public BaselineStore(DataBox box) {
    this(box, BaselineOptions.defaults());
  }

  /**
   * A store.
   *
   * @param box the box whose tenant databases hold the baselines
   * @param options how much of each column to keep
   */
  public BaselineStore(DataBox box, BaselineOptions options) {
    this.box = Objects.requireNonNull(box, "box");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Saves every column of a table that drift can compare as the dataset's next version.
   *
   * @param tenant the tenant
   * @param dataset the dataset name
   * @param source the table
   * @return the saved version
   */
  public BaselineInfo save(TenantId tenant, String dataset, TableRef source) {
    return save(tenant, dataset, source, List.of(), Map.of());
  }

  /**
   * Saves some columns of a table as the dataset's next version.
   *
   * @param tenant the tenant
   * @param dataset the dataset name
   * @param source the table
   * @param columns the columns; empty for every column drift can compare
   * @param kinds kinds per column, overriding the kind derived from the type
   * @return the saved version
   * @throws NotFoundException with {@code TABLE_NOT_FOUND} when the table does not exist
   * @throws UdbException with {@code INVALID_ARGUMENT} for unknown columns or no comparable column
   */
  public BaselineInfo save(
      TenantId tenant,
      String dataset,
      TableRef source,
      List<String> columns,
      Map<String, ColumnKind> kinds) {
    checkDataset(dataset);
    TableInfo table = describe(tenant, source);
    Map<String, String> types = new LinkedHashMap<>();
    table.columns().forEach(c -> types.put(c.name(), c.type()));
    // the source may be a dataset on another engine than the tenant's, where the baseline is kept:
    // its sides are read there, in that engine's types
    SqlDialect dialect = box.engine().engineFor(tenant, source).dialect();
    List<String> names = new ArrayList<>();
    if (columns.isEmpty()) {
      types.forEach(
          (name, type) -> {
            if (ColumnTypes.supported(dialect, type)) {
              names.add(name);
            }
          });
    } else {
      for (String name : columns) {
        String type = types.get(name);
        if (type == null || !ColumnTypes.supported(dialect, type)) {
          throw new UdbException(
              ErrorCode.INVALID_ARGUMENT,
              type == null
                  ? "Column '" + name + "' is not in table " + source
                  : "Column '" + name + "' has type " + type + ", which drift cannot compare");
        }
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Table " + source + " has no column drift can compare");
    }
    Instant createdAt = box.clock().instant().truncatedTo(ChronoUnit.MICROS);
    List<SideReader.Side> sides = new ArrayList<>();
    for (String name : names) {
      String type = types.get(name);
      ColumnKind kind = kinds.getOrDefault(name, ColumnTypes.defaultKind(dialect, type));
      if (kind == ColumnKind.NUMERIC && !ColumnTypes.numeric(dialect, type)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Column '" + name + "' has type " + type + " and cannot be numeric");
      }
      sides.add(
          new SideReader.Side(
              source,
              table.rowCount(),
              name,
              type,
              ColumnTypes.numeric(dialect, type),
              ColumnTypes.integral(dialect, type)));
    }
    List<Object[]> rows = new ArrayList<>();
    try (SqlSession session = box.openSession(tenant, source)) {
      SideReader reader = new SideReader(session, null, Runnable::run, SideReader.Limits.DEFAULT);
      reader.prefetch(sides);
      for (SideReader.Side side : sides) {
        String name = side.column();
        ColumnKind kind = kinds.getOrDefault(name, ColumnTypes.defaultKind(dialect, side.type()));
        rows.add(
            new Object[] {
              name, kind.label(), side.type(), BaselineCodec.write(compressed(reader.read(side)))
            });
      }
    }
    try (SqlSession session = box.openSession(tenant)) {
      ensureSchema(session);
      return insert(session, dataset, createdAt, rows, names, types, kinds);
    }
  }

  /** A side as a baseline keeps it: many distinct values as a sketch, the summary exact. */
  private ColumnSide compressed(ColumnSide side) {
    if (side.isNumeric()) {
      return new ColumnSide(
          side.numeric().compress(options.maxExactValues(), options.sketchPoints()),
          null,
          side.summary());
    }
    return new ColumnSide(null, side.text().compress(options.maxCategories()), side.summary());
  }

  private BaselineInfo insert(
      SqlSession session,
      String dataset,
      Instant createdAt,
      List<Object[]> rows,
      List<String> names,
      Map<String, String> types,
      Map<String, ColumnKind> kinds) {
    SqlDialect dialect = session.dialect();
    String table = dialect.internalTable(TABLE);
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
    String values = "(?, ?, " + dialect.timestampParameter() + ", ?, ?, ?, ?)";
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(values);
    }
    String timestamp = InternalTables.timestamp(createdAt);
    UdbException last = null;
    for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      int version = latestVersion(session, dataset).orElse(0) + 1;
      List<Object> parameters = new ArrayList<>();
      for (Object[] row : rows) {
        parameters.add(dataset);
        parameters.add(version);
        parameters.add(timestamp);
        parameters.add(row[0]);
        parameters.add(row[1]);
        parameters.add(row[2]);
        parameters.add(row[3]);
      }
      try {
        session.execute(sql.toString(), parameters);
        List<BaselineInfo.Column> columns = new ArrayList<>();
        for (String name : names) {
          String type = types.get(name);
          columns.add(
              new BaselineInfo.Column(
                  name, kinds.getOrDefault(name, ColumnTypes.defaultKind(dialect, type)), type));
        }
        return new BaselineInfo(dataset, version, createdAt, columns);
      } catch (UdbException e) {
        // another save took this version first; take the next one
        last = e;
      }
    }
    throw new UdbException(
        ErrorCode.STORAGE_ERROR, "Could not save a baseline version of " + dataset, last);
  }

  /**
   * The latest version of a dataset.
   *
   * @param tenant the tenant
   * @param dataset the dataset
   * @return the baseline, or empty when none was saved
   */
  public Optional<Baseline> latest(TenantId tenant, String dataset) {
    checkDataset(dataset);
    try (SqlSession session = box.openSession(tenant)) {
      ensureSchema(session);
      Optional<Integer> version = latestVersion(session, dataset);
      return version.flatMap(v -> load(session, dataset, v));
    }
  }

  /**
   * What the latest version of a dataset is, without reading its statistics.
   *
   * @param tenant the tenant
   * @param dataset the dataset
   * @return the version, or empty when none was saved
   */
  public Optional<BaselineInfo> latestInfo(TenantId tenant, String dataset) {
    checkDataset(dataset);
    try (SqlSession session = box.openSession(tenant)) {
      ensureSchema(session);
      SqlDialect dialect = session.dialect();
      String table = dialect.internalTable(TABLE);
      List<BaselineInfo> versions =
          infos(
              dataset,
              session.query(
                  "SELECT version, created_at, column_name, kind, data_type FROM "
                      + table
                      + " WHERE dataset = ? AND version = (SELECT max(version) FROM "
                      + table
                      + " WHERE dataset = ?) ORDER BY "
                      + dialect.insertionOrder(),
                  List.of(dataset, dataset)));
      return versions.stream().findFirst();
    }
  }

  /**
   * One version of a dataset.
   *
   * @param tenant the tenant
   * @param dataset the dataset
   * @param version the version
   * @return the baseline, or empty when that version does not exist (any more)
   */
  public Optional<Baseline> version(TenantId tenant, String dataset, int version) {
    checkDataset(dataset);
    try (SqlSession session = box.openSession(tenant)) {
      ensureSchema(session);
      return load(session, dataset, version);
    }
  }

  /**
   * The stored versions of a dataset, oldest first.
   *
   * @param tenant the tenant
   * @param dataset the dataset
   * @return the versions (without their statistics)
   */
  public List<BaselineInfo> list(TenantId tenant, String dataset) {
    checkDataset(dataset);
    try (SqlSession session = box.openSession(tenant)) {
      ensureSchema(session);
      SqlDialect dialect = session.dialect();
      return infos(
          dataset,
          session.query(
              "SELECT version, created_at, column_name, kind, data_type FROM "
                  + dialect.internalTable(TABLE)
                  + " WHERE dataset = ? ORDER BY version, "
                  + dialect.insertionOrder(),
              List.of(dataset)));
    }
  }

  /** Groups rows of (version, created_at, column_name, kind, data_type) into versions. */
  private static List<BaselineInfo> infos(String dataset, QueryResult rows) {
    List<BaselineInfo> out = new ArrayList<>();
    int version = -1;
    Instant createdAt = null;
    List<BaselineInfo.Column> columns = new ArrayList<>();
    for (List<Object> row : rows.rows()) {
      int v = ((Number) row.get(0)).intValue();
      if (v != version && version >= 0) {
        out.add(new BaselineInfo(dataset, version, createdAt, columns));
        columns = new ArrayList<>();
      }
      version = v;
      createdAt = InternalTables.instant(row.get(1));
      columns.add(
          new BaselineInfo.Column(
              (String) row.get(2), ColumnKind.parse((String) row.get(3)), (String) row.get(4)));
    }
    if (version >= 0) {
      out.add(new BaselineInfo(dataset, version, createdAt, columns));
    }
    return out;
  }

  /**
   * Deletes all but the newest versions of a dataset (and their run records).
   *
   * @param tenant the tenant
   * @param dataset the dataset
   * @param keepVersions how many of the newest versions to keep, at least 1
   * @return how many versions were deleted
   */
  public int prune(TenantId tenant, String dataset, int keepVersions) {
    checkDataset(dataset);
    if (keepVersions < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "keepVersions must be at least 1");
    }
    try (SqlSession session = box.openSession(tenant)) {
      ensureSchema(session);
      QueryResult versions =
          session.query(
              "SELECT DISTINCT version FROM "
                  + session.dialect().internalTable(TABLE)
                  + " WHERE dataset = ? ORDER BY version DESC",
              List.of(dataset));
      if (versions.rowCount() <= keepVersions) {
        return 0;
      }
      int newestDropped = ((Number) versions.rows().get(keepVersions).get(0)).intValue();
      for (String table : List.of(TABLE, RUNS)) {
        List<String> statements =
            session
                .dialect()
                .deleteWhere(
                    session.dialect().internalTable(table), "dataset = ? AND version <= ?");
        for (String statement : statements) {
          session.execute(statement, List.of(dataset, newestDropped));
        }
      }
      return versions.rowCount() - keepVersions;
    }
  }

  /**
   * Records a drift run against a version.
   *
   * @return the runs against that version so far, this one included
   */
  long recordRun(TenantId tenant, String dataset, int version) {
    Instant now = box.clock().instant().truncatedTo(ChronoUnit.MICROS);
    try (SqlSession session = box.openSession(tenant)) {
      ensureSchema(session);
      String table = session.dialect().internalTable(RUNS);
      session.execute(
          "INSERT INTO " + table + " VALUES (?, ?, " + session.dialect().timestampParameter() + ")",
          List.of(dataset, version, InternalTables.timestamp(now)));
      QueryResult count =
          session.query(
              "SELECT count(*) FROM " + table + " WHERE dataset = ? AND version = ?",
              List.of(dataset, version));
      return ((Number) count.rows().get(0).get(0)).longValue();
    }
  }

  private Optional<Baseline> load(SqlSession session, String dataset, int version) {
    QueryResult rows =
        session.query(
            "SELECT created_at, column_name, kind, data_type, stats_json FROM "
                + session.dialect().internalTable(TABLE)
                + " WHERE dataset = ? AND version = ? ORDER BY "
                + session.dialect().insertionOrder(),
            List.of(dataset, version));
    if (rows.rowCount() == 0) {
      return Optional.empty();
    }
    List<BaselineInfo.Column> columns = new ArrayList<>();
    Map<String, ColumnSide> sides = new LinkedHashMap<>();
    for (List<Object> row : rows.rows()) {
      String name = (String) row.get(1);
      columns.add(
          new BaselineInfo.Column(
              name, ColumnKind.parse((String) row.get(2)), (String) row.get(3)));
      sides.put(name, BaselineCodec.read((String) row.get(4)));
    }
    Instant createdAt = InternalTables.instant(rows.rows().get(0).get(0));
    return Optional.of(new Baseline(new BaselineInfo(dataset, version, createdAt, columns), sides));
  }

  private static Optional<Integer> latestVersion(SqlSession session, String dataset) {
    QueryResult max =
        session.query(
            "SELECT max(version) FROM "
                + session.dialect().internalTable(TABLE)
                + " WHERE dataset = ?",
            List.of(dataset));
    Object value = max.rows().get(0).get(0);
    return value == null ? Optional.empty() : Optional.of(((Number) value).intValue());
  }

  /** Creates the tables on first use. */
  private static void ensureSchema(SqlSession session) {
    String text = session.dialect().textType();
    InternalTables.ensure(
        session,
        List.of(
            new InternalTables.Definition(
                TABLE,
                "dataset "
                    + text
                    + " NOT NULL, version INTEGER NOT NULL, created_at TIMESTAMP NOT NULL,"
                    + " column_name "
                    + text
                    + " NOT NULL, kind "
                    + text
                    + " NOT NULL, data_type "
                    + text
                    + " NOT NULL, stats_json "
                    + text
                    + " NOT NULL",
                List.of("dataset", "version", "column_name")),
            new InternalTables.Definition(
                RUNS,
                "dataset "
                    + text
                    + " NOT NULL, version INTEGER NOT NULL, run_at TIMESTAMP NOT NULL",
                List.of())));
  }

  private TableInfo describe(TenantId tenant, TableRef table) {
    return box.describe(tenant, table)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.TABLE_NOT_FOUND, "Table " + table + " does not exist"));
  }

  /**
   * Checks a dataset name: 1 to 128 printable characters.
   *
   * @param dataset the name
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  static void checkDataset(String dataset) {
    if (dataset == null
        || dataset.isBlank()
        || dataset.length() > 128
        || dataset.chars().anyMatch(Character::isISOControl)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "A dataset name must be 1-128 printable characters");
    }
  }
}

package io.udb.spark;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * The analytics engine on Apache Spark. Each tenant owns one Spark database (its namespace, named
 * from the tenant id, see {@link #namespace}); datasets are registered into it from paths or
 * catalog tables with {@link #register} and stay where they are. Profiles, checks, drift and KPIs
 * run on it through {@link #openSession} and the {@link SparkDialect}.
 *
 * <p>Untrusted ad-hoc SQL ({@link #query}) is refused with {@link
 * ErrorCode#ENGINE_OPERATION_UNSUPPORTED}: Spark SQL can read any path and any catalog the cluster
 * can reach, and UDB cannot give it the guarantees of the DuckDB guard (see docs/security.md).
 *
 * <p>Thread-safe: the {@link SparkSession} is shared and schedules concurrent statements itself.
 */
public final class SparkEngine implements AnalyticsEngine {
  /** The name configuration selects the engine by. */
  public static final String NAME = "spark";

  /**
   * The most fields (aggregation buffers included) of a plan that Spark still compiles to Java
   * ({@code spark.sql.codegen.maxFields}, 100 by default). A profile's moments pass keeps several
   * buffer fields per column and ten per Pearson pair: eight columns are about 175 fields, and
   * Spark then ran that aggregate row by row without generated code, 2-4 times slower.
   */
  static final int CODEGEN_MAX_FIELDS = 1000;

  private final SparkSession spark;
  private final String namespacePrefix;
  private final boolean ownsSession;
  private final SparkDialect unbound = SparkDialect.unbound();

  /** Watches running statements for their thread's interrupt ({@link SparkSqlSession}). */
  private final ScheduledExecutorService watches;

  private SparkEngine(SparkSession spark, String namespacePrefix, boolean ownsSession) {
    this.spark = Objects.requireNonNull(spark, "spark");
    this.namespacePrefix = Objects.requireNonNull(namespacePrefix, "namespacePrefix");
    this.ownsSession = ownsSession;
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "udb-spark-statement-watch");
              thread.setDaemon(true);
              return thread;
            });
    // every statement schedules a watch and cancels it when done
    timer.setRemoveOnCancelPolicy(true);
    this.watches = timer;
  }

  /**
   * Starts a {@link SparkSession} from the settings and an engine on it; closing the engine stops
   * the session. When the JVM already has a default session, Spark hands out that one (and applies
   * the settings' configuration to it where it can); the engine then leaves it running on close.
   * The session runs in UTC with Java 8 date-time values, without the web UI, and generates code
   * for plans of up to 1,000 fields; the settings' extra configuration is applied last and may
   * change any of that.
   *
   * @param settings master, names and extra configuration
   * @return the engine
   * @throws UdbException with {@link ErrorCode#ENGINE_ERROR} when Spark cannot start
   */
  public static SparkEngine start(SparkEngineSettings settings) {
    // Spark keeps one default session per JVM and getOrCreate returns it: an engine that did not
    // create the session must not stop it under its owner
    boolean sessionExisted = SparkSession.getDefaultSession().isDefined();
    SparkSession.Builder builder =
        SparkSession.builder()
            .master(settings.master())
            .appName(settings.appName())
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.codegen.maxFields", Integer.toString(CODEGEN_MAX_FIELDS));
    for (Map.Entry<String, String> entry : settings.conf().entrySet()) {
      builder = builder.config(entry.getKey(), entry.getValue());
    }
    try {
      SparkSession spark = builder.getOrCreate();
      disableVariableSubstitution(spark);
      return new SparkEngine(spark, settings.namespacePrefix(), !sessionExisted);
    } catch (RuntimeException e) {
      throw new UdbException(
          ErrorCode.ENGINE_ERROR,
          "Spark did not start on master '"
              + settings.master()
              + "': "
              + SparkSqlSession.firstLine(e),
          e);
    }
  }

  /**
   * An engine on a session the host owns; closing the engine leaves the session running. It turns
   * off the session's SQL variable substitution ({@code spark.sql.variable.substitute}), which
   * would expand {@code ${env:...}} in user-written expressions. Other settings stay the host's:
   * profiles run faster with {@code spark.sql.codegen.maxFields} raised as {@link #start} does.
   *
   * @param spark the host's session
   * @param namespacePrefix the prefix of the tenants' databases, e.g. {@code udb_}
   * @return the engine
   */
  public static SparkEngine attach(SparkSession spark, String namespacePrefix) {
    new SparkEngineSettings("attached", "udb", namespacePrefix, Map.of());
    disableVariableSubstitution(spark);
    return new SparkEngine(spark, namespacePrefix, false);
  }

  /**
   * Turns off Spark's variable substitution on the session, whatever the configuration says: it
   * expands {@code ${env:NAME}} and {@code ${system:name}} anywhere in a statement, string literals
   * included, so a user's check predicate or KPI filter could read the driver's environment.
   */
  private static void disableVariableSubstitution(SparkSession spark) {
    spark.conf().set("spark.sql.variable.substitute", "false");
  }

  /** The Spark session the engine runs on. */
  public SparkSession spark() {
    return spark;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SqlDialect dialect() {
    return unbound;
  }

  /**
   * The Spark database of a tenant: the prefix, then the tenant id with {@code _} written {@code
   * _0} and {@code -} written {@code _1}, so that two tenant ids never share a database.
   *
   * @param tenant the tenant
   * @return the database name
   */
  public String namespace(TenantId tenant) {
    StringBuilder name = new StringBuilder(namespacePrefix);
    for (char c : tenant.value().toCharArray()) {
      switch (c) {
        case '_' -> name.append("_0");
        case '-' -> name.append("_1");
        default -> name.append(c);
      }
    }
    return name.toString();
  }

  /**
   * Registers a dataset as a table of the tenant, replacing a table of that name. Files stay where
   * they are (an external table over the path); a catalog table is exposed through a view.
   *
   * @param tenant the tenant
   * @param table the table name in the tenant's namespace
   * @param dataset where the data is
   * @return the registered table's description
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when Spark cannot read the dataset
   *     (missing path, unknown table, unreadable format)
   */
  public TableInfo register(TenantId tenant, TableRef table, SparkDataset dataset) {
    String namespace = namespace(tenant);
    SparkDialect dialect = SparkDialect.forNamespace(namespace);
    String target = dialect.table(table);
    try {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + dialect.quoteIdentifier(namespace));
      // DROP VIEW fails on a table (and DROP TABLE on a view): replacing either takes both tries
      dropQuietly(target);
      if (dataset.format().equals("table")) {
        spark.sql(
            "CREATE VIEW "
                + target
                + " AS SELECT * FROM "
                + qualified(dialect, dataset.location()));
      } else {
        spark.sql(
            "CREATE TABLE "
                + target
                + " USING "
                + dataset.format()
                + options(dataset.options())
                + " LOCATION "
                + literal(dataset.location()));
      }
      return describe(namespace, dialect, table.name());
    } catch (Exception e) { // Spark's AnalysisException is a checked exception in Java terms
      dropQuietly(target);
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Cannot register "
              + dataset.format()
              + " dataset '"
              + dataset.location()
              + "' as table '"
              + table.name()
              + "': "
              + SparkSqlSession.firstLine(e),
          e);
    }
  }

  /**
   * Removes a registered table of the tenant; the data it points at is not touched.
   *
   * @param tenant the tenant
   * @param table the table
   * @return whether a table was removed
   */
  public boolean unregister(TenantId tenant, TableRef table) {
    String namespace = namespace(tenant);
    SparkDialect dialect = SparkDialect.forNamespace(namespace);
    if (!exists(namespace, dialect, table)) {
      return false;
    }
    dropQuietly(dialect.table(table));
    return true;
  }

  private void dropQuietly(String target) {
    try {
      spark.sql("DROP VIEW IF EXISTS " + target);
    } catch (Exception ignored) { // AnalysisException included
      // a table of that name, not a view: dropped below
    }
    try {
      spark.sql("DROP TABLE IF EXISTS " + target);
    } catch (Exception ignored) { // AnalysisException included
      // nothing left to drop
    }
  }

  /**
   * Refused: ad-hoc SQL stays on the DuckDB engine, whose guard can confine it to the tenant.
   *
   * @throws UdbException always, with {@link ErrorCode#ENGINE_OPERATION_UNSUPPORTED}
   */
  @Override
  public QueryResult query(TenantId tenant, String sql, QueryOptions options) {
    throw new UdbException(
        ErrorCode.ENGINE_OPERATION_UNSUPPORTED,
        "Ad-hoc SQL is not available on the Spark engine: use profiles, checks, drift and KPIs,"
            + " or query the data on the cluster directly");
  }

  @Override
  public List<TableInfo> listTables(TenantId tenant) {
    String namespace = namespace(tenant);
    if (!spark.catalog().databaseExists(namespace)) {
      return List.of();
    }
    SparkDialect dialect = SparkDialect.forNamespace(namespace);
    List<TableInfo> tables = new ArrayList<>();
    for (Row row :
        spark.sql("SHOW TABLES IN " + dialect.quoteIdentifier(namespace)).collectAsList()) {
      if (row.getAs("isTemporary") instanceof Boolean temporary && temporary) {
        continue;
      }
      tables.add(describe(namespace, dialect, row.getAs("tableName")));
    }
    tables.sort(Comparator.comparing(TableInfo::name));
    return tables;
  }

  @Override
  public Optional<TableInfo> describe(TenantId tenant, TableRef table) {
    String namespace = namespace(tenant);
    SparkDialect dialect = SparkDialect.forNamespace(namespace);
    if (!exists(namespace, dialect, table)) {
      return Optional.empty();
    }
    return Optional.of(describe(namespace, dialect, table.name()));
  }

  private boolean exists(String namespace, SparkDialect dialect, TableRef table) {
    return spark.catalog().databaseExists(namespace)
        && spark.catalog().tableExists(dialect.table(table));
  }

  private TableInfo describe(String namespace, SparkDialect dialect, String name) {
    String target = dialect.table(TableRef.of(name));
    try {
      List<ColumnInfo> columns = new ArrayList<>();
      for (StructField field : spark.table(target).schema().fields()) {
        columns.add(new ColumnInfo(field.name(), SparkTypes.name(field.dataType())));
      }
      long rows = spark.sql("SELECT count(*) FROM " + target).first().getLong(0);
      return new TableInfo(name, rows, columns);
    } catch (Exception e) { // AnalysisException included
      // a registered dataset whose files moved or vanished: name it, so it can be fixed
      throw new UdbException(
          ErrorCode.ENGINE_ERROR,
          "Table '"
              + name
              + "' of namespace '"
              + namespace
              + "' cannot be read; register it again or unregister it: "
              + SparkSqlSession.firstLine(e),
          e);
    }
  }

  @Override
  public SparkSqlSession openSession(TenantId tenant) {
    String namespace = namespace(tenant);
    return new SparkSqlSession(spark, SparkDialect.forNamespace(namespace), namespace, watches);
  }

  /** Stops the Spark session when the engine started it. */
  @Override
  public void close() {
    watches.shutdownNow();
    if (ownsSession) {
      spark.stop();
    }
  }

  private static String qualified(SparkDialect dialect, String name) {
    return java.util.Arrays.stream(name.split("\\."))
        .map(String::trim)
        .map(dialect::quoteIdentifier)
        .collect(Collectors.joining("."));
  }

  private static String options(Map<String, String> options) {
    if (options.isEmpty()) {
      return "";
    }
    return " OPTIONS ("
        + options.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "'" + e.getKey() + "' " + literal(e.getValue()))
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** A Spark string literal: backslashes and quotes escaped, as Spark unescapes them. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}

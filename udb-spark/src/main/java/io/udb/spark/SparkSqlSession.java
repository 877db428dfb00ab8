package io.udb.spark;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.engine.InterruptWatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * A session for UDB's generated SQL on one tenant's Spark namespace. Statements use {@code ?}
 * positional parameters, bound by Spark as literals; tables are named through the session's
 * dialect, which qualifies them with the tenant's namespace. Results are collected to the driver,
 * so callers run aggregates, as they do on every engine.
 *
 * <p>A statement's Spark jobs carry a tag of their own; when the calling thread is interrupted (a
 * UDB job being cancelled is), they are interrupted on the cluster by that tag and the call fails
 * with {@link ErrorCode#JOB_CANCELLED}, instead of running on after their caller gave up.
 */
public final class SparkSqlSession implements SqlSession {
  private final SparkSession spark;
  private final SparkDialect dialect;
  private final String namespace;
  private final ScheduledExecutorService watches;

  SparkSqlSession(
      SparkSession spark,
      SparkDialect dialect,
      String namespace,
      ScheduledExecutorService watches) {
    this.spark = spark;
    this.dialect = dialect;
    this.namespace = namespace;
    this.watches = watches;
  }

  @Override
  public SqlDialect dialect() {
    return dialect;
  }

  /** The Spark database holding the tenant's tables. */
  public String namespace() {
    return namespace;
  }

  /** The Spark session this session runs on, for engine-specific code in this module. */
  SparkSession spark() {
    return spark;
  }

  @Override
  public QueryResult query(String sql, List<?> parameters) {
    long start = System.nanoTime();
    Watch watch = watch();
    try {
      Dataset<Row> frame = run(sql, parameters);
      StructField[] fields = frame.schema().fields();
      List<ColumnInfo> columns = new ArrayList<>(fields.length);
      for (StructField field : fields) {
        columns.add(new ColumnInfo(field.name(), SparkTypes.name(field.dataType())));
      }
      List<List<Object>> rows = new ArrayList<>();
      for (Row row : frame.collectAsList()) {
        List<Object> values = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
          values.add(SparkValues.toJsonCompatible(row.get(i)));
        }
        rows.add(values);
      }
      return new QueryResult(
          columns, rows, rows.size(), false, (System.nanoTime() - start) / 1_000_000);
    } catch (UdbException e) {
      throw e;
    } catch (Exception e) { // Spark's AnalysisException is a checked exception in Java terms
      throw watch.failure("Internal Spark query failed: ", e);
    } finally {
      watch.close();
    }
  }

  /** From Spark's catalog, whose table names ignore case. */
  @Override
  public List<ColumnInfo> columns(TableRef table) {
    String target = dialect.table(table);
    try {
      if (!spark.catalog().databaseExists(namespace) || !spark.catalog().tableExists(target)) {
        return List.of();
      }
      List<ColumnInfo> columns = new ArrayList<>();
      for (StructField field : spark.table(target).schema().fields()) {
        columns.add(new ColumnInfo(field.name(), SparkTypes.name(field.dataType())));
      }
      return List.copyOf(columns);
    } catch (Exception e) { // AnalysisException included: a registered path that vanished
      throw new UdbException(
          ErrorCode.ENGINE_ERROR,
          "Cannot read the columns of table '" + table.name() + "': " + firstLine(e),
          e);
    }
  }

  @Override
  public long execute(String sql, List<?> parameters) {
    Watch watch = watch();
    try {
      run(sql, parameters).collectAsList();
      return -1;
    } catch (Exception e) { // Spark's AnalysisException is a checked exception in Java terms
      throw watch.failure("Internal Spark statement failed: ", e);
    } finally {
      watch.close();
    }
  }

  /** Tags the calling thread's Spark jobs and interrupts them once the thread is interrupted. */
  private Watch watch() {
    String tag = "udb-" + UUID.randomUUID();
    spark.addTag(tag);
    return new Watch(tag, InterruptWatch.start(watches, () -> spark.interruptTag(tag)));
  }

  /** One statement's tag and the watch that interrupts its jobs. */
  private final class Watch {
    private final String tag;
    private final InterruptWatch interrupts;

    Watch(String tag, InterruptWatch interrupts) {
      this.tag = tag;
      this.interrupts = interrupts;
    }

    /**
     * The error of a failed statement: {@link ErrorCode#JOB_CANCELLED} when its thread was
     * interrupted (Spark's wait may have thrown on the interrupt and cleared it, so its jobs are
     * interrupted here and the flag is set again), else an engine error.
     */
    UdbException failure(String what, Exception e) {
      if (Thread.currentThread().isInterrupted() || causedByInterrupt(e) || interrupts.stopped()) {
        interrupts.stop();
        Thread.currentThread().interrupt();
        return new UdbException(
            ErrorCode.JOB_CANCELLED, "The Spark statement was stopped: its job was cancelled", e);
      }
      return new UdbException(ErrorCode.ENGINE_ERROR, what + firstLine(e), e);
    }

    void close() {
      interrupts.close();
      spark.removeTag(tag);
    }
  }

  private static boolean causedByInterrupt(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  private Dataset<Row> run(String sql, List<?> parameters) {
    if (parameters.isEmpty()) {
      return spark.sql(sql);
    }
    // Spark binds positional markers out of text order in VALUES lists of three or more rows and
    // in unions of three or more queries; named markers bind by name
    Map<String, Object> args = new HashMap<>();
    for (int i = 0; i < parameters.size(); i++) {
      args.put(SparkParameters.name(i), SparkParameters.bindable(parameters.get(i)));
    }
    return spark.sql(SparkParameters.named(sql), args);
  }

  @Override
  public void close() {
    // nothing is held per session: Spark schedules every statement on the shared SparkSession
  }

  static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

package io.udb.ingest.connection;

import io.udb.api.TenantId;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.SyncMode;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A test-only {@link RecordLoader}: creates the tenant table from the given schema and inserts the
 * rows with bound parameters in batches. FULL replaces the table, INCREMENTAL appends to it. No
 * rejects, no atomic swap: the real loader does that; this one lets connector tests see exactly
 * what a connector produced.
 */
public final class TestRecordLoader implements RecordLoader {
  private static final int BATCH = 200;

  private final DataBox box;
  private final TenantId tenant;
  private final SyncMode mode;
  private final List<String> streamsLoaded = Collections.synchronizedList(new ArrayList<>());

  /**
   * A loader.
   *
   * @param box the box
   * @param tenant the tenant whose tables are written
   * @param mode FULL replaces tables, INCREMENTAL appends
   */
  public TestRecordLoader(DataBox box, TenantId tenant, SyncMode mode) {
    this.box = box;
    this.tenant = tenant;
    this.mode = mode;
  }

  /** The streams loaded so far, in order. */
  public List<String> streamsLoaded() {
    return List.copyOf(streamsLoaded);
  }

  @Override
  public LoadResult loadRows(String stream, List<ColumnInfo> schema, Iterator<List<Object>> rows) {
    try (SqlSession session = box.openSession(tenant)) {
      String table = session.dialect().quoteIdentifier(stream);
      if (mode == SyncMode.FULL) {
        session.execute("DROP TABLE IF EXISTS " + table, List.of());
      }
      List<String> columns = new ArrayList<>();
      for (ColumnInfo column : schema) {
        columns.add(session.dialect().quoteIdentifier(column.name()) + " " + column.type());
      }
      session.execute(
          "CREATE TABLE IF NOT EXISTS " + table + " (" + String.join(", ", columns) + ")",
          List.of());
      String tuple = "(" + String.join(", ", Collections.nCopies(schema.size(), "?")) + ")";
      long count = 0;
      List<Object> parameters = new ArrayList<>();
      int inBatch = 0;
      while (rows.hasNext()) {
        List<Object> row = rows.next();
        if (row.size() != schema.size()) {
          throw new IllegalStateException(
              "Row of " + row.size() + " values for " + schema.size() + " columns");
        }
        parameters.addAll(row);
        inBatch++;
        count++;
        if (inBatch == BATCH) {
          insert(session, table, tuple, inBatch, parameters);
          parameters.clear();
          inBatch = 0;
        }
      }
      if (inBatch > 0) {
        insert(session, table, tuple, inBatch, parameters);
      }
      streamsLoaded.add(stream);
      return new LoadResult(stream, count, count, 0, describe(session, stream));
    }
  }

  private static void insert(
      SqlSession session, String table, String tuple, int rows, List<Object> parameters) {
    session.execute(
        "INSERT INTO " + table + " VALUES " + String.join(", ", Collections.nCopies(rows, tuple)),
        parameters);
  }

  @Override
  public LoadResult loadFile(String stream, Path file, String format, Map<String, String> options) {
    String reader =
        switch (format) {
          case "csv" -> "read_csv(?, header = true, auto_detect = true)";
          case "json", "ndjson" -> "read_json(?)";
          case "parquet" -> "read_parquet(?)";
          default -> throw new IllegalArgumentException("Unknown format " + format);
        };
    try (SqlSession session = box.openSession(tenant)) {
      String table = session.dialect().quoteIdentifier(stream);
      if (mode == SyncMode.FULL) {
        session.execute("DROP TABLE IF EXISTS " + table, List.of());
        session.execute(
            "CREATE TABLE " + table + " AS SELECT * FROM " + reader, List.of(file.toString()));
      } else {
        session.execute(
            "INSERT INTO " + table + " SELECT * FROM " + reader, List.of(file.toString()));
      }
      QueryResult count = session.query("SELECT count(*) FROM " + table, List.of());
      long rows = ((Number) count.rows().get(0).get(0)).longValue();
      streamsLoaded.add(stream);
      return new LoadResult(stream, rows, rows, 0, describe(session, stream));
    }
  }

  @Override
  public Path spoolDirectory() {
    return ((DuckDbEngine) box.engine()).spoolDirectory(tenant);
  }

  private static List<ColumnInfo> describe(SqlSession session, String stream) {
    QueryResult described =
        session.query("DESCRIBE " + session.dialect().quoteIdentifier(stream), List.of());
    return described.rows().stream()
        .map(r -> new ColumnInfo((String) r.get(0), (String) r.get(1)))
        .toList();
  }
}

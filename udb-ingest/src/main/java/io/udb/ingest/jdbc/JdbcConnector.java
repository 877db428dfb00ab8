package io.udb.ingest.jdbc;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.job.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads tables, views and configured queries of any database with a JDBC driver on the class path.
 *
 * <p>Streams are the tables and views of the configured (or the connection's own) catalog and
 * schema, plus the queries configured as {@code streams.<name>.query}. A stream with a cursor
 * column ({@code streams.<name>.cursor-field}) can be read incrementally: {@code WHERE cursor > ?
 * ORDER BY cursor}, with the last cursor value saved as the stream's state. Result sets are
 * streamed ({@code fetch-size} rows per round trip, autocommit off as PostgreSQL requires) in a
 * read-only transaction that is rolled back at the end, so a query stream cannot change the source.
 * Column types are mapped by {@link JdbcTypeMapping}. The password comes from the secret reference
 * {@code password}; messages never contain it.
 *
 * <p>Thread-safe and stateless.
 */
public final class JdbcConnector implements Connector {
  /** The connector's name. */
  public static final String NAME = "jdbc";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcConnector.class);
  private static final String[] TABLE_TYPES = {"TABLE", "VIEW"};
  private static final String QUERY_ALIAS = "udb_q";

  private final JdbcPolicy policy;
  private final String schema;

  /** A connector with {@link JdbcPolicy#defaults()}. */
  public JdbcConnector() {
    this(JdbcPolicy.defaults());
  }

  /**
   * A connector.
   *
   * @param policy which drivers tenants may use
   */
  public JdbcConnector(JdbcPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.schema = resource("jdbc.schema.json");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String configurationSchema() {
    return schema;
  }

  @Override
  public ConnectionCheck test(ConnectorConfig config) {
    JdbcSettings settings;
    try {
      settings = JdbcSettings.of(config);
    } catch (UdbException e) {
      return new ConnectionCheck(false, e.getMessage());
    }
    try (Connection connection = open(settings)) {
      DatabaseMetaData meta = connection.getMetaData();
      if (!connection.isValid(10)) {
        return new ConnectionCheck(
            false, "Connected to " + settings.displayUrl() + " but the connection is not usable");
      }
      return new ConnectionCheck(
          true,
          "Connected to "
              + meta.getDatabaseProductName()
              + " "
              + meta.getDatabaseProductVersion()
              + " at "
              + settings.displayUrl()
              + (settings.user() == null ? "" : " as " + settings.user()));
    } catch (UdbException e) {
      return new ConnectionCheck(false, e.getMessage());
    } catch (SQLException e) {
      return new ConnectionCheck(
          false,
          "Cannot connect to " + settings.displayUrl() + ": " + JdbcErrors.describe(e, settings));
    }
  }

  @Override
  public List<StreamInfo> discover(ConnectorConfig config) {
    JdbcSettings settings = JdbcSettings.of(config);
    try (Connection connection = open(settings)) {
      prepareForReading(connection);
      try {
        Source source = new Source(connection, settings);
        List<StreamInfo> streams = new ArrayList<>();
        for (SourceStream stream : source.allStreams()) {
          List<ColumnInfo> columns = new ArrayList<>();
          for (JdbcColumn column : source.probe(stream)) {
            columns.add(new ColumnInfo(column.name(), JdbcTypeMapping.duckDbType(column)));
          }
          streams.add(
              new StreamInfo(
                  stream.name(),
                  columns,
                  stream.cursorField() == null
                      ? Set.of(SyncMode.FULL)
                      : Set.of(SyncMode.FULL, SyncMode.INCREMENTAL),
                  stream.cursorField()));
        }
        return streams;
      } finally {
        rollbackQuietly(connection);
      }
    } catch (SQLException e) {
      throw JdbcErrors.failure("Cannot discover " + settings.displayUrl(), e, settings);
    }
  }

  @Override
  public SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader) {
    JdbcSettings settings = JdbcSettings.of(config);
    JobContext job = request.job();
    job.throwIfCancelled();
    try (Connection connection = open(settings)) {
      prepareForReading(connection);
      try {
        Source source = new Source(connection, settings);
        List<SourceStream> streams =
            request.streams().isEmpty()
                ? source.allStreams()
                : request.streams().stream().map(source::stream).toList();
        List<LoadResult> loads = new ArrayList<>();
        Map<String, String> state = new LinkedHashMap<>();
        for (int i = 0; i < streams.size(); i++) {
          job.throwIfCancelled();
          SourceStream stream = streams.get(i);
          StreamRead read =
              readStream(
                  source, stream, request, loader, new Progress(job, i, streams.size()), settings);
          loads.add(read.load());
          if (read.cursor() != null) {
            state.put(stream.name(), read.cursor());
          } else if (request.state().containsKey(stream.name())) {
            state.put(stream.name(), request.state().get(stream.name()));
          }
          job.progress((i + 1) / (double) streams.size());
        }
        return new SyncResult(loads, state);
      } finally {
        rollbackQuietly(connection);
      }
    } catch (SQLException e) {
      throw JdbcErrors.failure("Cannot read " + settings.displayUrl(), e, settings);
    }
  }

  private StreamRead readStream(
      Source source,
      SourceStream stream,
      SyncRequest request,
      RecordLoader loader,
      Progress progress,
      JdbcSettings settings)
      throws SQLException {
    String previous =
        request.mode() == SyncMode.INCREMENTAL ? request.state().get(stream.name()) : null;
    if (request.mode() == SyncMode.INCREMENTAL && stream.cursorField() == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Stream '"
              + stream.name()
              + "' has no cursor column; set streams."
              + stream.name()
              + ".cursor-field or sync it in FULL mode");
    }
    JdbcColumn cursor = null;
    if (stream.cursorField() != null) {
      cursor = source.cursorColumn(stream);
    }
    StringBuilder sql = new StringBuilder("SELECT * FROM ").append(stream.from());
    List<Object> parameters = new ArrayList<>();
    if (cursor != null) {
      String quoted = source.quote(cursor.name());
      if (previous != null) {
        sql.append(" WHERE ").append(quoted).append(" > ?");
        parameters.add(
            JdbcValues.parseCursor(stream.name(), previous, JdbcTypeMapping.duckDbType(cursor)));
      }
      sql.append(" ORDER BY ").append(quoted);
    }
    LOG.info(
        "Reading stream {} of {} ({}{})",
        stream.name(),
        settings.displayUrl(),
        request.mode(),
        previous == null ? "" : " after the saved cursor");
    try (PreparedStatement statement =
        source.connection.prepareStatement(
            sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      statement.setFetchSize(settings.fetchSize());
      if (!settings.queryTimeout().isZero()) {
        statement.setQueryTimeout((int) Math.max(1, settings.queryTimeout().toSeconds()));
      }
      for (int p = 0; p < parameters.size(); p++) {
        statement.setObject(p + 1, parameters.get(p));
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<JdbcColumn> columns = JdbcColumn.of(rows.getMetaData());
        int cursorIndex = cursor == null ? -1 : indexOf(columns, cursor.name());
        RowIterator iterator =
            new RowIterator(rows, columns, cursorIndex, progress, settings, stream.name());
        List<ColumnInfo> schema =
            columns.stream()
                .map(c -> new ColumnInfo(c.name(), JdbcTypeMapping.duckDbType(c)))
                .toList();
        LoadResult load = loader.loadRows(stream.name(), schema, iterator);
        String last = iterator.lastCursor();
        LOG.info("Stream {}: {} rows read", stream.name(), iterator.rowsRead());
        return new StreamRead(load, last != null ? last : previous);
      }
    } catch (SQLException e) {
      throw JdbcErrors.failure("Cannot read stream '" + stream.name() + "'", e, settings);
    }
  }

  private static int indexOf(List<JdbcColumn> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new UdbException(
        ErrorCode.CONFIG_INVALID, "The cursor column '" + name + "' is missing from the result");
  }

  private Connection open(JdbcSettings settings) throws SQLException {
    policy.check(settings.subprotocol());
    Driver driver;
    try {
      driver = DriverManager.getDriver(settings.url());
    } catch (SQLException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "No JDBC driver on the class path accepts URLs of type 'jdbc:"
              + settings.subprotocol()
              + ":'; add the driver's jar to the application");
    }
    Connection connection = driver.connect(settings.url(), settings.connectionProperties());
    if (connection == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "The JDBC driver refused the URL " + settings.displayUrl());
    }
    return connection;
  }

  /**
   * A read-only transaction, rolled back after use: PostgreSQL streams result sets only with
   * autocommit off, and a query stream must not be able to change the source.
   */
  private static void prepareForReading(Connection connection) throws SQLException {
    try {
      connection.setReadOnly(true);
    } catch (SQLException e) {
      LOG.debug("The driver does not support read-only connections: {}", e.getMessage());
    }
    connection.setAutoCommit(false);
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // Only reads happened; closing the connection ends the transaction anyway.
      LOG.debug("Rollback of the read-only transaction failed: {}", e.getMessage());
    }
  }

  private static String resource(String name) {
    try (InputStream in = JdbcConnector.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result of reading one stream. */
  private record StreamRead(LoadResult load, String cursor) {}

  /** A readable stream: a table or a query, with its optional cursor column. */
  private record SourceStream(String name, String from, String cursorField) {}

  /** Reports progress of one stream among several; called from the job's thread. */
  private record Progress(JobContext job, int index, int count) {
    void rows(long rowsRead, int batch) {
      job.throwIfCancelled();
      // The row count is unknown without an extra scan of the source, so a stream's share
      // approaches, but never reaches, its end until the stream is done.
      double within = rowsRead / (rowsRead + 10.0 * batch);
      job.progress((index + within) / count);
    }
  }

  /** The source database's streams, quoting and metadata, on one open connection. */
  private static final class Source {
    private final Connection connection;
    private final JdbcSettings settings;
    private final DatabaseMetaData meta;
    private final String quote;
    private final String catalog;
    private final String schema;
    private final Map<String, List<JdbcColumn>> probed = new HashMap<>();

    Source(Connection connection, JdbcSettings settings) throws SQLException {
      this.connection = connection;
      this.settings = settings;
      this.meta = connection.getMetaData();
      String q = meta.getIdentifierQuoteString();
      this.quote = q == null || q.isBlank() ? "\"" : q.strip();
      this.catalog = settings.catalog() != null ? settings.catalog() : connection.getCatalog();
      this.schema = settings.schema() != null ? settings.schema() : currentSchema(connection);
    }

    private static String currentSchema(Connection connection) {
      try {
        return connection.getSchema();
      } catch (SQLException | AbstractMethodError e) {
        return null;
      }
    }

    String quote(String identifier) {
      return quote + identifier.replace(quote, quote + quote) + quote;
    }

    List<SourceStream> allStreams() throws SQLException {
      Map<String, SourceStream> streams = new LinkedHashMap<>();
      for (String table : tables(null)) {
        streams.put(table, new SourceStream(table, qualified(table), null));
      }
      for (JdbcSettings.StreamSettings configured : settings.streams().values()) {
        streams.put(configured.name(), configured(configured));
      }
      return List.copyOf(streams.values());
    }

    SourceStream stream(String name) {
      JdbcSettings.StreamSettings configured = settings.streams().get(name);
      if (configured != null) {
        return configured(configured);
      }
      try {
        if (!tables(name).isEmpty()) {
          return new SourceStream(name, qualified(name), null);
        }
        List<String> available = new ArrayList<>(settings.streams().keySet());
        available.addAll(tables(null));
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Unknown stream '" + name + "'; available: " + available.stream().sorted().toList());
      } catch (SQLException e) {
        throw JdbcErrors.failure("Cannot list the tables", e, settings);
      }
    }

    private SourceStream configured(JdbcSettings.StreamSettings configured) {
      String from =
          configured.query() != null
              ? "(" + configured.query() + ") " + QUERY_ALIAS
              : qualified(configured.table());
      return new SourceStream(configured.name(), from, configured.cursorField());
    }

    /** The table and view names in scope, or only {@code only} when it is one of them. */
    private List<String> tables(String only) throws SQLException {
      String escape = meta.getSearchStringEscape();
      List<String> names = new ArrayList<>();
      try (ResultSet rows =
          meta.getTables(
              catalog,
              schema == null ? null : escapePattern(schema, escape),
              only == null ? "%" : escapePattern(only, escape),
              TABLE_TYPES)) {
        while (rows.next()) {
          String name = rows.getString("TABLE_NAME");
          if (settings.tables().isEmpty() || settings.tables().contains(name)) {
            names.add(name);
          }
        }
      }
      return names.stream().filter(n -> only == null || n.equals(only)).sorted().toList();
    }

    private static String escapePattern(String name, String escape) {
      if (escape == null || escape.isEmpty()) {
        return name;
      }
      return name.replace(escape, escape + escape)
          .replace("_", escape + "_")
          .replace("%", escape + "%");
    }

    private String qualified(String table) {
      try {
        if (schema != null) {
          return quote(schema) + "." + quote(table);
        }
        if (catalog != null && meta.supportsCatalogsInDataManipulation()) {
          String separator = meta.getCatalogSeparator();
          return quote(catalog)
              + (separator == null || separator.isEmpty() ? "." : separator)
              + quote(table);
        }
        return quote(table);
      } catch (SQLException e) {
        throw JdbcErrors.failure("Cannot read the database's metadata", e, settings);
      }
    }

    /** The stream's columns, from a query that returns no rows. */
    List<JdbcColumn> probe(SourceStream stream) throws SQLException {
      List<JdbcColumn> known = probed.get(stream.name());
      if (known != null) {
        return known;
      }
      try (PreparedStatement statement =
              connection.prepareStatement("SELECT * FROM " + stream.from() + " WHERE 1 = 0");
          ResultSet rows = statement.executeQuery()) {
        List<JdbcColumn> columns = JdbcColumn.of(rows.getMetaData());
        probed.put(stream.name(), columns);
        return columns;
      } catch (SQLException e) {
        throw JdbcErrors.failure("Cannot describe stream '" + stream.name() + "'", e, settings);
      }
    }

    JdbcColumn cursorColumn(SourceStream stream) throws SQLException {
      List<JdbcColumn> columns = probe(stream);
      for (JdbcColumn column : columns) {
        if (column.name().equals(stream.cursorField())) {
          return column;
        }
      }
      for (JdbcColumn column : columns) {
        if (column.name().equalsIgnoreCase(stream.cursorField())) {
          return column;
        }
      }
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The cursor-field '"
              + stream.cursorField()
              + "' of stream '"
              + stream.name()
              + "' is not one of its columns "
              + columns.stream().map(JdbcColumn::name).toList());
    }
  }

  /**
   * Streams the rows of a result set into the loader, checking for cancellation and reporting
   * progress after every batch of {@code fetch-size} rows.
   */
  private static final class RowIterator implements java.util.Iterator<List<Object>> {
    private final ResultSet rows;
    private final List<JdbcColumn> columns;
    private final List<String> types;
    private final int cursorIndex;
    private final Progress progress;
    private final JdbcSettings settings;
    private final String stream;
    private boolean fetched;
    private boolean hasNext;
    private long rowsRead;
    private Object lastCursor;

    RowIterator(
        ResultSet rows,
        List<JdbcColumn> columns,
        int cursorIndex,
        Progress progress,
        JdbcSettings settings,
        String stream) {
      this.rows = rows;
      this.columns = columns;
      this.types = columns.stream().map(JdbcTypeMapping::duckDbType).toList();
      this.cursorIndex = cursorIndex;
      this.progress = progress;
      this.settings = settings;
      this.stream = stream;
    }

    @Override
    public boolean hasNext() {
      if (!fetched) {
        try {
          hasNext = rows.next();
        } catch (SQLException e) {
          throw JdbcErrors.failure("Cannot read stream '" + stream + "'", e, settings);
        }
        fetched = true;
      }
      return hasNext;
    }

    @Override
    public List<Object> next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      fetched = false;
      List<Object> row = new ArrayList<>(columns.size());
      try {
        for (int i = 0; i < columns.size(); i++) {
          row.add(JdbcValues.read(rows, i + 1, types.get(i)));
        }
      } catch (SQLException | RuntimeException e) {
        String message =
            e instanceof SQLException sql
                ? JdbcErrors.describe(sql, settings)
                : e.getClass().getSimpleName();
        throw new UdbException(
            ErrorCode.INGEST_BAD_FORMAT,
            "Cannot read row " + (rowsRead + 1) + " of stream '" + stream + "': " + message,
            e);
      }
      if (cursorIndex >= 0 && row.get(cursorIndex) != null) {
        lastCursor = row.get(cursorIndex);
      }
      rowsRead++;
      if (rowsRead % settings.fetchSize() == 0) {
        progress.rows(rowsRead, settings.fetchSize());
      }
      return row;
    }

    long rowsRead() {
      return rowsRead;
    }

    String lastCursor() {
      return lastCursor == null ? null : JdbcValues.cursorText(lastCursor);
    }
  }
}

package io.udb.ingest.file;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.TableRef;
import io.udb.core.observe.UdbMetrics;
import io.udb.ingest.document.DocumentIngest;
import io.udb.ingest.document.DocumentParser;
import io.udb.ingest.document.DocumentSettings;
import io.udb.ingest.load.LoadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Documents as a source: the files a connection's {@code path} (a file or glob) matches inside the
 * folder the deployment allows ({@code connector.documents.allowed-base}; {@code {tenant}} in it
 * stands for the connection's tenant) are extracted with Apache Tika and cut into fragments of one
 * table, the connection's single stream ({@code table}, default {@code documents}; columns {@link
 * DocumentIngest#SCHEMA}). Syncs are full: each replaces (or, with {@code mode=append}, appends to)
 * the table atomically. Limits come from the connector's settings ({@code
 * connector.documents.max-input-bytes}, ... as in {@link DocumentSettings}).
 *
 * <p>Thread-safe; Tika's parsers are loaded at the first sync.
 */
public final class DocumentConnector implements Connector {
  /** The connector's name. */
  public static final String NAME = "documents";

  private static final Set<String> KEYS =
      Set.of("path", "table", LoadOptions.MODE, "fragment-size", "fragment-overlap");

  private final Path allowedBase;
  private final DocumentSettings settings;
  private final Clock clock;
  private final String schema;
  private volatile DocumentIngest ingest;

  /**
   * Creates the connector.
   *
   * @param allowedBase the folder connections may read from, or {@code null} for none
   * @param settings the limits and default fragmenting
   * @param clock the time of {@code ingested_at}
   */
  public DocumentConnector(Path allowedBase, DocumentSettings settings, Clock clock) {
    this.allowedBase = allowedBase == null ? null : allowedBase.toAbsolutePath().normalize();
    this.settings = settings;
    this.clock = clock;
    this.schema = loadSchema();
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
    try {
      List<Path> files = files(config);
      return new ConnectionCheck(
          true, files.size() + (files.size() == 1 ? " document matches" : " documents match"));
    } catch (UdbException e) {
      return new ConnectionCheck(false, e.getMessage());
    }
  }

  @Override
  public List<StreamInfo> discover(ConnectorConfig config) {
    files(config);
    return List.of(
        new StreamInfo(
            table(config.settings()), DocumentIngest.SCHEMA, Set.of(SyncMode.FULL), null));
  }

  @Override
  public SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader) {
    List<Path> files = files(config);
    Settings s = config.settings();
    String table = table(s);
    if (!request.streams().isEmpty() && !request.streams().equals(List.of(table))) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "A documents connection has the one stream '" + table + "', not " + request.streams());
    }
    DocumentSettings own = fragmenting(s);
    Path base = AllowedPaths.forTenant(allowedBase, config, setting());
    List<DocumentIngest.Source> sources =
        files.stream().map(f -> new DocumentIngest.Source(f, sourceName(base, f))).toList();
    DocumentIngest.Report report =
        ingest()
            .load(
                request.job().tenant(),
                loader,
                table,
                sources,
                Map.of(LoadOptions.MODE, s.getString(LoadOptions.MODE, "replace")),
                own,
                request.job()::isCancelled);
    return new SyncResult(List.of(report.load()), Map.of());
  }

  private List<Path> files(ConnectorConfig config) {
    Settings s = config.settings();
    for (String key : s.keys()) {
      if (!KEYS.contains(key) && !key.equals(FileConnector.TENANT_KEY)) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID, "Unknown setting '" + key + "' of the documents connector");
      }
    }
    String mode = s.getString(LoadOptions.MODE, "replace");
    if (!mode.equals("replace") && !mode.equals("append")) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Setting 'mode' must be replace or append");
    }
    table(s);
    fragmenting(s);
    return AllowedPaths.resolve(
        AllowedPaths.forTenant(allowedBase, config, setting()), s.requireString("path"), setting());
  }

  private DocumentSettings fragmenting(Settings s) {
    return settings.withFragments(
        s.getInt("fragment-size", settings.fragmentSize()),
        s.getInt("fragment-overlap", settings.fragmentOverlap()));
  }

  private static String table(Settings s) {
    String table = s.getString("table", "documents");
    try {
      TableRef.of(table);
    } catch (UdbException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Setting 'table' is not a valid table name: " + e.getMessage());
    }
    return table;
  }

  /** A document's name in the table: its path inside the allowed folder. */
  private static String sourceName(Path base, Path file) {
    try {
      Path root = base.toRealPath();
      return file.startsWith(root)
          ? root.relativize(file).toString()
          : file.getFileName().toString();
    } catch (IOException e) {
      return file.getFileName().toString();
    }
  }

  private DocumentIngest ingest() {
    DocumentIngest current = ingest;
    if (current == null) {
      synchronized (this) {
        current = ingest;
        if (current == null) {
          // Connectors get no metrics registry; TenantLoader counts the rows of every load.
          current = new DocumentIngest(new DocumentParser(settings), UdbMetrics.noop(), clock);
          ingest = current;
        }
      }
    }
    return current;
  }

  private static String setting() {
    return "connector." + NAME + "." + FileConnector.ALLOWED_BASE;
  }

  private static String loadSchema() {
    String resource = "/io/udb/ingest/file/documents-connector.schema.json";
    try (InputStream in = DocumentConnector.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

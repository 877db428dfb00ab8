package io.udb.ingest.file;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
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
import io.udb.ingest.load.FileFormat;
import io.udb.ingest.load.FileSchemas;
import io.udb.ingest.load.LoadMode;
import io.udb.ingest.load.LoadOptions;
import io.udb.ingest.load.SpoolFiles;
import io.udb.ingest.load.TenantLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files as a source: CSV/TSV, JSON/NDJSON or Parquet files named by a path or glob inside the
 * folder the deployment allows ({@code connector.<name>.allowed-base}; {@code {tenant}} in it
 * stands for the connection's tenant, giving each tenant a folder of its own). Each file is a
 * stream named after the file without its extensions; {@code read} loads it through the tenant's
 * {@link RecordLoader}, {@code discover} infers its schema in a private, locked-down DuckDB that
 * may read only that folder. An incremental sync reloads only files whose size or modification time
 * changed.
 *
 * <p>Thread-safe and stateless.
 */
public final class FileConnector implements Connector {
  /** The plugin setting naming the folder connections may read files from. */
  public static final String ALLOWED_BASE = "allowed-base";

  /** Settings UDB adds to a stored connection's own (e.g. its tenant); never reader options. */
  private static final String UDB_PREFIX = "udb.";

  private static final Set<String> COMMON = Set.of("path", LoadOptions.MODE, LoadOptions.KEYS);
  private static final Set<String> CSV_KEYS =
      Set.of(
          "delimiter",
          "quote",
          "escape",
          "header",
          "skip",
          "nullstr",
          "encoding",
          "compression",
          "comment",
          "names",
          "dateformat",
          "timestampformat",
          "decimal_separator",
          "all_varchar",
          "sample_size");
  private static final String LAYOUT = "layout";

  /** The tenant that stored connections add to every configuration; not a setting of ours. */
  static final String TENANT_KEY = io.udb.ingest.http.HttpConnector.TENANT_SETTING;

  private final String name;
  private final FileFormat format;
  private final Path allowedBase;
  private final String schema;

  /**
   * Creates a connector.
   *
   * @param name the connector's name ({@code csv}, {@code json} or {@code parquet})
   * @param format the format it reads
   * @param allowedBase the folder connections may read from, or {@code null} for none (every use
   *     then fails with {@code CONFIG_INVALID})
   */
  public FileConnector(String name, FileFormat format, Path allowedBase) {
    this.name = name;
    this.format = format;
    this.allowedBase = allowedBase == null ? null : allowedBase.toAbsolutePath().normalize();
    this.schema = loadSchema(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String configurationSchema() {
    return schema;
  }

  @Override
  public ConnectionCheck test(ConnectorConfig config) {
    try {
      List<Source> sources = sources(config);
      List<ColumnInfo> columns = infer(List.of(sources.get(0)), config).get(0).columns();
      return new ConnectionCheck(
          true,
          sources.size()
              + (sources.size() == 1 ? " file matches" : " files match")
              + "; "
              + sources.get(0).stream()
              + " has "
              + columns.size()
              + " columns");
    } catch (UdbException e) {
      return new ConnectionCheck(false, e.getMessage());
    }
  }

  @Override
  public List<StreamInfo> discover(ConnectorConfig config) {
    return infer(sources(config), config);
  }

  @Override
  public SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader) {
    List<Source> sources = sources(config);
    Map<String, String> options = loadOptions(config.settings());
    List<Source> selected = select(sources, request.streams());
    List<LoadResult> loads = new ArrayList<>();
    Map<String, String> state = new LinkedHashMap<>(request.state());
    for (Source source : selected) {
      request.job().throwIfCancelled();
      String version = version(source.file());
      if (request.mode() == SyncMode.INCREMENTAL && version.equals(state.get(source.stream()))) {
        continue;
      }
      SpoolFiles.Spooled spooled = SpoolFiles.place(source.file(), loader.spoolDirectory());
      try {
        Map<String, String> fileOptions = new HashMap<>(options);
        fileOptions.put(TenantLoader.SOURCE, source.file().getFileName().toString());
        loads.add(
            loader.loadFile(
                source.stream(),
                spooled.path(),
                formatOf(source, config.settings()).label(),
                fileOptions));
      } finally {
        if (spooled.owned()) {
          SpoolFiles.deleteQuietly(spooled.path());
        }
      }
      state.put(source.stream(), version);
    }
    return new SyncResult(loads, state);
  }

  /** A matched file and its stream name. */
  private record Source(String stream, Path file) {}

  private List<Source> sources(ConnectorConfig config) {
    Settings settings = config.settings();
    checkKeys(settings);
    List<Path> files =
        AllowedPaths.resolve(
            base(config), settings.requireString("path"), "connector." + name + "." + ALLOWED_BASE);
    Map<String, Path> byStream = new LinkedHashMap<>();
    for (Path file : files) {
      String stream = streamName(file);
      Path other = byStream.putIfAbsent(stream, file);
      if (other != null) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Two files give the stream '" + stream + "'; narrow 'path' so that names are unique");
      }
    }
    return byStream.entrySet().stream().map(e -> new Source(e.getKey(), e.getValue())).toList();
  }

  private void checkKeys(Settings settings) {
    for (String key : settings.keys()) {
      if (!COMMON.contains(key) && !readerKeys().contains(key) && !key.startsWith(UDB_PREFIX)) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Unknown setting '" + key + "' of the " + name + " connector");
      }
    }
    String layout = settings.getString(LAYOUT, "auto").toLowerCase(Locale.ROOT);
    if (!Set.of("auto", "lines", "document").contains(layout)) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Setting 'layout' must be auto, lines or document");
    }
    try {
      Map<String, String> load = loadOptions(settings);
      LoadOptions.defaults().merge(load);
      Map<String, String> reader = new HashMap<>(load);
      reader.remove(LoadOptions.MODE);
      reader.remove(LoadOptions.KEYS);
      TenantLoader.checkReaderOptions(format, reader, "x." + format.label());
    } catch (ConfigurationException e) {
      throw e;
    } catch (UdbException e) {
      throw new ConfigurationException(ErrorCode.CONFIG_INVALID, e.getMessage(), e);
    }
  }

  private Set<String> readerKeys() {
    return switch (format) {
      case CSV -> CSV_KEYS;
      case JSON, NDJSON -> Set.of("compression", LAYOUT);
      case PARQUET, DOCUMENT -> Set.of();
    };
  }

  /** The options handed to the loader: mode, keys and the reader options (without the layout). */
  private Map<String, String> loadOptions(Settings settings) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String key : settings.keys()) {
      if (!key.equals("path") && !key.equals(LAYOUT) && !key.startsWith(UDB_PREFIX)) {
        options.put(key, settings.raw(key).orElseThrow());
      }
    }
    if (options.containsKey(LoadOptions.MODE)) {
      LoadMode mode = LoadMode.parse(options.get(LoadOptions.MODE));
      options.put(LoadOptions.MODE, mode.label());
    }
    return options;
  }

  /**
   * The format a file is read in: a JSON connection reads {@code .ndjson}/{@code .jsonl} files line
   * by line unless its {@code layout} says {@code lines} or {@code document} for all.
   */
  private FileFormat formatOf(Source source, Settings settings) {
    if (format != FileFormat.JSON) {
      return format;
    }
    return switch (settings.getString(LAYOUT, "auto").toLowerCase(Locale.ROOT)) {
      case "lines" -> FileFormat.NDJSON;
      case "document" -> FileFormat.JSON;
      default ->
          FileFormat.fromFileName(source.file().getFileName().toString())
              .filter(f -> f == FileFormat.NDJSON)
              .orElse(FileFormat.JSON);
    };
  }

  private List<Source> select(List<Source> sources, List<String> streams) {
    if (streams.isEmpty()) {
      return sources;
    }
    List<Source> selected = new ArrayList<>();
    for (String stream : streams) {
      selected.add(
          sources.stream()
              .filter(s -> s.stream().equals(stream))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UdbException(
                          ErrorCode.INVALID_ARGUMENT,
                          "The connection has no stream '" + stream + "'")));
    }
    return selected;
  }

  private List<StreamInfo> infer(List<Source> sources, ConnectorConfig config) {
    Settings settings = config.settings();
    Map<String, String> reader = new HashMap<>(loadOptions(settings));
    reader.remove(LoadOptions.MODE);
    reader.remove(LoadOptions.KEYS);
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory("udb-discover-");
      List<StreamInfo> streams = new ArrayList<>();
      try (Connection connection =
          FileSchemas.restrictedConnection(List.of(base(config).toRealPath(), scratch))) {
        for (Source source : sources) {
          List<ColumnInfo> columns =
              FileSchemas.infer(
                  connection, source.file(), formatOf(source, settings), reader, scratch);
          streams.add(
              new StreamInfo(
                  source.stream(), columns, Set.of(SyncMode.FULL, SyncMode.INCREMENTAL), null));
        }
      } catch (SQLException e) {
        throw new UdbException(ErrorCode.ENGINE_ERROR, "Closing the file reader failed", e);
      }
      return streams;
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot create a scratch folder", e);
    } finally {
      deleteTree(scratch);
    }
  }

  /** The connection's allowed folder ({@code {tenant}} in the setting stands for its tenant). */
  private Path base(ConnectorConfig config) {
    return AllowedPaths.forTenant(allowedBase, config, "connector." + name + "." + ALLOWED_BASE);
  }

  /** The stream of a file: its name without the format's extensions. */
  static String streamName(Path file) {
    String fileName = file.getFileName().toString();
    String lower = fileName.toLowerCase(Locale.ROOT);
    int cut = lower.length();
    if (lower.endsWith(".gz")) {
      cut -= 3;
    }
    for (String extension :
        List.of(".csv", ".tsv", ".tab", ".txt", ".json", ".ndjson", ".jsonl", ".parquet", ".pq")) {
      if (lower.substring(0, cut).endsWith(extension)) {
        cut -= extension.length();
        break;
      }
    }
    return cut == 0 ? fileName : fileName.substring(0, cut);
  }

  private static String version(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file);
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot read " + file.getFileName(), e);
    }
  }

  private static String loadSchema(String name) {
    String resource = "/io/udb/ingest/file/" + name + "-connector.schema.json";
    try (InputStream in = FileConnector.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(SpoolFiles::deleteQuietly);
    } catch (IOException e) {
      // a temporary folder; the operating system cleans it eventually
    }
  }
}

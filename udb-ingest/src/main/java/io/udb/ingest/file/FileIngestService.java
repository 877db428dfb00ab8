package io.udb.ingest.file;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.ingest.document.DocumentIngest;
import io.udb.ingest.document.DocumentParser;
import io.udb.ingest.document.DocumentSettings;
import io.udb.ingest.load.FileFormat;
import io.udb.ingest.load.LoadContext;
import io.udb.ingest.load.LoadOptions;
import io.udb.ingest.load.LoadReport;
import io.udb.ingest.load.SpoolFiles;
import io.udb.ingest.load.TenantLoader;
import io.udb.security.authz.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * File ingest for host applications and the HTTP API: uploads and files become {@code ingest} jobs
 * whose result is {@code {"table","rowsRead","rowsLoaded","rowsRejected","columns":[{"name",
 * "type"}]}} (plus {@code format}, {@code mode}, {@code schemaChanges} and, when present, {@code
 * rejectsTable}, {@code skippedLines}). Loads go through {@link TenantLoader}: atomic, every record
 * accounted for, quotas enforced.
 *
 * <p>Documents ({@link FileFormat#DOCUMENT}: named so, or recognised by their extension, or, for a
 * name without a known extension, by Apache Tika's detector) are parsed and cut into fragments by
 * {@link DocumentIngest} and loaded the same atomic way; their job result is {@code {"table",
 * "documents","fragments"}}.
 *
 * <p>Thread-safe.
 */
public final class FileIngestService {
  private final DataBox box;
  private final IngestSettings settings;
  private final DocumentSettings documentSettings;
  private volatile DocumentIngest documents;

  /**
   * Creates the service with default limits.
   *
   * @param box the box; uploads of tenants another engine serves fail with
   *     ENGINE_OPERATION_UNSUPPORTED
   */
  public FileIngestService(DataBox box) {
    this(box, IngestSettings.defaults());
  }

  /**
   * Creates the service.
   *
   * @param box the box; uploads of tenants another engine serves fail with
   *     ENGINE_OPERATION_UNSUPPORTED
   * @param settings the deployment's limits
   */
  public FileIngestService(DataBox box, IngestSettings settings) {
    this(box, settings, DocumentSettings.defaults());
  }

  /**
   * Creates the service with document limits.
   *
   * @param box the box; uploads of tenants another engine serves fail with
   *     ENGINE_OPERATION_UNSUPPORTED
   * @param settings the deployment's limits
   * @param documentSettings the limits and fragmenting of documents (settings under {@code
   *     ingest.documents.}); Tika's parsers are loaded at the first document
   */
  public FileIngestService(
      DataBox box, IngestSettings settings, DocumentSettings documentSettings) {
    this.box = Objects.requireNonNull(box, "box");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.documentSettings = Objects.requireNonNull(documentSettings, "documentSettings");
  }

  /**
   * Spools an upload to a private file of the tenant (counting its bytes against the upload limit
   * while copying) and starts a job that loads it; the file is removed when the job ends.
   *
   * @param tenant the tenant
   * @param content the upload; read to its end here, not closed
   * @param fileName the client's file name, for the format and the rejects' source
   * @param table the target table
   * @param format the format, or {@code null} to go by the file name and content
   * @param options mode, reader options and limits
   * @return the created job
   * @throws UdbException with {@link ErrorCode#INPUT_TOO_LARGE} when the upload is larger than the
   *     limit, {@link ErrorCode#QUOTA_EXCEEDED} when it does not fit the tenant's storage
   */
  public Job submitUpload(
      TenantId tenant,
      InputStream content,
      String fileName,
      String table,
      FileFormat format,
      LoadOptions options) {
    Objects.requireNonNull(tenant, "tenant");
    return spoolAndSubmit(
        tenant,
        content,
        fileName,
        table,
        format,
        options,
        body -> box.submit(tenant, JobType.INGEST, body));
  }

  /**
   * Spools an upload of a principal and starts its load job: like {@link #submitUpload(TenantId,
   * InputStream, String, String, FileFormat, LoadOptions)} for the principal's tenant. The
   * principal's {@code ingest} permission is checked before a byte is spooled; its rate limit and
   * concurrent-job quota are applied by {@link SecuredBox#submit}.
   *
   * @param caller the principal's view of this service's box
   * @param content the upload; read to its end here, not closed
   * @param fileName the client's file name, for the format and the rejects' source
   * @param table the target table
   * @param format the format, or {@code null} to go by the file name and content
   * @param options mode, reader options and limits
   * @return the created job
   * @throws io.udb.security.authz.AccessDeniedException when the principal may not ingest
   */
  public Job submitUpload(
      SecuredBox caller,
      InputStream content,
      String fileName,
      String table,
      FileFormat format,
      LoadOptions options) {
    box.security().access().authorize(caller.principal(), Operation.INGEST);
    return spoolAndSubmit(
        caller.principal().tenant(),
        content,
        fileName,
        table,
        format,
        options,
        body -> caller.submit(JobType.INGEST, body));
  }

  private Job spoolAndSubmit(
      TenantId tenant,
      InputStream content,
      String fileName,
      String table,
      FileFormat format,
      LoadOptions options,
      Function<JobBody, Job> submitter) {
    Objects.requireNonNull(content, "content");
    requireLoadable(tenant, table);
    LoadOptions limited = limited(options);
    Path spool = spoolDirectory(tenant);
    Path spooled = SpoolFiles.newSpoolPath(spool, fileName);
    long size = SpoolFiles.copyLimited(content, spooled, limited.maxBytes());
    try {
      box.security()
          .quotas()
          .checkStorage(
              tenant,
              Math.max(0, DuckDbEngine.serving(box.engine(), tenant).storageBytes(tenant) - size),
              size);
      FileFormat resolved = format != null ? format : detect(spooled, fileName);
      String source = fileName == null ? spooled.getFileName().toString() : fileName;
      return submitter.apply(
          job -> {
            try {
              return runJob(job, spooled, source, resolved, table, limited);
            } finally {
              deleteQuietly(spooled);
            }
          });
    } catch (RuntimeException e) {
      deleteQuietly(spooled);
      throw e;
    }
  }

  /**
   * Spools an upload and starts a job that loads it, the format going by the file name and content.
   *
   * @param tenant the tenant
   * @param content the upload; read to its end here, not closed
   * @param fileName the client's file name
   * @param table the target table
   * @param options mode, reader options and limits
   * @return the created job
   */
  public Job submitUpload(
      TenantId tenant, InputStream content, String fileName, String table, LoadOptions options) {
    return submitUpload(tenant, content, fileName, table, null, options);
  }

  /**
   * Starts a job that loads a file the host application provides.
   *
   * @param tenant the tenant
   * @param file the file (linked or copied into the tenant's spool folder for the load)
   * @param table the target table
   * @param options mode, reader options and limits
   * @return the created job
   */
  public Job submitFile(TenantId tenant, Path file, String table, LoadOptions options) {
    Objects.requireNonNull(file, "file");
    return submitFile(tenant, file, detect(file, file.getFileName().toString()), table, options);
  }

  /**
   * Refuses a load the tenant's embedded DuckDB database cannot take, before a byte is spooled or a
   * job exists: the tenant is served by another engine, or the table is a dataset routed to one.
   */
  private void requireLoadable(TenantId tenant, String table) {
    DuckDbEngine.serving(box.engine(), tenant);
    if (table != null) {
      DuckDbEngine.serving(box.engine(), tenant, TableRef.of(table));
    }
  }

  /**
   * Starts a job that loads a file in the given format.
   *
   * @param tenant the tenant
   * @param file the file (linked or copied into the tenant's spool folder for the load)
   * @param format its format
   * @param table the target table
   * @param options mode, reader options and limits
   * @return the created job
   */
  public Job submitFile(
      TenantId tenant, Path file, FileFormat format, String table, LoadOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    requireLoadable(tenant, table);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Cannot read the file " + file.getFileName());
    }
    LoadOptions limited = limited(options);
    return box.submit(
        tenant,
        JobType.INGEST,
        job -> runJob(job, file, file.getFileName().toString(), format, table, limited));
  }

  /**
   * Loads a file synchronously, outside any job (no progress, no cancellation).
   *
   * @param tenant the tenant
   * @param file the file
   * @param table the target table
   * @param options mode, reader options and limits
   * @return the report
   */
  public LoadReport load(TenantId tenant, Path file, String table, LoadOptions options) {
    Objects.requireNonNull(file, "file");
    LoadOptions limited = limited(options);
    FileFormat format = detect(file, file.getFileName().toString());
    return new TenantLoader(box, LoadContext.direct(tenant), limited)
        .loadFile(table, file, format, limited);
  }

  /**
   * Loads documents synchronously, outside any job, as fragments into one table.
   *
   * @param tenant the tenant
   * @param files the documents
   * @param table the target table
   * @param options mode ({@code replace} or {@code append}) and limits
   * @return the report
   */
  public DocumentIngest.Report loadDocuments(
      TenantId tenant, List<Path> files, String table, LoadOptions options) {
    LoadOptions limited = limited(options);
    List<DocumentIngest.Source> sources =
        files.stream().map(f -> new DocumentIngest.Source(f, f.getFileName().toString())).toList();
    return documents()
        .load(
            tenant,
            new TenantLoader(box, LoadContext.direct(tenant), limited),
            table,
            sources,
            Map.of(LoadOptions.MODE, limited.mode().label()),
            documentSettings,
            () -> false);
  }

  /**
   * Loads a file synchronously in the given format.
   *
   * @param tenant the tenant
   * @param file the file
   * @param format its format
   * @param table the target table
   * @param options mode, reader options and limits
   * @return the report
   */
  public LoadReport load(
      TenantId tenant, Path file, FileFormat format, String table, LoadOptions options) {
    LoadOptions limited = limited(options);
    return new TenantLoader(box, LoadContext.direct(tenant), limited)
        .loadFile(table, file, format, limited);
  }

  /**
   * A loader for a job that syncs a connection, with this service's limits applied.
   *
   * @param job the running job
   * @param defaults the options of its loads
   * @return the loader
   */
  public TenantLoader loader(JobContext job, LoadOptions defaults) {
    return TenantLoader.forJob(box, job, limited(defaults));
  }

  private Map<String, Object> runJob(
      JobContext job,
      Path file,
      String source,
      FileFormat format,
      String table,
      LoadOptions options) {
    TenantLoader loader = TenantLoader.forJob(box, job, options);
    if (format == FileFormat.DOCUMENT) {
      DocumentIngest.Report report =
          job.stage(
              "load",
              () ->
                  documents()
                      .load(
                          job.tenant(),
                          loader,
                          table,
                          List.of(new DocumentIngest.Source(file, source)),
                          Map.of(LoadOptions.MODE, options.mode().label()),
                          documentSettings,
                          job::isCancelled));
      return report.toMap();
    }
    LoadReport report =
        job.stage("load", () -> loader.loadFile(table, file, format, options, source));
    return report.toMap();
  }

  /** The document ingest, created at the first document (loading Tika's parsers takes a while). */
  private DocumentIngest documents() {
    DocumentIngest ingest = documents;
    if (ingest == null) {
      synchronized (this) {
        ingest = documents;
        if (ingest == null) {
          ingest =
              new DocumentIngest(new DocumentParser(documentSettings), box.metrics(), box.clock());
          documents = ingest;
        }
      }
    }
    return ingest;
  }

  private LoadOptions limited(LoadOptions options) {
    Objects.requireNonNull(options, "options");
    return options
        .withMaxBytes(Math.min(options.maxBytes(), settings.maxUploadBytes()))
        .withMaxRows(Math.min(options.maxRows(), settings.maxRows()));
  }

  private Path spoolDirectory(TenantId tenant) {
    try {
      return Files.createDirectories(
          DuckDbEngine.serving(box.engine(), tenant).spoolDirectory(tenant));
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot create the spool folder of " + tenant, e);
    }
  }

  /**
   * The format of a file: by its name's extension, else by its content: a document type Apache
   * Tika's detector recognises is a document, {@code PAR1} is Parquet, {@code [} or <code>{</code>
   * is JSON, anything else CSV.
   */
  FileFormat detect(Path file, String fileName) {
    return FileFormat.fromFileName(fileName).orElseGet(() -> sniffFormat(file, fileName));
  }

  private FileFormat sniffFormat(Path file, String fileName) {
    if (DocumentParser.isDocumentType(documents().parser().detect(file, fileName))) {
      return FileFormat.DOCUMENT;
    }
    return sniffTable(file);
  }

  private static FileFormat sniffTable(Path file) {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(512);
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot read " + file.getFileName(), e);
    }
    if (head.length >= 4 && new String(head, 0, 4, StandardCharsets.US_ASCII).equals("PAR1")) {
      return FileFormat.PARQUET;
    }
    for (byte b : head) {
      if (b == '[' || b == '{') {
        return FileFormat.JSON;
      }
      if (!Character.isWhitespace(b)
          && (b & 0xFF) != 0xEF
          && (b & 0xFF) != 0xBB
          && (b & 0xFF) != 0xBF) {
        break;
      }
    }
    return FileFormat.CSV;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the spool folder is private to the tenant and cleaned with it
    }
  }
}

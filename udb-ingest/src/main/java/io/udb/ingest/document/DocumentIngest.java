package io.udb.ingest.document;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.engine.ColumnInfo;
import io.udb.core.json.Json;
import io.udb.core.observe.UdbMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Loads documents as fragments into one table of a tenant, through a {@link RecordLoader} (so the
 * load is atomic like every other: the table changes whole or not at all). The table's columns are
 * {@link #SCHEMA}: {@code document_id} (SHA-256 of the file), {@code source}, {@code fragment_no}
 * (from 0 within a document), {@code text}, {@code char_start}/{@code char_end} (the fragment's
 * offsets in the document's extracted text), {@code metadata} (a JSON object: title, author,
 * contentType, ...) and {@code ingested_at} (UTC).
 *
 * <p>Documents are parsed one at a time while the rows stream into the loader. A document that
 * cannot be read fails the whole load with its code ({@link ErrorCode#DOCUMENT_ENCRYPTED}, {@link
 * ErrorCode#INGEST_BAD_FORMAT}, {@link ErrorCode#INPUT_TOO_LARGE}), naming the file, and is counted
 * in {@value #REJECTED_METRIC} by reason; loaded fragments are counted in {@value
 * #FRAGMENTS_METRIC}. Thread-safe.
 */
public final class DocumentIngest {
  /** Counter of fragments loaded; tag tenant. */
  public static final String FRAGMENTS_METRIC = "udb.ingest.fragments";

  /** Counter of documents refused; tags tenant, reason (encrypted, bad_format, too_large). */
  public static final String REJECTED_METRIC = "udb.ingest.documents.rejected";

  /** The columns of a fragments table. */
  public static final List<ColumnInfo> SCHEMA =
      List.of(
          new ColumnInfo("document_id", "VARCHAR"),
          new ColumnInfo("source", "VARCHAR"),
          new ColumnInfo("fragment_no", "INTEGER"),
          new ColumnInfo("text", "VARCHAR"),
          new ColumnInfo("char_start", "BIGINT"),
          new ColumnInfo("char_end", "BIGINT"),
          new ColumnInfo("metadata", "VARCHAR"),
          new ColumnInfo("ingested_at", "TIMESTAMP"));

  private final DocumentParser parser;
  private final UdbMetrics metrics;
  private final Clock clock;

  /** One document to load: the file and the name it is known by. */
  public record Source(Path file, String name) {
    /** Validates. */
    public Source {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * The outcome of a load.
   *
   * @param table the table
   * @param documents documents loaded
   * @param fragments fragments loaded
   * @param load the loader's accounting
   */
  public record Report(String table, int documents, long fragments, LoadResult load) {
    /** The job result of the HTTP API: {@code {"table","documents","fragments"}}. */
    public Map<String, Object> toMap() {
      return Map.of("table", table, "documents", documents, "fragments", fragments);
    }
  }

  /**
   * Creates the ingest.
   *
   * @param parser the parser (its settings give the fragment size and overlap)
   * @param metrics where fragments and refused documents are counted
   * @param clock the time of {@code ingested_at}
   */
  public DocumentIngest(DocumentParser parser, UdbMetrics metrics, Clock clock) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The parser. */
  public DocumentParser parser() {
    return parser;
  }

  /**
   * Parses the documents and loads their fragments into a table.
   *
   * @param tenant the tenant (for metrics)
   * @param loader the tenant's loader
   * @param table the target table
   * @param sources the documents, at least one
   * @param options load options for the loader ({@code mode}: {@code replace} or {@code append})
   * @param settings the limits and fragmenting (e.g. a connection's own fragment size)
   * @param cancelled polled between and during parses
   * @return the report
   */
  public Report load(
      TenantId tenant,
      RecordLoader loader,
      String table,
      List<Source> sources,
      Map<String, String> options,
      DocumentSettings settings,
      BooleanSupplier cancelled) {
    if (sources.isEmpty()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "No documents to load");
    }
    String mode = options.getOrDefault("mode", "replace").toLowerCase(Locale.ROOT);
    if (!mode.equals("replace") && !mode.equals("append")) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Documents load in mode replace or append, not " + mode);
    }
    Fragmenter fragmenter =
        new Fragmenter(settings.fragmentSize(), settings.fragmentOverlap(), Locale.ROOT);
    Rows rows = new Rows(tenant, sources, fragmenter, cancelled);
    LoadResult result = loader.loadRows(table, SCHEMA, rows, options);
    metrics.count(FRAGMENTS_METRIC, result.rowsLoaded(), "tenant", tenant.value());
    return new Report(table, rows.documents, result.rowsLoaded(), result);
  }

  private String rejectReason(ErrorCode code) {
    return switch (code) {
      case DOCUMENT_ENCRYPTED -> "encrypted";
      case INPUT_TOO_LARGE -> "too_large";
      default -> "bad_format";
    };
  }

  /** The fragments of the documents as rows, parsing each document when its turn comes. */
  private final class Rows implements Iterator<List<Object>> {
    private final TenantId tenant;
    private final Iterator<Source> sources;
    private final Fragmenter fragmenter;
    private final BooleanSupplier cancelled;
    private final LocalDateTime ingestedAt =
        LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    private final Deque<List<Object>> pending = new ArrayDeque<>();
    private int documents;

    Rows(TenantId tenant, List<Source> sources, Fragmenter fragmenter, BooleanSupplier cancelled) {
      this.tenant = tenant;
      this.sources = List.copyOf(sources).iterator();
      this.fragmenter = fragmenter;
      this.cancelled = cancelled;
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty() && sources.hasNext()) {
        parseNext();
      }
      return !pending.isEmpty();
    }

    @Override
    public List<Object> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.removeFirst();
    }

    private void parseNext() {
      Source source = sources.next();
      ParsedDocument document;
      try {
        document = parser.parse(source.file(), source.name(), cancelled);
      } catch (UdbException e) {
        if (e.code() != ErrorCode.JOB_CANCELLED && e.code() != ErrorCode.JOB_REJECTED) {
          metrics.count(
              REJECTED_METRIC, 1, "tenant", tenant.value(), "reason", rejectReason(e.code()));
        }
        throw e;
      }
      documents++;
      String metadata = Json.write(document.metadata());
      for (Fragmenter.Fragment fragment : fragmenter.split(document.text())) {
        pending.add(
            java.util.Arrays.asList(
                document.documentId(),
                document.source(),
                fragment.number(),
                fragment.text(),
                (long) fragment.start(),
                (long) fragment.end(),
                metadata,
                ingestedAt));
      }
    }
  }
}

package io.udb.ingest.document;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;

/**
 * Extracts text and metadata from documents with Apache Tika (PDF, Office and OpenDocument, HTML,
 * RTF, Markdown and plain text, e-mail), within {@link DocumentSettings}' limits: files over {@code
 * max-input-bytes} are refused before parsing; text beyond {@code max-characters}, output
 * disproportionate to the input (Tika's zip-bomb guard: more than {@code max-expansion} characters
 * per input byte beyond the first million) and parses longer than {@code parse-timeout} stop the
 * parse. Parses run on a bounded pool of daemon threads, so the caller waits with a deadline and a
 * hostile file can never hang it; a stopped parse ends at the parser's next output.
 *
 * <p>Failures are {@link UdbException}s: {@link ErrorCode#DOCUMENT_ENCRYPTED} for
 * password-protected documents, {@link ErrorCode#INPUT_TOO_LARGE} for a limit, {@link
 * ErrorCode#INGEST_BAD_FORMAT} for a corrupt or unreadable document. Embedded documents
 * (attachments, embedded files) are not parsed. Thread-safe; idle parser threads end by themselves.
 */
public final class DocumentParser {
  /** Document types that file ingest sends here when it detects them by content. */
  static final Set<String> DOCUMENT_TYPES =
      Set.of(
          "application/pdf",
          "application/rtf",
          "text/html",
          "application/xhtml+xml",
          "message/rfc822",
          "text/x-web-markdown",
          "application/msword",
          "application/vnd.ms-excel",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "application/vnd.oasis.opendocument.text",
          "application/vnd.oasis.opendocument.spreadsheet",
          "application/vnd.oasis.opendocument.presentation",
          "application/x-tika-ooxml-protected",
          "application/x-tika-msoffice");

  private static final long POLL_MILLIS = 100;

  private final DocumentSettings settings;
  private final AutoDetectParser parser;
  private final ThreadPoolExecutor executor;

  /**
   * Creates a parser with its own pool of {@link DocumentSettings#parserThreads()} threads.
   *
   * @param settings the limits
   */
  public DocumentParser(DocumentSettings settings) {
    this.settings = settings;
    this.parser = new AutoDetectParser();
    AutoDetectParserConfig config = new AutoDetectParserConfig();
    config.setOutputThreshold(1_000_000);
    config.setMaximumCompressionRatio(settings.maxExpansion());
    config.setMaximumDepth(100);
    config.setMaximumPackageEntryDepth(10);
    parser.setAutoDetectParserConfig(config);
    int threads = settings.parserThreads();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(threads * 64),
            daemonThreads());
    executor.allowCoreThreadTimeOut(true);
  }

  /** The limits. */
  public DocumentSettings settings() {
    return settings;
  }

  /**
   * The media type of a file, by its content and name.
   *
   * @param file the file
   * @param name its name (for the extension), or {@code null}
   * @return the base media type, e.g. {@code application/pdf}
   */
  public String detect(Path file, String name) {
    Detector detector = parser.getDetector();
    Metadata metadata = new Metadata();
    if (name != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    }
    try (TikaInputStream in = TikaInputStream.get(file)) {
      return detector.detect(in, metadata).getBaseType().toString();
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot read " + name, e);
    }
  }

  /**
   * Whether file ingest should treat a detected media type as a document.
   *
   * @param mediaType a base media type
   * @return whether it is one of the document types
   */
  public static boolean isDocumentType(String mediaType) {
    return DOCUMENT_TYPES.contains(mediaType);
  }

  /**
   * Extracts one document.
   *
   * @param file the document
   * @param source its name for results and messages (its extension helps detection)
   * @param cancelled polled while waiting; when true the parse is stopped and {@link
   *     ErrorCode#JOB_CANCELLED} thrown
   * @return the text and metadata
   * @throws UdbException as described on the class
   */
  public ParsedDocument parse(Path file, String source, BooleanSupplier cancelled) {
    long bytes = size(file, source);
    if (bytes > settings.maxInputBytes()) {
      throw new UdbException(
          ErrorCode.INPUT_TOO_LARGE,
          "Document "
              + source
              + " has "
              + bytes
              + " bytes, more than the limit of "
              + settings.maxInputBytes()
              + " (ingest.documents.max-input-bytes)");
    }
    String documentId = sha256(file, source);
    Stop stop = new Stop();
    Future<ParsedDocument> future;
    try {
      future = executor.submit(() -> extract(file, source, documentId, bytes, stop));
    } catch (RejectedExecutionException e) {
      throw new UdbException(
          ErrorCode.JOB_REJECTED, "Too many documents are waiting to be parsed; retry later", e);
    }
    long deadline = System.nanoTime() + settings.parseTimeout().toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        stop.reason = "timeout";
        future.cancel(true);
        throw new UdbException(
            ErrorCode.INPUT_TOO_LARGE,
            "Parsing document "
                + source
                + " took longer than the limit of "
                + settings.parseTimeout().toSeconds()
                + " s (ingest.documents.parse-timeout); it was stopped");
      }
      if (cancelled.getAsBoolean()) {
        stop.reason = "cancelled";
        future.cancel(true);
        throw new UdbException(ErrorCode.JOB_CANCELLED, "The document load was cancelled");
      }
      try {
        return future.get(
            Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // poll the deadline and the cancellation again
      } catch (InterruptedException e) {
        stop.reason = "cancelled";
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new UdbException(ErrorCode.JOB_CANCELLED, "The document load was interrupted", e);
      } catch (ExecutionException e) {
        throw failure(e.getCause(), source);
      }
    }
  }

  private ParsedDocument extract(Path file, String source, String documentId, long bytes, Stop stop)
      throws IOException, SAXException, org.apache.tika.exception.TikaException {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, source);
    BodyContentHandler body = new BodyContentHandler(settings.maxCharacters());
    ParseContext context = new ParseContext();
    OfficeParserConfig office = new OfficeParserConfig();
    // The SAX extractors stream the XML; the default ones build the whole document in memory.
    office.setUseSAXDocxExtractor(true);
    office.setUseSAXPptxExtractor(true);
    office.setExtractMacros(false);
    context.set(OfficeParserConfig.class, office);
    TesseractOCRConfig ocr = new TesseractOCRConfig();
    ocr.setSkipOcr(true);
    context.set(TesseractOCRConfig.class, ocr);
    try (TikaInputStream in = TikaInputStream.get(file)) {
      parser.parse(in, new Stoppable(body, stop), metadata, context);
    }
    String text = body.toString();
    String contentType = baseType(metadata.get(Metadata.CONTENT_TYPE));
    return new ParsedDocument(
        documentId, source, contentType, text, metadata(metadata, contentType, text, bytes));
  }

  private static Map<String, Object> metadata(
      Metadata metadata, String contentType, String text, long bytes) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "title", metadata, TikaCoreProperties.TITLE);
    put(out, "author", metadata, TikaCoreProperties.CREATOR);
    out.put("contentType", contentType);
    putDate(out, "created", metadata, TikaCoreProperties.CREATED);
    putDate(out, "modified", metadata, TikaCoreProperties.MODIFIED);
    put(out, "language", metadata, TikaCoreProperties.LANGUAGE);
    put(out, "subject", metadata, TikaCoreProperties.SUBJECT);
    String pages = metadata.get(PagedText.N_PAGES);
    if (pages != null) {
      try {
        out.put("pages", Integer.parseInt(pages.trim()));
      } catch (NumberFormatException e) {
        out.put("pages", pages);
      }
    }
    out.put("characters", text.length());
    out.put("bytes", bytes);
    return out;
  }

  /** A date, unless it is RTF's "no date" (year 0 or before, printed with a minus sign). */
  private static void putDate(Map<String, Object> out, String key, Metadata metadata, Property p) {
    String value = metadata.get(p);
    if (value != null && !value.isBlank() && !value.startsWith("-")) {
      out.put(key, value.trim());
    }
  }

  private static void put(Map<String, Object> out, String key, Metadata metadata, Property p) {
    String[] values = metadata.getValues(p);
    List<String> kept = new ArrayList<>();
    for (String value : values) {
      if (value != null && !value.isBlank() && !kept.contains(value.trim())) {
        kept.add(value.trim());
      }
    }
    if (!kept.isEmpty()) {
      out.put(key, String.join("; ", kept));
    }
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return "application/octet-stream";
    }
    MediaType type = MediaType.parse(contentType);
    return type == null ? contentType : type.getBaseType().toString();
  }

  /** The exception a failed parse becomes. */
  private UdbException failure(Throwable cause, String source) {
    if (cause instanceof UdbException udb) {
      return udb;
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof EncryptedDocumentException
          || t instanceof org.apache.poi.EncryptedDocumentException) {
        return new UdbException(
            ErrorCode.DOCUMENT_ENCRYPTED,
            "Document "
                + source
                + " is encrypted or password-protected; upload a copy without a password",
            cause);
      }
      if (t instanceof StoppedException stopped) {
        return new UdbException(
            stopped.timeout ? ErrorCode.INPUT_TOO_LARGE : ErrorCode.JOB_CANCELLED,
            stopped.timeout
                ? "Parsing document " + source + " took longer than the parse timeout"
                : "The document load was cancelled",
            cause);
      }
    }
    if (WriteLimitReachedException.isWriteLimitReached(cause)) {
      return new UdbException(
          ErrorCode.INPUT_TOO_LARGE,
          "Document "
              + source
              + " yields more than the limit of "
              + settings.maxCharacters()
              + " characters of text (ingest.documents.max-characters)",
          cause);
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
        return new UdbException(
            ErrorCode.INPUT_TOO_LARGE,
            "Document "
                + source
                + " expands far beyond its size (a zip bomb or a deeply nested document) and was"
                + " refused",
            cause);
      }
    }
    if (cause instanceof OutOfMemoryError || cause instanceof StackOverflowError) {
      return new UdbException(
          ErrorCode.INPUT_TOO_LARGE,
          "Document " + source + " needs more memory or nesting than a parse may use",
          cause);
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new UdbException(
        ErrorCode.INGEST_BAD_FORMAT,
        "Document "
            + source
            + " could not be read (corrupt, truncated or not the format its name says): "
            + describe(cause),
        cause);
  }

  private static String describe(Throwable cause) {
    Throwable deepest = cause;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String message = deepest.getMessage();
    if (message == null || message.isBlank()) {
      message = deepest.getClass().getSimpleName();
    }
    return message.length() > 300 ? message.substring(0, 300) + "..." : message;
  }

  private static long size(Path file, String source) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot read " + source, e);
    }
  }

  private static String sha256(Path file, String source) {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot read " + source, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "udb-document-parser-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Why a parse should stop; written by the waiting thread, read by the parsing one. */
  private static final class Stop {
    volatile String reason;
  }

  /** Thrown inside the parse when the waiting thread gave up on it. */
  private static final class StoppedException extends SAXException {
    private static final long serialVersionUID = 1L;
    private final boolean timeout;

    StoppedException(boolean timeout) {
      super(timeout ? "parse timeout" : "cancelled");
      this.timeout = timeout;
    }
  }

  /** Ends a parse at its next output once the waiting thread has given up on it. */
  private static final class Stoppable extends ContentHandlerDecorator {
    private final Stop stop;

    Stoppable(BodyContentHandler handler, Stop stop) {
      super(handler);
      this.stop = stop;
    }

    private void check() throws SAXException {
      String reason = stop.reason;
      if (reason != null || Thread.currentThread().isInterrupted()) {
        throw new StoppedException(!"cancelled".equals(reason));
      }
    }

    @Override
    public void startElement(String uri, String localName, String name, Attributes atts)
        throws SAXException {
      check();
      super.startElement(uri, localName, name, atts);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
      check();
      super.characters(ch, start, length);
    }
  }
}

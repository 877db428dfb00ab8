package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Locale;
import java.util.Optional;

/**
 * The formats file ingest takes: four that the loader reads through DuckDB's own readers, and
 * {@link #DOCUMENT}, which {@code io.udb.ingest.document.DocumentIngest} extracts with Apache Tika
 * into a fragments table.
 */
public enum FileFormat {
  /** Delimited text (CSV, TSV, any delimiter), optionally gzip-compressed. */
  CSV("csv"),
  /** JSON: an array of objects, or a sequence of objects; optionally gzip-compressed. */
  JSON("json"),
  /** Newline-delimited JSON, one object per line; a bad line is rejected alone. */
  NDJSON("ndjson"),
  /** Apache Parquet. */
  PARQUET("parquet"),
  /**
   * A document (PDF, Word/Excel/PowerPoint, OpenDocument, HTML, RTF, Markdown, plain text, e-mail):
   * its text is cut into fragments. {@code .txt} files stay {@link #CSV} unless this format is
   * named.
   */
  DOCUMENT("document");

  private final String label;

  FileFormat(String label) {
    this.label = label;
  }

  /** The format's name as used in options and results, e.g. {@code csv}. */
  public String label() {
    return label;
  }

  /**
   * Parses a format name ({@code csv}, {@code tsv}, {@code json}, {@code ndjson}, {@code jsonl},
   * {@code parquet}, {@code document}), ignoring case.
   *
   * @param name the name
   * @return the format
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown name
   */
  public static FileFormat parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return switch (n) {
      case "csv", "tsv", "txt" -> CSV;
      case "json" -> JSON;
      case "ndjson", "jsonl" -> NDJSON;
      case "parquet" -> PARQUET;
      case "document" -> DOCUMENT;
      default ->
          throw new UdbException(
              ErrorCode.INVALID_ARGUMENT,
              "Format must be csv, tsv, json, ndjson, parquet or document, not '" + name + "'");
    };
  }

  /**
   * The format a file name's extension implies ({@code .gz} is looked through).
   *
   * @param fileName the file's name
   * @return the format, or empty when the extension says nothing
   */
  public static Optional<FileFormat> fromFileName(String fileName) {
    String n = baseName(fileName).toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    int dot = n.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    return switch (n.substring(dot + 1)) {
      case "csv", "tsv", "txt", "tab" -> Optional.of(CSV);
      case "json" -> Optional.of(JSON);
      case "ndjson", "jsonl" -> Optional.of(NDJSON);
      case "parquet", "pq" -> Optional.of(PARQUET);
      case "pdf",
          "docx",
          "doc",
          "xlsx",
          "xls",
          "pptx",
          "ppt",
          "odt",
          "ods",
          "odp",
          "html",
          "htm",
          "xhtml",
          "rtf",
          "md",
          "markdown",
          "eml" ->
          Optional.of(DOCUMENT);
      default -> Optional.empty();
    };
  }

  /** Whether the file name says tab-separated ({@code .tsv}, {@code .tab}, also gzipped). */
  static boolean isTabSeparated(String fileName) {
    String n = baseName(fileName).toLowerCase(Locale.ROOT);
    return n.endsWith(".tsv") || n.endsWith(".tsv.gz") || n.endsWith(".tab");
  }

  /** The last path segment of a name that may carry '/' or '\' separators from a client. */
  static String baseName(String fileName) {
    if (fileName == null) {
      return "";
    }
    int cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    return fileName.substring(cut + 1);
  }
}

package io.udb.core.artifact;

import io.udb.api.artifact.ArtifactName;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Guesses an artifact's media type from the extension of its name, for callers that were given
 * none. Unknown or missing extensions give {@value #OCTET_STREAM}.
 */
public final class ContentTypes {
  /** The media type of bytes of unknown kind. */
  public static final String OCTET_STREAM = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("json", "application/json"),
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("png", "image/png"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("csv", "text/csv"),
          Map.entry("txt", "text/plain"),
          Map.entry("parquet", "application/vnd.apache.parquet"),
          Map.entry("pdf", "application/pdf"));

  private ContentTypes() {}

  /**
   * Guesses the media type of an artifact from its name.
   *
   * @param name the artifact name, e.g. {@code report.html}
   * @return the media type, {@value #OCTET_STREAM} when the extension is not known
   */
  public static String guess(ArtifactName name) {
    return guess(Objects.requireNonNull(name, "name").value());
  }

  /**
   * Guesses the media type of a file from its name; the extension is compared ignoring case.
   *
   * @param fileName a file name, e.g. {@code chart.SVG}
   * @return the media type, {@value #OCTET_STREAM} when the extension is not known
   */
  public static String guess(String fileName) {
    Objects.requireNonNull(fileName, "fileName");
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return OCTET_STREAM;
    }
    String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return BY_EXTENSION.getOrDefault(extension, OCTET_STREAM);
  }
}

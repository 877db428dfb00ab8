package io.udb.spring.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of UDB's HTTP API, under {@code udb.web}. */
@ConfigurationProperties(prefix = "udb.web")
public class UdbWebProperties {
  /** Whether to serve the HTTP API at all. */
  private boolean enabled = true;

  /** The path every endpoint lives under, starting with a slash and without a trailing one. */
  private String basePath = "/udb";

  /**
   * Largest file {@code POST {base}/ingest/upload} accepts; larger uploads are refused with {@code
   * INPUT_TOO_LARGE}. Spring's own {@code spring.servlet.multipart.max-file-size} and {@code
   * max-request-size} must be at least as large, or the servlet container refuses first (with the
   * same error code).
   */
  private DataSize maxUploadSize = DataSize.ofMegabytes(512);

  /** Most rows {@code POST {base}/sql} returns when the request names no {@code maxRows}. */
  private int defaultMaxRows = 1000;

  /** Whether the API is served. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets whether the API is served. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The base path, e.g. {@code /udb}. */
  public String getBasePath() {
    return basePath;
  }

  /** Sets the base path. */
  public void setBasePath(String basePath) {
    this.basePath = basePath;
  }

  /** The upload limit. */
  public DataSize getMaxUploadSize() {
    return maxUploadSize;
  }

  /** Sets the upload limit. */
  public void setMaxUploadSize(DataSize maxUploadSize) {
    this.maxUploadSize = maxUploadSize;
  }

  /** The default row cap of SQL requests. */
  public int getDefaultMaxRows() {
    return defaultMaxRows;
  }

  /** Sets the default row cap of SQL requests. */
  public void setDefaultMaxRows(int defaultMaxRows) {
    this.defaultMaxRows = defaultMaxRows;
  }
}

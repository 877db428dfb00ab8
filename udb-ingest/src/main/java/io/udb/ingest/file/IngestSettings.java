package io.udb.ingest.file;

import io.udb.api.config.Settings;

/**
 * Deployment-wide limits of file ingest; a load's own {@link io.udb.ingest.load.LoadOptions} can
 * only lower them.
 *
 * @param maxUploadBytes the largest upload or file accepted ({@code max-upload-bytes}, default 2
 *     GB; size suffixes KB, MB, GB)
 * @param maxRows the most rows one load may read ({@code max-rows}, default unlimited)
 */
public record IngestSettings(long maxUploadBytes, long maxRows) {

  /** Default upload limit: 2 GiB. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 2L << 30;

  /** Validates the limits. */
  public IngestSettings {
    if (maxUploadBytes <= 0 || maxRows <= 0) {
      throw new IllegalArgumentException("Ingest limits must be positive");
    }
  }

  /** The defaults: 2 GiB uploads, no row limit. */
  public static IngestSettings defaults() {
    return new IngestSettings(DEFAULT_MAX_UPLOAD_BYTES, Long.MAX_VALUE);
  }

  /**
   * Reads the limits from settings (usually those under {@code ingest.}).
   *
   * @param settings the settings
   * @return the limits
   * @throws io.udb.api.ConfigurationException naming a malformed key
   */
  public static IngestSettings from(Settings settings) {
    return new IngestSettings(
        settings.getLong("max-upload-bytes", DEFAULT_MAX_UPLOAD_BYTES),
        settings.getLong("max-rows", Long.MAX_VALUE));
  }
}

package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.core.SecuredBox;
import io.udb.ingest.load.FileFormat;
import io.udb.ingest.load.LoadMode;
import io.udb.ingest.load.LoadOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST {base}/ingest/upload}: a multipart file upload becomes an {@code ingest} job. */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class IngestController {
  private final UdbServices services;
  private final UdbWebProperties properties;

  /**
   * The controller.
   *
   * @param services the UDB beans
   * @param properties the upload limit
   */
  public IngestController(UdbServices services, UdbWebProperties properties) {
    this.services = services;
    this.properties = properties;
  }

  /**
   * Spools the upload through {@link io.udb.ingest.file.FileIngestService} and starts its load.
   *
   * @param request the request
   * @param file the part {@code file}
   * @param table the target table
   * @param mode {@code replace} (default) or {@code append}
   * @param format {@code csv}, {@code json}, {@code parquet}, ...; by default from the file name
   *     and content
   * @return 202 {@code {"jobId"}}
   * @throws IOException when the upload cannot be read
   */
  @PostMapping(path = "/ingest/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<byte[]> upload(
      HttpServletRequest request,
      @RequestParam("file") MultipartFile file,
      @RequestParam("table") String table,
      @RequestParam(value = "mode", required = false) String mode,
      @RequestParam(value = "format", required = false) String format)
      throws IOException {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    long limit = properties.getMaxUploadSize().toBytes();
    if (file.getSize() > limit) {
      throw new UdbException(
          ErrorCode.INPUT_TOO_LARGE,
          "The upload has "
              + file.getSize()
              + " bytes; this server accepts at most "
              + limit
              + " (udb.web.max-upload-size)");
    }
    if (table.isBlank()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The part 'table' must name a table");
    }
    LoadMode loadMode = mode == null || mode.isBlank() ? LoadMode.REPLACE : LoadMode.parse(mode);
    if (loadMode == LoadMode.UPSERT) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The upload mode must be 'replace' or 'append'");
    }
    FileFormat fileFormat = format == null || format.isBlank() ? null : FileFormat.parse(format);
    LoadOptions options = LoadOptions.defaults().withMode(loadMode).withMaxBytes(limit);
    Job job;
    try (InputStream content = file.getInputStream()) {
      job =
          services
              .fileIngest()
              .submitUpload(
                  caller, content, file.getOriginalFilename(), table, fileFormat, options);
    }
    return JsonBodies.accepted(job, request.getContextPath() + properties.getBasePath());
  }
}

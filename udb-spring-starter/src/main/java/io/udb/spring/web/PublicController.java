package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.event.EventSchemas;
import io.udb.core.json.Json;
import io.udb.spring.autoconfigure.UdbHealthProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoints that need no token: liveness, readiness, the events' JSON Schemas and the OpenAPI
 * description.
 */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class PublicController {
  /** Where the OpenAPI description lives on the class path. */
  static final String OPENAPI_RESOURCE = "io/udb/spring/web/openapi.yaml";

  /** The server URL written in the shipped description, replaced by the configured base path. */
  static final String OPENAPI_SERVER = "url: /udb";

  private final UdbServices services;
  private final ObjectProvider<UdbHealthProbe> probe;
  private final ObjectProvider<ApplicationAvailability> availability;
  private final byte[] eventSchemas;
  private final byte[] openApi;

  /**
   * The controller.
   *
   * @param services the UDB beans
   * @param probe the checks of the box's databases and stores, when configured
   * @param availability the application's readiness state, when Spring Boot tracks it
   * @param basePath the API's base path, written into the OpenAPI description's server URL
   */
  public PublicController(
      UdbServices services,
      ObjectProvider<UdbHealthProbe> probe,
      ObjectProvider<ApplicationAvailability> availability,
      String basePath) {
    this.services = services;
    this.probe = probe;
    this.availability = availability;
    this.eventSchemas = Json.write(eventSchemasJson()).getBytes(StandardCharsets.UTF_8);
    this.openApi =
        openApiText().replace(OPENAPI_SERVER, "url: " + basePath).getBytes(StandardCharsets.UTF_8);
  }

  /** Liveness: the process serves requests. */
  @GetMapping("/healthz")
  public ResponseEntity<byte[]> healthz() {
    return JsonBodies.ok(Map.of("status", "UP"));
  }

  /**
   * Readiness: a DataBox is configured, the application accepts traffic, and a tenant database, the
   * artifact store and the job store answer; 503 with an {@code UNAVAILABLE} problem naming what
   * failed otherwise.
   */
  @GetMapping("/readyz")
  public ResponseEntity<byte[]> readyz() {
    if (services.boxOrNull() == null) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE, "UDB is not ready: no DataBox is configured in this application");
    }
    ApplicationAvailability state = availability.getIfAvailable();
    if (state != null && state.getReadinessState() == ReadinessState.REFUSING_TRAFFIC) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE, "UDB is not ready: the application is refusing traffic");
    }
    UdbHealthProbe checks = probe.getIfAvailable();
    if (checks == null) {
      return JsonBodies.ok(Map.of("status", "UP"));
    }
    UdbHealthProbe.Report report = checks.check();
    if (!report.up()) {
      List<String> failed = new ArrayList<>();
      report
          .checks()
          .forEach(
              (name, check) -> {
                if (!check.up()) {
                  failed.add(name);
                }
              });
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          "UDB is not ready: these checks failed: " + String.join(", ", failed));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "UP");
    body.put("checks", new ArrayList<>(report.checks().keySet()));
    return JsonBodies.ok(body);
  }

  /** The JSON Schemas of the event envelope and of each event type. */
  @GetMapping("/events/schema")
  public ResponseEntity<byte[]> eventSchemas() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(eventSchemas);
  }

  /** The OpenAPI 3.1 description of this API. */
  @GetMapping("/openapi.yaml")
  public ResponseEntity<byte[]> openApi() {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/yaml"))
        .body(openApi);
  }

  private static Map<String, Object> eventSchemasJson() {
    EventSchemas schemas = EventSchemas.load();
    Map<String, Object> types = new LinkedHashMap<>();
    schemas.byType().forEach((type, schema) -> types.put(type, Json.readObject(schema)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("envelope", Json.readObject(schemas.envelope()));
    out.put("types", types);
    return out;
  }

  static String openApiText() {
    try (InputStream in =
        PublicController.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new UdbException(ErrorCode.INTERNAL, "The jar lacks " + OPENAPI_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

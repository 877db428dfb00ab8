package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.SyncMode;
import io.udb.api.job.Job;
import io.udb.core.SecuredBox;
import io.udb.core.json.Json;
import io.udb.ingest.connection.ConnectorDescription;
import io.udb.ingest.connection.DiscoverConnectResult;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.security.authz.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Connectors and connections: {@code GET {base}/sources}, {@code POST
 * {base}/sources/discover_connect} and {@code POST {base}/sources/{connectionId}/sync}.
 */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class SourcesController {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final Set<String> CONNECT_FIELDS = Set.of("connector", "config", "secretRefs");
  private static final Set<String> SYNC_FIELDS = Set.of("mode", "streams");

  private final UdbServices services;
  private final UdbWebProperties properties;

  /**
   * The controller.
   *
   * @param services the UDB beans
   * @param properties the base path, for {@code Location}
   */
  public SourcesController(UdbServices services, UdbWebProperties properties) {
    this.services = services;
    this.properties = properties;
  }

  /**
   * The connectors with their configuration's JSON Schema: {@code
   * [{"name","configurationSchema"}]}.
   */
  @GetMapping("/sources")
  public ResponseEntity<byte[]> sources(HttpServletRequest request) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    services.authorize(caller, Operation.SOURCES_READ, SecuredBox.RATE_READ);
    List<ConnectorDescription> connectors = services.connections().connectors();
    return JsonBodies.ok(connectors.stream().map(ConnectorDescription::toJson).toList());
  }

  /**
   * Creates a connection (validated and tested) and discovers its streams: {@code
   * {"connector","config","secretRefs"?}} → {@code {"connectionId","streams":[...]}}.
   */
  @PostMapping(path = "/sources/discover_connect", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> discoverConnect(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    services.authorize(caller, Operation.SOURCES_MANAGE, SecuredBox.RATE_JOB);
    JsonNode node = JsonBodies.object(body, false);
    only(node, CONNECT_FIELDS);
    String connector = JsonBodies.requiredString(node, "connector");
    JsonNode config = node.get("config");
    if (config == null || !config.isObject()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The field 'config' is required: the connector's settings");
    }
    Map<String, String> secretRefs = new LinkedHashMap<>();
    JsonNode refs = node.get("secretRefs");
    if (refs != null && !refs.isNull()) {
      if (!refs.isObject()) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "'secretRefs' must map a slot to a secret's name");
      }
      for (Map.Entry<String, JsonNode> ref : refs.properties()) {
        if (!ref.getValue().isString()) {
          throw new UdbException(
              ErrorCode.INVALID_ARGUMENT, "'secretRefs." + ref.getKey() + "' must be a string");
        }
        secretRefs.put(ref.getKey(), ref.getValue().stringValue());
      }
    }
    DiscoverConnectResult result =
        services
            .connections()
            .discoverConnect(
                caller.principal().tenant(),
                connector,
                Json.mapper().convertValue(config, MAP),
                secretRefs);
    return JsonBodies.ok(result.toJson());
  }

  /**
   * Starts a sync of a connection of the caller's tenant: optional body {@code {"mode":
   * "full"|"incremental", "streams":[...]}}; 202 {@code {"jobId"}}.
   */
  @PostMapping("/sources/{connectionId}/sync")
  public ResponseEntity<byte[]> sync(
      HttpServletRequest request,
      @PathVariable String connectionId,
      @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    services.authorize(caller, Operation.SOURCES_MANAGE, null);
    JsonNode node = JsonBodies.object(body, true);
    only(node, SYNC_FIELDS);
    SyncMode mode = SyncMode.FULL;
    JsonNode modeNode = node.get("mode");
    if (modeNode != null && !modeNode.isNull()) {
      mode = syncMode(modeNode);
    }
    List<String> streams = new ArrayList<>();
    JsonNode streamsNode = node.get("streams");
    if (streamsNode != null && !streamsNode.isNull()) {
      if (!streamsNode.isArray()) {
        throw new UdbException(ErrorCode.INVALID_ARGUMENT, "'streams' must be a list of names");
      }
      streamsNode.forEach(s -> streams.add(s.asString()));
    }
    FileIngestService ingest = services.fileIngest();
    Job job =
        services
            .connections()
            .submitSync(
                caller,
                connectionId,
                mode,
                streams,
                context -> ingest.loader(context, LoadOptions.defaults()));
    return JsonBodies.accepted(job, request.getContextPath() + properties.getBasePath());
  }

  private static SyncMode syncMode(JsonNode node) {
    if (node.isString()) {
      for (SyncMode mode : SyncMode.values()) {
        if (mode.name().equals(node.stringValue().toUpperCase(Locale.ROOT))) {
          return mode;
        }
      }
    }
    throw new UdbException(ErrorCode.INVALID_ARGUMENT, "'mode' must be 'full' or 'incremental'");
  }

  private static void only(JsonNode node, Set<String> allowed) {
    for (String field : node.propertyNames()) {
      if (!allowed.contains(field)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Unknown field '"
                + (field.length() > 60 ? field.substring(0, 60) + "..." : field)
                + "'; allowed: "
                + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }
}

package io.udb.api.event;

import io.udb.api.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event in CloudEvents 1.0 form, with UDB's extension attributes. Field names follow the
 * CloudEvents JSON format.
 *
 * @param specversion always {@code 1.0}
 * @param id unique per source
 * @param source the emitting component, e.g. {@code /udb/node-1}
 * @param type the event type, e.g. {@code udb.job.state.changed}
 * @param time when it happened
 * @param subject what it is about, e.g. {@code jobs/<id>}
 * @param datacontenttype always {@code application/json}
 * @param data the payload, a JSON-compatible tree
 * @param tenant extension: the tenant
 * @param correlationid extension: links the events, logs and traces of one operation
 * @param schemaversion extension: the version of the schema of {@code type} that {@code data}
 *     follows
 */
public record EventEnvelope(
    String specversion,
    String id,
    URI source,
    String type,
    Instant time,
    String subject,
    String datacontenttype,
    Map<String, Object> data,
    TenantId tenant,
    String correlationid,
    String schemaversion) {

  /** The CloudEvents version UDB emits. */
  public static final String SPEC_VERSION = "1.0";

  /** The content type of {@link #data()}. */
  public static final String JSON = "application/json";

  /** Validates the required attributes and copies the data. */
  public EventEnvelope {
    Objects.requireNonNull(specversion, "specversion");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(correlationid, "correlationid");
    Objects.requireNonNull(schemaversion, "schemaversion");
    data =
        data == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }
}

package io.udb.core.event;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobError;
import io.udb.api.job.JobState;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds UDB's events: stamps each with an id, this node's source, the clock's time (millisecond
 * precision) and the schema version of its type, and brings its data into canonical form (see
 * {@link CloudEventJson}), so that every event it builds survives a JSON round trip unchanged.
 *
 * <p>Job events carry the job's state and timing but never its result, which may be large or
 * sensitive. Callers of the other methods pass only data that may be shown to the event's tenant
 * and never secret material. Instances are immutable and thread-safe when the id supplier is.
 */
public final class EventFactory {

  /** The schema version each event type is emitted with. */
  public static final Map<String, String> SCHEMA_VERSIONS =
      Map.of(
          EventTypes.JOB_CREATED, "1",
          EventTypes.JOB_STATE_CHANGED, "1",
          EventTypes.INGEST_COMPLETED, "1",
          EventTypes.ANALYZE_COMPLETED, "1",
          EventTypes.ANALYZE_FAILED, "1",
          EventTypes.SECURITY_DENIED, "1");

  private final URI source;
  private final Clock clock;
  private final Supplier<String> ids;

  /**
   * A factory with random UUIDs as event ids.
   *
   * @param source the emitting component, e.g. {@code /udb/node-1}
   * @param clock the clock that stamps events
   */
  public EventFactory(URI source, Clock clock) {
    this(source, clock, () -> UUID.randomUUID().toString());
  }

  /**
   * A factory with its own event ids.
   *
   * @param source the emitting component, e.g. {@code /udb/node-1}
   * @param clock the clock that stamps events
   * @param ids supplies a new, unique id for each event
   */
  public EventFactory(URI source, Clock clock, Supplier<String> ids) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = Objects.requireNonNull(ids, "ids");
    if (source.toString().isEmpty()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Event source must not be empty");
    }
  }

  /** The source every event of this factory carries. */
  public URI source() {
    return source;
  }

  /**
   * {@value EventTypes#JOB_CREATED}: a job was accepted.
   *
   * @param job the new job
   * @return the event, with subject {@code jobs/<jobId>}
   */
  public EventEnvelope jobCreated(Job job) {
    Instant now = now();
    return envelope(
        EventTypes.JOB_CREATED,
        now,
        job.tenant(),
        job.correlationId(),
        jobSubject(job.id().value()),
        jobData(job, null, now));
  }

  /**
   * {@value EventTypes#JOB_STATE_CHANGED}: a job moved from one state to another.
   *
   * @param job the job in its new state
   * @param from the state it left
   * @return the event, with subject {@code jobs/<jobId>}
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the lifecycle does not allow
   *     the transition
   */
  public EventEnvelope jobStateChanged(Job job, JobState from) {
    Objects.requireNonNull(from, "from");
    if (!from.canMoveTo(job.state())) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "A job cannot change state from " + from + " to " + job.state());
    }
    Instant now = now();
    return envelope(
        EventTypes.JOB_STATE_CHANGED,
        now,
        job.tenant(),
        job.correlationId(),
        jobSubject(job.id().value()),
        jobData(job, from, now));
  }

  /**
   * {@value EventTypes#INGEST_COMPLETED}: data was loaded into a table.
   *
   * @param tenant the tenant
   * @param correlationId the operation's correlation id
   * @param data at least {@code table, rowsRead, rowsLoaded, rowsRejected}; with a {@code jobId}
   *     the subject is {@code jobs/<jobId>}
   * @return the event
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when a required field is missing
   */
  public EventEnvelope ingestCompleted(TenantId tenant, String correlationId, Map<String, ?> data) {
    requireFields(
        EventTypes.INGEST_COMPLETED, data, "table", "rowsRead", "rowsLoaded", "rowsRejected");
    return create(EventTypes.INGEST_COMPLETED, tenant, correlationId, subjectOf(data), data);
  }

  /**
   * {@value EventTypes#ANALYZE_COMPLETED}: an analyze pipeline finished.
   *
   * @param tenant the tenant
   * @param correlationId the operation's correlation id
   * @param data at least {@code jobId, tables, stages, artifacts}
   * @return the event, with subject {@code jobs/<jobId>}
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when a required field is missing
   */
  public EventEnvelope analyzeCompleted(
      TenantId tenant, String correlationId, Map<String, ?> data) {
    requireFields(EventTypes.ANALYZE_COMPLETED, data, "jobId", "tables", "stages", "artifacts");
    return create(EventTypes.ANALYZE_COMPLETED, tenant, correlationId, subjectOf(data), data);
  }

  /**
   * {@value EventTypes#ANALYZE_FAILED}: an analyze pipeline failed.
   *
   * @param tenant the tenant
   * @param correlationId the operation's correlation id
   * @param data at least {@code jobId, stage, error{code,message}}
   * @return the event, with subject {@code jobs/<jobId>}
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when a required field is missing
   */
  public EventEnvelope analyzeFailed(TenantId tenant, String correlationId, Map<String, ?> data) {
    requireFields(EventTypes.ANALYZE_FAILED, data, "jobId", "stage", "error");
    return create(EventTypes.ANALYZE_FAILED, tenant, correlationId, subjectOf(data), data);
  }

  /**
   * {@value EventTypes#SECURITY_DENIED}: a security control refused a request.
   *
   * @param tenant the tenant the request was made for
   * @param correlationId the request's correlation id
   * @param reason why, e.g. the error code {@code FORBIDDEN}; never a credential
   * @param principalSubject the caller's subject, or {@code null} when unauthenticated
   * @param operation what was attempted, e.g. {@code sql.query}
   * @return the event, without subject
   */
  public EventEnvelope securityDenied(
      TenantId tenant,
      String correlationId,
      String reason,
      String principalSubject,
      String operation) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("reason", Objects.requireNonNull(reason, "reason"));
    data.put("principal", principalSubject);
    data.put("operation", Objects.requireNonNull(operation, "operation"));
    return create(EventTypes.SECURITY_DENIED, tenant, correlationId, null, data);
  }

  /**
   * Builds an event of any known type.
   *
   * @param type one of {@link EventTypes#ALL}
   * @param tenant the tenant
   * @param correlationId the operation's correlation id
   * @param subject what it is about, or {@code null}
   * @param data the payload, a JSON-compatible tree
   * @return the event
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the type is unknown or the
   *     data is not JSON-compatible
   */
  public EventEnvelope create(
      String type, TenantId tenant, String correlationId, String subject, Map<String, ?> data) {
    return envelope(type, now(), tenant, correlationId, subject, data);
  }

  private EventEnvelope envelope(
      String type,
      Instant time,
      TenantId tenant,
      String correlationId,
      String subject,
      Map<String, ?> data) {
    Objects.requireNonNull(type, "type");
    String version = SCHEMA_VERSIONS.get(type);
    if (version == null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Unknown event type '" + type + "'; known types: " + EventTypes.ALL);
    }
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(correlationId, "correlationId");
    String id = Objects.requireNonNull(ids.get(), "event id supplier returned null");
    return new EventEnvelope(
        EventEnvelope.SPEC_VERSION,
        id,
        source,
        type,
        time,
        subject,
        EventEnvelope.JSON,
        CloudEventJson.canonicalData(data),
        tenant,
        correlationId,
        version);
  }

  private Instant now() {
    // Events carry millisecond times; truncating here keeps the JSON round trip exact.
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Map<String, Object> jobData(Job job, JobState previous, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("jobId", job.id().value());
    data.put("type", job.type().name());
    data.put("state", job.state().name());
    if (previous != null) {
      data.put("previousState", previous.name());
    }
    data.put("progress", job.progress());
    data.put("stage", job.stage());
    data.put("createdAt", time(job.createdAt()));
    data.put("startedAt", time(job.startedAt()));
    data.put("finishedAt", time(job.finishedAt()));
    // Another node's clock may lag the start time a little; a duration is never negative.
    data.put("durationMs", job.duration(now).map(d -> Math.max(0L, d.toMillis())).orElse(null));
    data.put("error", error(job.error()));
    return data;
  }

  private static Map<String, Object> error(JobError error) {
    if (error == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("code", error.code().name());
    out.put("message", error.message());
    out.put("stage", error.stage());
    return out;
  }

  private static String time(Instant instant) {
    return instant == null ? null : CloudEventJson.formatTime(instant);
  }

  private static String jobSubject(String jobId) {
    return "jobs/" + jobId;
  }

  private static String subjectOf(Map<String, ?> data) {
    return data.get("jobId") instanceof String jobId ? jobSubject(jobId) : null;
  }

  private static void requireFields(String type, Map<String, ?> data, String... fields) {
    Objects.requireNonNull(data, "data");
    for (String field : fields) {
      if (!data.containsKey(field)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Data of event type '" + type + "' must contain the field '" + field + "'");
      }
    }
  }
}

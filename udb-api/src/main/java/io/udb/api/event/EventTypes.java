package io.udb.api.event;

import java.util.List;

/** The event types UDB emits. Each has a published JSON Schema per schema version. */
public final class EventTypes {
  /** A job was accepted. */
  public static final String JOB_CREATED = "udb.job.created";

  /** A job changed state. */
  public static final String JOB_STATE_CHANGED = "udb.job.state.changed";

  /** An ingest finished. */
  public static final String INGEST_COMPLETED = "udb.ingest.completed";

  /** An analyze pipeline finished. */
  public static final String ANALYZE_COMPLETED = "udb.analyze.completed";

  /** An analyze pipeline failed. */
  public static final String ANALYZE_FAILED = "udb.analyze.failed";

  /** A request was denied by a security control. */
  public static final String SECURITY_DENIED = "udb.security.denied";

  /** All of the above. */
  public static final List<String> ALL =
      List.of(
          JOB_CREATED,
          JOB_STATE_CHANGED,
          INGEST_COMPLETED,
          ANALYZE_COMPLETED,
          ANALYZE_FAILED,
          SECURITY_DENIED);

  private EventTypes() {}
}

package io.udb.api.connector;

import java.util.List;

/**
 * Reads data from an outside source (files, databases, APIs, documents) into a tenant's database.
 *
 * <p>Contract: thread-safe and stateless between calls (a connection's state lives in its {@link
 * ConnectorConfig} and the cursor {@code state}); {@link #test} and {@link #discover} have no side
 * effects; {@link #read} writes only through the given {@link RecordLoader} and checks {@link
 * io.udb.api.job.JobContext#throwIfCancelled()} between batches; bad configuration fails with
 * {@code CONFIG_INVALID}, unreadable input with {@code INGEST_BAD_FORMAT}.
 */
public interface Connector {

  /** The connector's name, e.g. {@code csv} or {@code jdbc}. */
  String name();

  /** A JSON Schema (draft 2020-12) of the connector's settings, for UIs and validation. */
  String configurationSchema();

  /**
   * Checks that the source answers and the credentials work.
   *
   * @param config the connection's configuration
   * @return the outcome; failures are reported here, not thrown
   */
  ConnectionCheck test(ConnectorConfig config);

  /**
   * Lists the streams the source offers, with inferred schemas.
   *
   * @param config the connection's configuration
   * @return the streams
   */
  List<StreamInfo> discover(ConnectorConfig config);

  /**
   * Reads the requested streams into the loader.
   *
   * @param config the connection's configuration
   * @param request what to read
   * @param loader where to put it
   * @return the loads and the new cursor state
   */
  SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader);
}

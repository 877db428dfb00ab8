package io.udb.ingest.connection;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.job.Job;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.security.secrets.InMemorySecretsProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Runs connectors the way a sync does, in a real job of an in-memory DataBox, loading through
 * {@link TestRecordLoader}; failures come back as {@link UdbException}s with the job's error code.
 */
public final class ConnectorHarness implements AutoCloseable {
  /** The tenant the harness loads into. */
  public static final TenantId TENANT = TenantId.of("acme");

  private final DataBox box;
  private final InMemorySecretsProvider secrets = new InMemorySecretsProvider();

  /** A harness with an in-memory box and an in-memory secrets provider. */
  public ConnectorHarness() {
    this.box = DataBox.builder().inMemory().eventSinks(List.of()).secretsProvider(secrets).build();
  }

  /** The box. */
  public DataBox box() {
    return box;
  }

  /** The secrets provider of the box. */
  public InMemorySecretsProvider secrets() {
    return secrets;
  }

  /**
   * Reads through the connector in a job, loading with a {@link TestRecordLoader}.
   *
   * @param connector the connector
   * @param config its configuration
   * @param mode FULL or INCREMENTAL
   * @param state the saved state
   * @param streams the streams, empty for all
   * @return the connector's result
   */
  public SyncResult read(
      Connector connector,
      ConnectorConfig config,
      SyncMode mode,
      Map<String, String> state,
      List<String> streams) {
    return read(
        connector, config, mode, state, streams, (job, m) -> new TestRecordLoader(box, TENANT, m));
  }

  /**
   * Reads through the connector in a job with a loader of the caller's.
   *
   * @param connector the connector
   * @param config its configuration
   * @param mode FULL or INCREMENTAL
   * @param state the saved state
   * @param streams the streams, empty for all
   * @param loaders makes the loader for the job
   * @return the connector's result
   */
  public SyncResult read(
      Connector connector,
      ConnectorConfig config,
      SyncMode mode,
      Map<String, String> state,
      List<String> streams,
      BiFunction<JobContext, SyncMode, RecordLoader> loaders) {
    AtomicReference<SyncResult> result = new AtomicReference<>();
    Job job =
        box.submit(
            TENANT,
            JobType.SYNC,
            context -> {
              result.set(
                  connector.read(
                      config,
                      new SyncRequest(streams, mode, state, context),
                      loaders.apply(context, mode)));
              return Map.of();
            });
    Job done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(2));
    if (done.state() != JobState.SUCCEEDED) {
      if (done.error() == null) {
        throw new UdbException(ErrorCode.INTERNAL, "Job did not finish: " + done.state());
      }
      throw new UdbException(
          done.error().code(),
          done.error().message()
              + " [job "
              + done.state()
              + ", stage "
              + done.error().stage()
              + "]");
    }
    return result.get();
  }

  /**
   * Runs internal SQL on the tenant's database.
   *
   * @param sql the query
   * @return the rows
   */
  public QueryResult query(String sql) {
    try (SqlSession session = box.openSession(TENANT)) {
      return session.query(sql, List.of());
    }
  }

  @Override
  public void close() {
    box.close();
  }
}

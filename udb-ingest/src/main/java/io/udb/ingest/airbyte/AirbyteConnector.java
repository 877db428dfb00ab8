package io.udb.ingest.airbyte;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.job.JobContext;
import io.udb.core.json.Json;
import io.udb.ingest.http.NetworkPolicy;
import io.udb.ingest.http.ResilientHttpClient;
import io.udb.ingest.jdbc.JdbcConnector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Syncs an Airbyte connection through the Airbyte API v1, then reads the tables Airbyte wrote into
 * its destination.
 *
 * <p>A read runs two stages of the UDB job. {@code airbyte-sync} triggers a sync ({@code POST
 * /jobs}) and polls its status ({@code GET /jobs/{jobId}}) with growing intervals until it is final
 * or the {@code timeout} passes; Airbyte's {@code pending}/{@code queued}/{@code running}/ {@code
 * incomplete} move the UDB job's progress from 0 to one half, {@code succeeded} goes on, {@code
 * failed} and {@code cancelled} (by someone in Airbyte) fail the UDB job ({@code JOB_FAILED}). When
 * the timeout passes or the UDB job is cancelled, the Airbyte job is cancelled too ({@code DELETE
 * /jobs/{jobId}}). Every status change is logged and the job's history is kept as the artifact
 * {@code airbyte-job-<jobId>.json}. {@code read-destination} then reads the destination with
 * another connector (the "destination reader", configured under {@code destination}: today {@code
 * jdbc}, e.g. for Airbyte's Postgres destination), which covers the second half of the progress and
 * whose cursor state is the state of this connection.
 *
 * <p>The API token is the secret reference {@code token}; the destination reader's secrets are the
 * references prefixed {@code destination.}, e.g. {@code destination.password}. Thread-safe.
 */
public final class AirbyteConnector implements Connector {
  /** The connector's name. */
  public static final String NAME = "airbyte";

  private static final Logger LOG = LoggerFactory.getLogger(AirbyteConnector.class);
  private static final long SLEEP_SLICE_MILLIS = 100;
  private static final double SYNC_SHARE = 0.5;

  private final ResilientHttpClient http;
  private final Clock clock;
  private final Map<String, Connector> destinationReaders;
  private final String schema;

  /** A connector for the public Airbyte API with the {@code jdbc} destination reader. */
  public AirbyteConnector() {
    this(
        NetworkPolicy.publicOnly(),
        Map.of(JdbcConnector.NAME, new JdbcConnector()),
        Clock.systemUTC());
  }

  /**
   * A connector.
   *
   * @param network which hosts may be called (a self-hosted Airbyte is usually on a private
   *     network)
   * @param destinationReaders the connectors that can read a destination, by name
   * @param clock the clock for {@code Retry-After} dates and the job history
   */
  public AirbyteConnector(
      NetworkPolicy network, Map<String, Connector> destinationReaders, Clock clock) {
    this.http =
        new ResilientHttpClient(
            ResilientHttpClient.newJdkClient(Duration.ofSeconds(10)),
            Objects.requireNonNull(network, "network"),
            clock,
            16L * 1024 * 1024);
    this.clock = clock;
    this.destinationReaders = Map.copyOf(new TreeMap<>(destinationReaders));
    this.schema = resource("airbyte.schema.json");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String configurationSchema() {
    return schema;
  }

  @Override
  public ConnectionCheck test(ConnectorConfig config) {
    try {
      AirbyteSettings settings = AirbyteSettings.of(config);
      Connector reader = destinationReader(settings);
      JsonNode connection =
          new AirbyteApi(http, settings)
              .connection(
                  ResilientHttpClient.Deadline.in(settings.requestTimeout().multipliedBy(3)));
      String name =
          connection.hasNonNull("name")
              ? connection.get("name").asString()
              : settings.connectionId();
      String status =
          connection.hasNonNull("status") ? connection.get("status").asString() : "unknown";
      ConnectionCheck destination = reader.test(settings.destination());
      if (!destination.ok()) {
        return new ConnectionCheck(
            false,
            "Airbyte connection '"
                + name
                + "' answers, but its destination cannot be read: "
                + destination.message());
      }
      return new ConnectionCheck(
          true,
          "Airbyte connection '"
              + name
              + "' ("
              + status
              + ") answers; destination: "
              + destination.message());
    } catch (UdbException e) {
      return new ConnectionCheck(false, e.getMessage());
    }
  }

  @Override
  public List<StreamInfo> discover(ConnectorConfig config) {
    AirbyteSettings settings = AirbyteSettings.of(config);
    return destinationReader(settings).discover(settings.destination());
  }

  @Override
  public SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader) {
    AirbyteSettings settings = AirbyteSettings.of(config);
    Connector reader = destinationReader(settings);
    JobContext job = request.job();
    job.stage("airbyte-sync", () -> sync(new AirbyteApi(http, settings), settings, job));
    return job.stage(
        "read-destination",
        () ->
            reader.read(
                settings.destination(),
                new SyncRequest(
                    request.streams(),
                    request.mode(),
                    request.state(),
                    new ScaledJobContext(job, SYNC_SHARE, 1 - SYNC_SHARE)),
                loader));
  }

  private Connector destinationReader(AirbyteSettings settings) {
    Connector reader = destinationReaders.get(settings.destinationConnector());
    if (reader == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Destination reader '"
              + settings.destinationConnector()
              + "' is not available; use one of "
              + destinationReaders.keySet());
    }
    return reader;
  }

  private AirbyteJob sync(AirbyteApi api, AirbyteSettings settings, JobContext job) {
    ResilientHttpClient.Deadline deadline = ResilientHttpClient.Deadline.in(settings.timeout());
    long started = System.nanoTime();
    AirbyteJob current = api.createSync(deadline, job::isCancelled);
    History history = new History(current, clock);
    LOG.info(
        "Airbyte job {} of connection {} started: {}",
        current.jobId(),
        settings.connectionId(),
        current.status().apiName());
    try {
      job.progress(progressOf(current.status(), started));
      Duration interval = settings.pollInterval();
      while (!current.status().terminal()) {
        if (job.isCancelled() || Thread.currentThread().isInterrupted()) {
          cancel(api, settings, current, history, "the UDB job was cancelled");
          throw new UdbException(
              ErrorCode.JOB_CANCELLED,
              "The job was cancelled on request; Airbyte job "
                  + current.jobId()
                  + " was cancelled");
        }
        if (deadline.passed()) {
          throw timedOut(api, settings, current, history);
        }
        sleep(min(interval, deadline.remaining()), job);
        if (job.isCancelled() || Thread.currentThread().isInterrupted() || deadline.passed()) {
          continue;
        }
        AirbyteJob next;
        try {
          next = api.job(current.jobId(), deadline, job::isCancelled);
        } catch (UdbException e) {
          if (e.code() == ErrorCode.JOB_CANCELLED || deadline.passed()) {
            continue;
          }
          throw e;
        }
        if (next.status() != current.status()) {
          LOG.info(
              "Airbyte job {}: {} -> {}",
              next.jobId(),
              current.status().apiName(),
              next.rawStatus());
          history.add(next);
        }
        current = next;
        job.progress(progressOf(current.status(), started));
        interval = min(interval.multipliedBy(3).dividedBy(2), settings.maxPollInterval());
      }
    } finally {
      history.last(current);
      writeHistory(job, history);
    }
    return switch (current.status()) {
      case SUCCEEDED -> {
        LOG.info(
            "Airbyte job {} succeeded: {} rows, {} bytes",
            current.jobId(),
            current.rowsSynced(),
            current.bytesSynced());
        yield current;
      }
      case CANCELLED ->
          // Not a cancellation of this UDB job (nobody asked UDB to stop), so a failure that says
          // what happened.
          throw new UdbException(
              ErrorCode.JOB_FAILED,
              "Airbyte job "
                  + current.jobId()
                  + " was cancelled in Airbyte; nothing was read, sync again when it should run");
      default ->
          throw new UdbException(
              ErrorCode.JOB_FAILED,
              "Airbyte job "
                  + current.jobId()
                  + " of connection "
                  + settings.connectionId()
                  + " failed; see its attempts and logs in Airbyte");
    };
  }

  private UdbException timedOut(
      AirbyteApi api, AirbyteSettings settings, AirbyteJob current, History history) {
    String cancelled = "";
    if (settings.cancelOnTimeout()) {
      cancel(api, settings, current, history, "the timeout passed");
      cancelled = "; it was cancelled in Airbyte";
    }
    return new UdbException(
        ErrorCode.JOB_FAILED,
        "Airbyte job "
            + current.jobId()
            + " did not finish within "
            + settings.timeout()
            + " (last status "
            + current.status().apiName()
            + ")"
            + cancelled
            + "; raise 'timeout' if syncs take longer");
  }

  private static void cancel(
      AirbyteApi api, AirbyteSettings settings, AirbyteJob current, History history, String why) {
    // A cancelled UDB job's thread is interrupted, which would abort this last call at once.
    boolean interrupted = Thread.interrupted();
    try {
      AirbyteJob cancelled =
          api.cancel(
              current.jobId(),
              ResilientHttpClient.Deadline.in(settings.requestTimeout().multipliedBy(2)));
      history.add(cancelled);
      LOG.info("Airbyte job {} cancelled because {}", current.jobId(), why);
    } catch (UdbException e) {
      LOG.warn(
          "Cancelling Airbyte job {} because {} failed: {}", current.jobId(), why, e.getMessage());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The UDB job's progress for an Airbyte status: the Airbyte job covers the first half; while it
   * runs, progress grows with the time it has run, since Airbyte reports no fraction.
   */
  static double progressOf(AirbyteJobStatus status, long startedNanos) {
    return switch (status) {
      case PENDING, QUEUED -> 0.02;
      case SUCCEEDED -> SYNC_SHARE;
      case FAILED, CANCELLED -> 0.0;
      default -> {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        yield 0.05 + (SYNC_SHARE - 0.1) * seconds / (seconds + 60.0);
      }
    };
  }

  /** Waits, returning early on cancellation or interruption (the interrupt flag stays set). */
  private static void sleep(Duration wait, JobContext job) {
    long end = System.nanoTime() + wait.toNanos();
    while (!job.isCancelled()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(SLEEP_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void writeHistory(JobContext job, History history) {
    try {
      job.writeArtifact(
          "airbyte-job-" + history.jobId + ".json",
          "application/json",
          Json.write(history.toMap()).getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      LOG.warn("Could not keep the history of Airbyte job {}: {}", history.jobId, e.getMessage());
    }
  }

  private static String resource(String name) {
    try (InputStream in = AirbyteConnector.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statuses an Airbyte job went through, as UDB saw them. */
  private static final class History {
    private final long jobId;
    private final Clock clock;
    private final List<Map<String, Object>> statuses = new ArrayList<>();
    private AirbyteJob last;

    History(AirbyteJob first, Clock clock) {
      this.jobId = first.jobId();
      this.clock = clock;
      add(first);
    }

    void add(AirbyteJob job) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("status", job.rawStatus() == null ? job.status().apiName() : job.rawStatus());
      entry.put("seenAt", clock.instant().toString());
      entry.put("lastUpdatedAt", job.lastUpdatedAt());
      statuses.add(entry);
      last = job;
    }

    void last(AirbyteJob job) {
      last = job;
    }

    Map<String, Object> toMap() {
      Map<String, Object> out = new LinkedHashMap<>(last.toMap());
      out.put("history", statuses);
      return out;
    }
  }
}

package io.udb.ingest.http;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.job.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads a paged JSON REST endpoint as one stream.
 *
 * <p>Pages are requested by page number, offset and limit, a cursor taken from the response body,
 * or the {@code Link} header; the records are found at {@code records-path} (a JSON pointer or a
 * dotted path). The columns are inferred from the first {@code schema-pages} pages (see {@link
 * RecordSchema}): top-level fields become columns, nested objects and arrays JSON text. Requests
 * authenticate with a bearer token (secret {@code token}), an API key in a header or query
 * parameter (secret {@code api-key}), or the tenant's OAuth2 connection to a provider, whose access
 * token an {@link AccessTokenSource} gives (and refreshes) for every page. Rate limits (429 with
 * {@code Retry-After}) and transient failures are retried within bounds, every page has a timeout
 * and the whole read a deadline; redirects and next-page links are followed only on the endpoint's
 * own origin.
 *
 * <p>Endpoints are read in FULL mode only. Outside a job ({@link #test}, {@link #discover}) an
 * OAuth2 connection needs the tenant in the setting {@value #TENANT_SETTING}, which the connection
 * service sets. Thread-safe.
 */
public final class HttpConnector implements Connector {
  /** The connector's name. */
  public static final String NAME = "http";

  /** The setting that names the tenant outside a job; set by UDB, never by users. */
  public static final String TENANT_SETTING = "udb.tenant";

  /** The largest response body accepted by default. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(HttpConnector.class);
  private static final Set<Integer> RETRY_STATUSES = Set.of(429, 502, 503, 504);

  private final ResilientHttpClient http;
  private final AccessTokenSource tokens;
  private final String schema;

  /** A connector for public endpoints, without OAuth2, with the system clock. */
  public HttpConnector() {
    this(NetworkPolicy.publicOnly(), null, Clock.systemUTC(), DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * A connector.
   *
   * @param network which hosts may be called
   * @param tokens OAuth2 access tokens, or {@code null} when OAuth2 is not available
   * @param clock the clock for {@code Retry-After} dates
   * @param maxResponseBytes the largest response body accepted
   */
  public HttpConnector(
      NetworkPolicy network, AccessTokenSource tokens, Clock clock, long maxResponseBytes) {
    this.http =
        new ResilientHttpClient(
            ResilientHttpClient.newJdkClient(Duration.ofSeconds(10)),
            Objects.requireNonNull(network, "network"),
            clock,
            maxResponseBytes);
    this.tokens = tokens;
    this.schema = resource("http.schema.json");
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
      HttpSettings settings = HttpSettings.of(config);
      Pager pager = pager(settings, tenantSetting(config), () -> false);
      Pager.Page page = pager.next();
      return new ConnectionCheck(
          true,
          "Read "
              + page.records().size()
              + " records from the first page of "
              + ResilientHttpClient.display(settings.url()));
    } catch (UdbException e) {
      return new ConnectionCheck(false, e.getMessage());
    }
  }

  @Override
  public List<StreamInfo> discover(ConnectorConfig config) {
    HttpSettings settings = HttpSettings.of(config);
    Pager pager = pager(settings, tenantSetting(config), () -> false);
    RecordSchema records = new RecordSchema();
    sample(pager, settings, records, page -> {});
    return List.of(
        new StreamInfo(settings.stream(), records.columns(), Set.of(SyncMode.FULL), null));
  }

  @Override
  public SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader) {
    HttpSettings settings = HttpSettings.of(config);
    if (request.mode() != SyncMode.FULL) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "HTTP stream '" + settings.stream() + "' can only be synced in FULL mode");
    }
    if (!request.streams().isEmpty() && !request.streams().equals(List.of(settings.stream()))) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Unknown streams "
              + request.streams()
              + "; this connection has '"
              + settings.stream()
              + "'");
    }
    JobContext job = request.job();
    Pager pager = pager(settings, job.tenant(), job::isCancelled);
    RecordSchema records = new RecordSchema();
    List<Pager.Page> sampled = new ArrayList<>();
    sample(
        pager,
        settings,
        records,
        page -> {
          sampled.add(page);
          progress(job, pager);
        });
    List<ColumnInfo> columns = records.columns();
    if (columns.isEmpty()) {
      LOG.info("Stream {} returned no records; its table is left as it is", settings.stream());
      return new SyncResult(
          List.of(new LoadResult(settings.stream(), 0, 0, 0, List.of())), Map.of());
    }
    PagedRows rows = new PagedRows(sampled, pager, records, job);
    LoadResult load = loader.loadRows(settings.stream(), columns, rows);
    if (!records.unexpectedFields().isEmpty()) {
      LOG.warn(
          "Stream {}: fields {} appeared after the columns were inferred from the first {} page(s)"
              + " and were not loaded; raise 'schema-pages'",
          settings.stream(),
          records.unexpectedFields(),
          settings.schemaPages());
    }
    LOG.info(
        "Stream {}: {} pages, {} records", settings.stream(), pager.pagesFetched(), rows.count);
    return new SyncResult(List.of(load), Map.of());
  }

  private static void sample(
      Pager pager, HttpSettings settings, RecordSchema records, Consumer<Pager.Page> each) {
    for (int i = 0; i < settings.schemaPages(); i++) {
      Pager.Page page = pager.next();
      if (page == null) {
        break;
      }
      page.records().forEach(records::observe);
      each.accept(page);
    }
    records.freeze();
  }

  private static void progress(JobContext job, Pager pager) {
    job.throwIfCancelled();
    // The page count is unknown up front, so progress approaches 1 without reaching it.
    int pages = pager.pagesFetched();
    job.progress(pages / (pages + 10.0));
  }

  private Pager pager(HttpSettings settings, TenantId tenant, BooleanSupplier cancelled) {
    HttpSettings.Auth auth = settings.auth();
    Consumer<HttpRequest.Builder> authentication =
        switch (auth.type()) {
          case NONE -> builder -> {};
          case BEARER ->
              builder -> builder.header("Authorization", "Bearer " + auth.secret().reveal());
          case API_KEY ->
              auth.header() == null
                  ? builder -> {}
                  : builder -> builder.header(auth.header(), auth.secret().reveal());
          case OAUTH2 -> oauth(auth.provider(), tenant);
        };
    Map<String, String> authQuery =
        auth.type() == HttpSettings.AuthType.API_KEY && auth.queryParam() != null
            ? Map.of(auth.queryParam(), auth.secret().reveal())
            : Map.of();
    RetryPolicy retry =
        new RetryPolicy(
            settings.maxRetries(),
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            settings.maxRetryWait(),
            RETRY_STATUSES);
    return new Pager(
        settings,
        http,
        retry,
        ResilientHttpClient.Deadline.in(settings.deadline()),
        cancelled,
        authentication,
        authQuery);
  }

  private Consumer<HttpRequest.Builder> oauth(String provider, TenantId tenant) {
    if (tokens == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "OAuth2 authentication is not available: this UDB has no OAuth2 providers configured");
    }
    if (tenant == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "OAuth2 authentication needs the tenant; use the connection service or set "
              + TENANT_SETTING);
    }
    // A fresh token for every page: the source refreshes it when it is about to expire.
    return builder ->
        builder.header("Authorization", "Bearer " + tokens.accessToken(tenant, provider).reveal());
  }

  private static TenantId tenantSetting(ConnectorConfig config) {
    return config.settings().raw(TENANT_SETTING).map(TenantId::of).orElse(null);
  }

  private static String resource(String name) {
    try (InputStream in = HttpConnector.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of the sampled pages, then of the pages still to come, fetched as needed. */
  private static final class PagedRows implements Iterator<List<Object>> {
    private final Iterator<Pager.Page> sampled;
    private final Pager pager;
    private final RecordSchema records;
    private final JobContext job;
    private Iterator<JsonNode> current = List.<JsonNode>of().iterator();
    private boolean exhausted;
    private long count;

    PagedRows(List<Pager.Page> sampled, Pager pager, RecordSchema records, JobContext job) {
      this.sampled = sampled.iterator();
      this.pager = pager;
      this.records = records;
      this.job = job;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && !exhausted) {
        Pager.Page page;
        if (sampled.hasNext()) {
          page = sampled.next();
        } else {
          job.throwIfCancelled();
          page = pager.next();
          if (page != null) {
            progress(job, pager);
          }
        }
        if (page == null) {
          exhausted = true;
        } else {
          current = page.records().iterator();
        }
      }
      return current.hasNext();
    }

    @Override
    public List<Object> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      count++;
      return records.row(current.next());
    }
  }
}

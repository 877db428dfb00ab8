package io.udb.spring.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The udb.* properties. A property left unset keeps the library's own default (named in each
 * property's description), so that defaults live in one place: EngineSettings, JobLimits,
 * DataBoxBuilder and the plugins themselves.
 */
@ConfigurationProperties("udb")
public class UdbProperties {

  /** Where the data lives. */
  private final Storage storage = new Storage();

  /** Limits of the embedded engine, applied to every tenant database. */
  private final Engine engine = new Engine();

  /** Job concurrency. */
  private final Jobs jobs = new Jobs();

  /** Which plugins the DataBox uses, by name. */
  private final Plugins plugins = new Plugins();

  /** Timing of leader election and job leases between nodes sharing a job store. */
  private final Cluster cluster = new Cluster();

  /** Scheduled pruning of old artifacts and finished job records. */
  private final Retention retention = new Retention();

  /** Token verification of the HTTP API and of DataBox.authenticate. */
  private final Security security = new Security();

  /** File ingest limits. */
  private final Ingest ingest = new Ingest();

  /** KPI service. */
  private final Kpi kpi = new Kpi();

  /** The demo application. */
  private final Demo demo = new Demo();

  /**
   * This node's id, recorded as the owner of its jobs so that the jobs a crashed run left
   * unfinished are settled on the next start; keep it stable across restarts. Default: the
   * library's local.
   */
  private String nodeId;

  /**
   * Plugin and security settings passed to the DataBox as they are, e.g.
   * udb.settings.job-store.jdbc.url or udb.settings.security.quota.default.max-rows-per-table (keys
   * and defaults in docs/configuration.md and docs/security.md). The typed udb.security.*
   * properties win over the same keys given here.
   */
  private Map<String, String> settings = new LinkedHashMap<>();

  public Storage getStorage() {
    return storage;
  }

  public Engine getEngine() {
    return engine;
  }

  public Jobs getJobs() {
    return jobs;
  }

  public Cluster getCluster() {
    return cluster;
  }

  public Retention getRetention() {
    return retention;
  }

  public Plugins getPlugins() {
    return plugins;
  }

  public Security getSecurity() {
    return security;
  }

  public Ingest getIngest() {
    return ingest;
  }

  public Kpi getKpi() {
    return kpi;
  }

  public Demo getDemo() {
    return demo;
  }

  public String getNodeId() {
    return nodeId;
  }

  public void setNodeId(String nodeId) {
    this.nodeId = nodeId;
  }

  public Map<String, String> getSettings() {
    return settings;
  }

  public void setSettings(Map<String, String> settings) {
    this.settings = settings;
  }

  /** Where tenant databases, spool folders and artifacts live. */
  public static class Storage {
    /**
     * Folder holding tenant databases, spool folders and artifacts; created if absent. Ignored when
     * udb.storage.in-memory is true.
     */
    private String path = "./udb-data";

    /**
     * Keep tenant databases in memory and files in a temporary folder removed on shutdown (tests,
     * demos); nothing survives a restart.
     */
    private boolean inMemory = false;

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public boolean isInMemory() {
      return inMemory;
    }

    public void setInMemory(boolean inMemory) {
      this.inMemory = inMemory;
    }
  }

  /** Overrides of EngineSettings.defaults(); an unset property keeps the default. */
  public static class Engine {
    /** DuckDB worker threads of each tenant database. Default: 2 (EngineSettings). */
    private Integer threadsPerTenant;

    /**
     * DuckDB memory limit of each tenant database in DuckDB's units, e.g. 512MB or 2GB; a query
     * exceeding it fails with SQL_RESOURCE_LIMIT. Default: 1GB.
     */
    private String memoryLimit;

    /** How much one tenant's queries may spill to disk, in DuckDB's units. Default: 4GB. */
    private String maxTempDirectorySize;

    /** Longest a user query may run before it is cancelled with SQL_TIMEOUT. Default: 30s. */
    private Duration queryTimeout;

    /** Most rows a user query returns; beyond them the result is truncated. Default: 10000. */
    private Integer maxRows;

    /** How long an unused file-backed tenant database stays open. Default: 10m. */
    private Duration idleTimeout;

    /** Concurrent queries per tenant; more wait for a free connection. Default: 4. */
    private Integer maxConnectionsPerTenant;

    /**
     * Most a user query's result may hold in the heap (estimated); larger results fail with
     * SQL_RESOURCE_LIMIT. Default: 64MB.
     */
    private DataSize maxResultSize;

    public Integer getThreadsPerTenant() {
      return threadsPerTenant;
    }

    public void setThreadsPerTenant(Integer threadsPerTenant) {
      this.threadsPerTenant = threadsPerTenant;
    }

    public String getMemoryLimit() {
      return memoryLimit;
    }

    public void setMemoryLimit(String memoryLimit) {
      this.memoryLimit = memoryLimit;
    }

    public String getMaxTempDirectorySize() {
      return maxTempDirectorySize;
    }

    public void setMaxTempDirectorySize(String maxTempDirectorySize) {
      this.maxTempDirectorySize = maxTempDirectorySize;
    }

    public Duration getQueryTimeout() {
      return queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
      this.queryTimeout = queryTimeout;
    }

    public Integer getMaxRows() {
      return maxRows;
    }

    public void setMaxRows(Integer maxRows) {
      this.maxRows = maxRows;
    }

    public Duration getIdleTimeout() {
      return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
    }

    public Integer getMaxConnectionsPerTenant() {
      return maxConnectionsPerTenant;
    }

    public void setMaxConnectionsPerTenant(Integer maxConnectionsPerTenant) {
      this.maxConnectionsPerTenant = maxConnectionsPerTenant;
    }

    public DataSize getMaxResultSize() {
      return maxResultSize;
    }

    public void setMaxResultSize(DataSize maxResultSize) {
      this.maxResultSize = maxResultSize;
    }

    /**
     * The engine plugin serving tenants without a route of their own: duckdb (built in) or e.g.
     * spark (udb-spark on the class path, configured under udb.settings.engine.spark.*). Default:
     * duckdb.
     */
    private String name;

    /**
     * Engine plugin per tenant id, e.g. udb.engine.tenants.acme=spark, for tenants whose datasets
     * live on another engine than the default.
     */
    private Map<String, String> tenants = new LinkedHashMap<>();

    /**
     * Engine plugin per dataset of a tenant, e.g. udb.engine.datasets.acme.orders=spark: that one
     * dataset is read on the named engine, the tenant's other tables, state and ad-hoc SQL stay on
     * the tenant's engine. Table names with dots go in brackets: udb.engine.datasets.acme[a.b].
     */
    private Map<String, Map<String, String>> datasets = new LinkedHashMap<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Map<String, String> getTenants() {
      return tenants;
    }

    public void setTenants(Map<String, String> tenants) {
      this.tenants = tenants;
    }

    public Map<String, Map<String, String>> getDatasets() {
      return datasets;
    }

    public void setDatasets(Map<String, Map<String, String>> datasets) {
      this.datasets = datasets;
    }
  }

  /** Overrides of ClusterSettings.defaults(); an unset property keeps the default. */
  public static class Cluster {
    /** How long a leader's claim lasts without renewal. Default: 30s. */
    private Duration leaderLease;

    /**
     * How often each node runs the scheduler's tick; shorter than the leader lease. Default: 5s.
     */
    private Duration tick;

    /** How long a running job's lease lasts without a heartbeat. Default: 60s. */
    private Duration jobLease;

    /**
     * How often a node renews the leases of its running jobs; shorter than the job lease. Default:
     * 10s.
     */
    private Duration heartbeat;

    public Duration getLeaderLease() {
      return leaderLease;
    }

    public void setLeaderLease(Duration leaderLease) {
      this.leaderLease = leaderLease;
    }

    public Duration getTick() {
      return tick;
    }

    public void setTick(Duration tick) {
      this.tick = tick;
    }

    public Duration getJobLease() {
      return jobLease;
    }

    public void setJobLease(Duration jobLease) {
      this.jobLease = jobLease;
    }

    public Duration getHeartbeat() {
      return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
      this.heartbeat = heartbeat;
    }
  }

  /** The scheduled task udb.retention; off unless older-than is set. */
  public static class Retention {
    /** Artifacts and finished job records older than this are removed. Default: none (off). */
    private Duration olderThan;

    /** How often the task runs, on one node. Default: 1h. */
    private Duration every = Duration.ofHours(1);

    public Duration getOlderThan() {
      return olderThan;
    }

    public void setOlderThan(Duration olderThan) {
      this.olderThan = olderThan;
    }

    public Duration getEvery() {
      return every;
    }

    public void setEvery(Duration every) {
      this.every = every;
    }
  }

  /** Overrides of JobLimits.defaults(); an unset property keeps the default. */
  public static class Jobs {
    /** Worker threads shared by all tenants. Default: 4 (JobLimits). */
    private Integer maxConcurrent;

    /** Jobs of one tenant running at once; the rest wait in its queue. Default: 2. */
    private Integer maxConcurrentPerTenant;

    /** Jobs of one tenant waiting; more are refused with JOB_REJECTED. Default: 100. */
    private Integer maxQueuedPerTenant;

    public Integer getMaxConcurrent() {
      return maxConcurrent;
    }

    public void setMaxConcurrent(Integer maxConcurrent) {
      this.maxConcurrent = maxConcurrent;
    }

    public Integer getMaxConcurrentPerTenant() {
      return maxConcurrentPerTenant;
    }

    public void setMaxConcurrentPerTenant(Integer maxConcurrentPerTenant) {
      this.maxConcurrentPerTenant = maxConcurrentPerTenant;
    }

    public Integer getMaxQueuedPerTenant() {
      return maxQueuedPerTenant;
    }

    public void setMaxQueuedPerTenant(Integer maxQueuedPerTenant) {
      this.maxQueuedPerTenant = maxQueuedPerTenant;
    }
  }

  /**
   * Plugins selected by name among those found through META-INF/services. A Spring bean of the SPI
   * type (e.g. a JobStore) is used instead of the named plugin.
   */
  public static class Plugins {
    /** Job store plugin: memory or jdbc built in. Default: memory. */
    private String jobStore;

    /** Artifact store plugin: filesystem built in. Default: filesystem. */
    private String artifactStore;

    /**
     * Event sink plugins (logging, memory built in; empty for none); event sink beans are added to
     * them. Default: [logging].
     */
    private List<String> eventSinks;

    /**
     * Secrets provider plugin: env, memory or encrypted-file built in. Default: none, so no secret
     * resolves (unless a SecretsProvider bean exists).
     */
    private String secretsProvider;

    public String getJobStore() {
      return jobStore;
    }

    public void setJobStore(String jobStore) {
      this.jobStore = jobStore;
    }

    public String getArtifactStore() {
      return artifactStore;
    }

    public void setArtifactStore(String artifactStore) {
      this.artifactStore = artifactStore;
    }

    public List<String> getEventSinks() {
      return eventSinks;
    }

    public void setEventSinks(List<String> eventSinks) {
      this.eventSinks = eventSinks;
    }

    public String getSecretsProvider() {
      return secretsProvider;
    }

    public void setSecretsProvider(String secretsProvider) {
      this.secretsProvider = secretsProvider;
    }
  }

  /**
   * How bearer tokens are verified; these map onto the security.auth.* settings (more keys, e.g.
   * claims.tenant, through udb.settings.security.auth.*). Without a secret or a JWKS the
   * application refuses to start, unless udb.demo.enabled=true or the HTTP API is off
   * (udb.web.enabled=false, or Spring MVC absent).
   */
  public static class Security {
    /**
     * Base64 of at least 32 random bytes: the HMAC (HS256) secret tokens are signed with (*
     * security.auth.hmac-secret). Default: the environment variable UDB_JWT_SECRET.
     */
    private String jwtSecret;

    /** URL of a JWKS document with the token verification keys (security.auth.jwks-url). */
    private String jwksUrl;

    /** Local JWKS document with the token verification keys (security.auth.jwks-file). */
    private String jwksFile;

    /** Required iss claim (security.auth.issuer). Default: any issuer. */
    private String issuer;

    /** A value the aud claim must contain (security.auth.audience). Default: any. */
    private String audience;

    /** Tolerance for exp, nbf and iat (security.auth.clock-skew). Default: 30s (JwtSettings). */
    private Duration clockSkew;

    public String getJwtSecret() {
      return jwtSecret;
    }

    public void setJwtSecret(String jwtSecret) {
      this.jwtSecret = jwtSecret;
    }

    public String getJwksUrl() {
      return jwksUrl;
    }

    public void setJwksUrl(String jwksUrl) {
      this.jwksUrl = jwksUrl;
    }

    public String getJwksFile() {
      return jwksFile;
    }

    public void setJwksFile(String jwksFile) {
      this.jwksFile = jwksFile;
    }

    public String getIssuer() {
      return issuer;
    }

    public void setIssuer(String issuer) {
      this.issuer = issuer;
    }

    public String getAudience() {
      return audience;
    }

    public void setAudience(String audience) {
      this.audience = audience;
    }

    public Duration getClockSkew() {
      return clockSkew;
    }

    public void setClockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
    }
  }

  /** Overrides of IngestSettings.defaults(). */
  public static class Ingest {
    /** Largest upload or file one load accepts. Default: 2GB (IngestSettings). */
    private DataSize maxUploadSize;

    /** Most rows one load may read. Default: unlimited. */
    private Long maxRows;

    public DataSize getMaxUploadSize() {
      return maxUploadSize;
    }

    public void setMaxUploadSize(DataSize maxUploadSize) {
      this.maxUploadSize = maxUploadSize;
    }

    public Long getMaxRows() {
      return maxRows;
    }

    public void setMaxRows(Long maxRows) {
      this.maxRows = maxRows;
    }
  }

  /** The KPI service. */
  public static class Kpi {
    /** The KPI result cache. */
    private final Cache cache = new Cache();

    public Cache getCache() {
      return cache;
    }

    /** Overrides of KpiCache.defaults(); both must be set to take effect together. */
    public static class Cache {
      /**
       * Most numbers (periods and dimension values) the cache holds over all entries. Default:
       * 1000000 (KpiCache).
       */
      private Long maxCells;

      /** How long a cached KPI result lives at most. Default: 1h. */
      private Duration expireAfterWrite;

      public Long getMaxCells() {
        return maxCells;
      }

      public void setMaxCells(Long maxCells) {
        this.maxCells = maxCells;
      }

      public Duration getExpireAfterWrite() {
        return expireAfterWrite;
      }

      public void setExpireAfterWrite(Duration expireAfterWrite) {
        this.expireAfterWrite = expireAfterWrite;
      }
    }
  }

  /** The demo application (udb-examples). */
  public static class Demo {
    /**
     * Run as the demo: a missing JWT secret does not stop start-up (the demo generates one and
     * prints an admin token). Never enable it in production.
     */
    private boolean enabled = false;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }
}

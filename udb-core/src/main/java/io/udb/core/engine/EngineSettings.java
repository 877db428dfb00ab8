package io.udb.core.engine;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Limits and resources of the embedded engine, applied to every tenant database. The defaults live
 * here, in one place; the Spring starter only overrides them.
 *
 * @param threadsPerTenant DuckDB worker threads per tenant database
 * @param memoryLimit DuckDB memory limit per tenant database, e.g. {@code 1GB}
 * @param maxTempDirectorySize how much a tenant's queries may spill to disk, e.g. {@code 4GB}
 * @param queryTimeout the longest a user query may run
 * @param maxRows the most rows a user query returns
 * @param idleTimeout how long an unused tenant database stays open
 * @param maxConnectionsPerTenant concurrent queries per tenant; more wait for a free connection
 * @param maxResultBytes the most a user query's result may hold in the JVM heap, estimated from its
 *     values; a larger result fails with {@code SQL_RESOURCE_LIMIT} instead of exhausting the heap
 */
public record EngineSettings(
    int threadsPerTenant,
    String memoryLimit,
    String maxTempDirectorySize,
    Duration queryTimeout,
    int maxRows,
    Duration idleTimeout,
    int maxConnectionsPerTenant,
    long maxResultBytes) {

  private static final long DEFAULT_MAX_RESULT_BYTES = 64L * 1024 * 1024;

  private static final Pattern SIZE =
      Pattern.compile("\\d{1,7}(\\.\\d{1,3})?\\s?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)");

  /** Validates every value, so that nothing malformed reaches DuckDB's configuration. */
  public EngineSettings {
    Objects.requireNonNull(memoryLimit, "memoryLimit");
    Objects.requireNonNull(maxTempDirectorySize, "maxTempDirectorySize");
    Objects.requireNonNull(queryTimeout, "queryTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    require(threadsPerTenant >= 1 && threadsPerTenant <= 256, "threadsPerTenant must be 1..256");
    require(SIZE.matcher(memoryLimit).matches(), "memoryLimit must look like 512MB or 2GB");
    require(
        SIZE.matcher(maxTempDirectorySize).matches(),
        "maxTempDirectorySize must look like 512MB or 2GB");
    require(!queryTimeout.isNegative() && !queryTimeout.isZero(), "queryTimeout must be positive");
    require(maxRows >= 1, "maxRows must be at least 1");
    require(!idleTimeout.isNegative() && !idleTimeout.isZero(), "idleTimeout must be positive");
    require(maxConnectionsPerTenant >= 1, "maxConnectionsPerTenant must be at least 1");
    require(maxResultBytes >= 1024, "maxResultBytes must be at least 1024");
  }

  /**
   * Settings without a result size cap of their own: it defaults to 64 MiB.
   *
   * @param threadsPerTenant DuckDB worker threads per tenant database
   * @param memoryLimit DuckDB memory limit per tenant database
   * @param maxTempDirectorySize how much a tenant's queries may spill to disk
   * @param queryTimeout the longest a user query may run
   * @param maxRows the most rows a user query returns
   * @param idleTimeout how long an unused tenant database stays open
   * @param maxConnectionsPerTenant concurrent queries per tenant
   */
  public EngineSettings(
      int threadsPerTenant,
      String memoryLimit,
      String maxTempDirectorySize,
      Duration queryTimeout,
      int maxRows,
      Duration idleTimeout,
      int maxConnectionsPerTenant) {
    this(
        threadsPerTenant,
        memoryLimit,
        maxTempDirectorySize,
        queryTimeout,
        maxRows,
        idleTimeout,
        maxConnectionsPerTenant,
        DEFAULT_MAX_RESULT_BYTES);
  }

  /**
   * Defaults: 2 threads, 1GB memory, 4GB spill, 30s timeout, 10 000 rows, 10 min idle, 4
   * connections, 64 MiB of result per query.
   */
  public static EngineSettings defaults() {
    return new EngineSettings(
        2, "1GB", "4GB", Duration.ofSeconds(30), 10_000, Duration.ofMinutes(10), 4);
  }

  /**
   * A copy with another query timeout.
   *
   * @param timeout the timeout
   * @return the settings
   */
  public EngineSettings withQueryTimeout(Duration timeout) {
    return new EngineSettings(
        threadsPerTenant,
        memoryLimit,
        maxTempDirectorySize,
        timeout,
        maxRows,
        idleTimeout,
        maxConnectionsPerTenant,
        maxResultBytes);
  }

  /**
   * A copy with another row cap.
   *
   * @param rows the cap
   * @return the settings
   */
  public EngineSettings withMaxRows(int rows) {
    return new EngineSettings(
        threadsPerTenant,
        memoryLimit,
        maxTempDirectorySize,
        queryTimeout,
        rows,
        idleTimeout,
        maxConnectionsPerTenant,
        maxResultBytes);
  }

  /**
   * A copy with another memory limit.
   *
   * @param limit e.g. {@code 512MB}
   * @return the settings
   */
  public EngineSettings withMemoryLimit(String limit) {
    return new EngineSettings(
        threadsPerTenant,
        limit,
        maxTempDirectorySize,
        queryTimeout,
        maxRows,
        idleTimeout,
        maxConnectionsPerTenant,
        maxResultBytes);
  }

  /**
   * A copy with another idle timeout.
   *
   * @param timeout the timeout
   * @return the settings
   */
  public EngineSettings withIdleTimeout(Duration timeout) {
    return new EngineSettings(
        threadsPerTenant,
        memoryLimit,
        maxTempDirectorySize,
        queryTimeout,
        maxRows,
        timeout,
        maxConnectionsPerTenant,
        maxResultBytes);
  }

  /**
   * A copy with another thread count.
   *
   * @param threads threads per tenant
   * @return the settings
   */
  public EngineSettings withThreadsPerTenant(int threads) {
    return new EngineSettings(
        threads,
        memoryLimit,
        maxTempDirectorySize,
        queryTimeout,
        maxRows,
        idleTimeout,
        maxConnectionsPerTenant,
        maxResultBytes);
  }

  /**
   * A copy with another result size cap.
   *
   * @param bytes the most an estimated result may hold, at least 1024
   * @return the settings
   */
  public EngineSettings withMaxResultBytes(long bytes) {
    return new EngineSettings(
        threadsPerTenant,
        memoryLimit,
        maxTempDirectorySize,
        queryTimeout,
        maxRows,
        idleTimeout,
        maxConnectionsPerTenant,
        bytes);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new UdbException(ErrorCode.CONFIG_INVALID, "Engine setting invalid: " + message);
    }
  }
}

package io.udb.bench;

import io.udb.api.TenantId;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.core.engine.EngineSettings;
import io.udb.core.json.Json;
import io.udb.core.observe.UdbMetrics;
import io.udb.quality.profile.Profile;
import io.udb.quality.profile.ProfileJson;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.ProfileReport;
import io.udb.quality.profile.Profiler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Generates the {@link ProfileBenchmark}'s table with the given number of rows, profiles it once
 * (exact, full) and renders its JSON and HTML, then prints the row count, the time and the JVM
 * heap's peak use. Meant to be run in a JVM with a small heap ({@code -Xmx256m}) to show that the
 * heap does not hold the data set.
 *
 * <p>Usage: {@code ProfileOnce [rows]} (default 3,000,000). Exits with status 1 on failure.
 */
public final class ProfileOnce {
  private ProfileOnce() {}

  /**
   * Runs one profile.
   *
   * @param args optional row count
   * @throws Exception when generating or profiling fails
   */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 3_000_000;
    Path root = Files.createTempDirectory("udb-profile-once-");
    try (DuckDbEngine engine =
            DuckDbEngine.onDisk(root, EngineSettings.defaults(), UdbMetrics.noop());
        DuckDbSqlSession session = engine.openSession(TenantId.of("once"))) {
      ProfileBenchmark.createTable(session, rows);
      long start = System.nanoTime();
      Profile profile =
          new Profiler().profile(session, ProfileBenchmark.table(), ProfileOptions.defaults());
      int jsonBytes = Json.write(ProfileJson.toMap(profile)).length();
      int htmlBytes = new ProfileReport().html(profile).length();
      double seconds = (System.nanoTime() - start) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(
          Locale.ROOT,
          "profiled %,d rows x %d columns in %.2f s (%d statements, %d scans); JSON %,d chars,"
              + " HTML %,d chars; max heap %d MiB, peak heap use (sum of pool peaks) %d MiB%n",
          profile.rowCount(),
          profile.columnCount(),
          seconds,
          profile.run().queries(),
          profile.run().scans(),
          jsonBytes,
          htmlBytes,
          Runtime.getRuntime().maxMemory() / (1024 * 1024),
          peak / (1024 * 1024));
      if (profile.rowCount() != rows) {
        System.exit(1);
      }
    } finally {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}

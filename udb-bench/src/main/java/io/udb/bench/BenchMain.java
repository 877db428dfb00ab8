package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the selected benchmarks in this process and prints a Markdown table of UDB's throughput
 * against DuckDB doing the same work directly, with the JVM and machine it ran on.
 *
 * <p>Usage: {@code BenchMain [all | guarded-query | kpi | drift | ingest | profile | spark ...]
 * [--warmup-seconds S] [--measure-seconds S] [--rounds N]}. Progress goes to standard error, the
 * report to standard output.
 */
public final class BenchMain {
  private BenchMain() {}

  /**
   * Runs the benchmarks named in {@code args}; exits with status 2 on a bad command line.
   *
   * @param args benchmark names and options, see {@link BenchOptions}
   * @throws Exception when a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    BenchOptions options;
    List<Benchmark> selected;
    try {
      options = BenchOptions.parse(args);
      selected = select(options.names(), available(Path.of("")));
    } catch (UdbException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(selected, new Harness(options.settings()), System.out, System.err);
  }

  /** The known benchmarks by name, created only when selected. */
  static Map<String, Supplier<Benchmark>> available(Path workingDirectory) {
    Map<String, Supplier<Benchmark>> all = new LinkedHashMap<>();
    all.put(GuardedQueryBenchmark.NAME, () -> GuardedQueryBenchmark.locatingData(workingDirectory));
    all.put(KpiBenchmark.NAME, () -> new KpiBenchmark(KpiBenchmark.DEFAULT_ROWS));
    all.put(DriftBenchmark.NAME, DriftBenchmark::new);
    all.put(IngestBenchmark.NAME, IngestBenchmark::standard);
    all.put(ProfileBenchmark.NAME, ProfileBenchmark::fromSystemProperties);
    all.put(SparkBenchmark.NAME, SparkBenchmark::fromSystemProperties);
    return all;
  }

  /**
   * The benchmarks for the given names, in the order given; {@code all} selects every one.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown name
   */
  static List<Benchmark> select(List<String> names, Map<String, Supplier<Benchmark>> available) {
    List<String> chosen = new ArrayList<>();
    for (String name : names) {
      if (name.equals("all")) {
        available.keySet().stream().filter(n -> !chosen.contains(n)).forEach(chosen::add);
      } else if (!available.containsKey(name)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Unknown benchmark '" + name + "'; choose from all, " + available.keySet());
      } else if (!chosen.contains(name)) {
        chosen.add(name);
      }
    }
    return chosen.stream().map(name -> available.get(name).get()).toList();
  }

  /** Runs the benchmarks one after the other and prints the report to {@code out}. */
  static void run(List<Benchmark> benchmarks, Harness harness, PrintStream out, PrintStream log)
      throws Exception {
    List<Comparison> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Benchmark benchmark : benchmarks) {
      log.println("Running " + benchmark.name() + " ...");
      for (Comparison comparison : benchmark.run(harness, notes::add)) {
        log.println("  " + row(comparison));
        results.add(comparison);
      }
    }
    out.print(report(results, notes, harness.settings()));
  }

  /** The Markdown report: the results table, the machine and the settings. */
  static String report(List<Comparison> results, List<String> notes, HarnessSettings settings) {
    StringBuilder text = new StringBuilder();
    text.append(
            "| benchmark | UDB ops/s | baseline ops/s | ratio (UDB/baseline) | ratio min-max |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (Comparison comparison : results) {
      text.append(row(comparison)).append('\n');
    }
    Runtime runtime = Runtime.getRuntime();
    text.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "Machine: %d available processors, java.version %s (%s), os %s %s %s, max heap %d"
                    + " MiB.%n",
                runtime.availableProcessors(),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                runtime.maxMemory() / (1024 * 1024)))
        .append(
            String.format(
                Locale.ROOT,
                "Settings: %s s warm-up per side, then %d interleaved rounds of %s s per side;"
                    + " medians per side, ratio of medians.%n",
                seconds(settings.warmup().toNanos()),
                settings.rounds(),
                seconds(settings.slice().toNanos())));
    for (String note : notes) {
      text.append("Data: ").append(note).append('\n');
    }
    return text.toString();
  }

  private static String row(Comparison comparison) {
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %.2fx | %.2f-%.2f |",
        comparison.name(),
        rate(comparison.candidateMedian()),
        rate(comparison.baselineMedian()),
        comparison.ratio(),
        comparison.minRatio(),
        comparison.maxRatio());
  }

  /** Whole operations per second, or three significant digits for slow operations (0.162). */
  static String rate(double opsPerSecond) {
    return opsPerSecond >= 100
        ? String.format(Locale.ROOT, "%,.0f", opsPerSecond)
        : String.format(Locale.ROOT, "%.3g", opsPerSecond);
  }

  private static String seconds(long nanos) {
    return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
  }
}

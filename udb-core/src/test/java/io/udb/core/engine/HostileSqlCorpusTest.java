package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableInfo;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the hostile statements of {@code sql/hostile-corpus.tsv} and {@code sql/resource-abuse.tsv}
 * through {@link DuckDbEngine#query} and checks each one's outcome, and that nothing outside the
 * tenant was read, written or reconfigured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSqlCorpusTest {
  private static final String MARKER = "SECRET-MARKER-7F3A9C";
  private static final TenantId TENANT = TenantId.of("acme");
  private static final TenantId OTHER = TenantId.of("other");
  private static final String T_ROWS = "1:alpha,2:beta,3:gamma";
  private static final Pattern REPEAT = Pattern.compile("\\{\\{repeat (\\d+)\\|(.*?)}}");
  private static final Pattern UNICODE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

  @TempDir static Path root;
  @TempDir static Path outside;
  @TempDir static Path limitedRoot;

  private final RecordingMetrics metrics = new RecordingMetrics();
  private DuckDbEngine engine;
  private DuckDbEngine limited;
  private Map<String, String> placeholders;
  private Set<String> filesBefore;
  private List<List<Object>> tenantSettingsBefore;
  private List<List<Object>> otherSettingsBefore;

  @BeforeAll
  void createTenantsAndSecret() throws IOException {
    Path secret = outside.resolve("secret.csv");
    Files.writeString(secret, "name,value\n" + MARKER + ",42\n");
    engine = DuckDbEngine.onDisk(root, EngineSettings.defaults(), metrics);
    createTable(engine);
    try (DuckDbSqlSession session = engine.openSession(OTHER)) {
      session.execute("CREATE TABLE secret_t AS SELECT ?::VARCHAR AS secret", List.of(MARKER));
    }
    limited =
        DuckDbEngine.onDisk(
            limitedRoot,
            EngineSettings.defaults()
                .withQueryTimeout(Duration.ofMillis(300))
                .withMemoryLimit("64MB"),
            UdbMetrics.noop());
    createTable(limited);
    placeholders =
        Map.of(
            "SECRET", secret.toString(),
            "SECRET_DIR", outside.toString(),
            "OTHER_DB", TenantPaths.of(root, OTHER, true).databaseFile().toString(),
            "ROOT", root.toString());
    filesBefore = files();
    tenantSettingsBefore = settings(TENANT);
    otherSettingsBefore = settings(OTHER);
  }

  private static void createTable(DuckDbEngine target) {
    try (DuckDbSqlSession session = target.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'alpha'), (2, 'beta'), (3, 'gamma'))"
              + " v(id, name)",
          List.of());
    }
  }

  @AfterAll
  void closeEngines() {
    engine.close();
    limited.close();
  }

  Stream<CorpusEntry> hostileCorpus() {
    return load("/sql/hostile-corpus.tsv").stream();
  }

  Stream<CorpusEntry> resourceAbuse() {
    return load("/sql/resource-abuse.tsv").stream();
  }

  @Test
  void corpusCoversEnoughStatementsAndEveryRejectionCode() {
    List<CorpusEntry> corpus = load("/sql/hostile-corpus.tsv");
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(80);
    assertThat(corpus.stream().map(CorpusEntry::expected).collect(Collectors.toSet()))
        .contains(
            "HARMLESS",
            ErrorCode.SQL_NOT_SELECT.name(),
            ErrorCode.SQL_FORBIDDEN.name(),
            ErrorCode.SQL_MULTIPLE_STATEMENTS.name(),
            ErrorCode.SQL_PARSE_ERROR.name(),
            ErrorCode.SQL_UNKNOWN_TABLE.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileCorpus")
  void hostileStatementIsRefusedOrHarmless(CorpusEntry entry) throws IOException {
    String sql = entry.expand(placeholders);
    double rejectedBefore = metrics.total(MetricNames.SQL_REJECTED);
    AtomicReference<QueryResult> result = new AtomicReference<>();
    Throwable thrown =
        catchThrowable(() -> result.set(engine.query(TENANT, sql, QueryOptions.defaults())));

    if (entry.expected().equals("HARMLESS")) {
      if (entry.firstCell() != null) {
        assertThat(thrown).as("must run").isNull();
        assertThat(result.get().rows()).isNotEmpty();
        assertThat(String.valueOf(result.get().rows().get(0).get(0))).isEqualTo(entry.firstCell());
      } else if (thrown != null) {
        assertThat(thrown).isInstanceOf(UdbException.class);
        assertThat(((UdbException) thrown).code()).isEqualTo(ErrorCode.SQL_EXECUTION_ERROR);
      }
      assertThat(metrics.total(MetricNames.SQL_REJECTED)).isEqualTo(rejectedBefore);
    } else {
      assertThat(thrown).as("must be refused").isInstanceOf(SqlRejectedException.class);
      assertThat(((UdbException) thrown).code().name()).isEqualTo(entry.expected());
      assertThat(metrics.total(MetricNames.SQL_REJECTED)).isEqualTo(rejectedBefore + 1);
    }
    if (result.get() != null) {
      assertThat(result.get().rows().toString()).doesNotContain(MARKER);
    }
    if (thrown != null) {
      assertThat(String.valueOf(thrown.getMessage())).doesNotContain(MARKER);
    }
    assertNothingChangedOutsideTheQuery();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resourceAbuse")
  void resourceAbuseStopsAtTheLimits(CorpusEntry entry) {
    Set<String> accepted = Set.of(entry.expected().split("\\|"));

    Throwable thrown =
        catchThrowable(
            () -> limited.query(TENANT, entry.expand(placeholders), QueryOptions.defaults()));

    assertThat(thrown).isInstanceOf(UdbException.class);
    assertThat(((UdbException) thrown).code().name()).isIn(accepted);
    for (int i = 0; i < 3; i++) {
      QueryResult after = limited.query(TENANT, "SELECT count(*) FROM t", QueryOptions.defaults());
      assertThat(after.rows()).containsExactly(List.of(3L));
    }
  }

  private void assertNothingChangedOutsideTheQuery() throws IOException {
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      QueryResult rows =
          session.query(
              "SELECT string_agg(id || ':' || name, ',' ORDER BY id) FROM main.t", List.of());
      assertThat(rows.rows()).containsExactly(List.of(T_ROWS));
    }
    try (DuckDbSqlSession session = engine.openSession(OTHER)) {
      QueryResult rows = session.query("SELECT secret FROM main.secret_t", List.of());
      assertThat(rows.rows()).containsExactly(List.of(MARKER));
    }
    assertThat(engine.listTables(TENANT)).extracting(TableInfo::name).containsExactly("t");
    assertThat(engine.listTables(OTHER)).extracting(TableInfo::name).containsExactly("secret_t");
    assertThat(settings(TENANT)).isEqualTo(tenantSettingsBefore);
    assertThat(settings(OTHER)).isEqualTo(otherSettingsBefore);
    assertThat(files()).isEqualTo(filesBefore);
  }

  private List<List<Object>> settings(TenantId tenant) {
    try (DuckDbSqlSession session = engine.openSession(tenant)) {
      return session
          .query("SELECT name, value FROM duckdb_settings() ORDER BY name", List.of())
          .rows();
    }
  }

  /** Every file and folder below the storage root and the outside folder, but spill and WAL. */
  private static Set<String> files() throws IOException {
    Set<String> found = new TreeSet<>();
    for (Path base : List.of(root, outside)) {
      try (Stream<Path> paths = Files.walk(base)) {
        paths
            .map(p -> base.relativize(p).toString().replace('\\', '/'))
            .filter(p -> !p.matches("tenants/[^/]+/tmp(/.*)?") && !p.endsWith(".wal"))
            .forEach(p -> found.add(base.getFileName() + ":" + p));
      }
    }
    return found;
  }

  private static List<CorpusEntry> load(String resource) {
    InputStream in = HostileSqlCorpusTest.class.getResourceAsStream(resource);
    Objects.requireNonNull(in, resource);
    List<CorpusEntry> entries = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        if (columns.length < 2 || columns.length > 3) {
          throw new IllegalStateException(resource + ":" + number + " needs 2 or 3 columns");
        }
        entries.add(
            new CorpusEntry(
                number, columns[0], columns[1], columns.length == 3 ? columns[2] : null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  /**
   * One line of a corpus file.
   *
   * @param line the line number
   * @param expected the expected outcome
   * @param template the statement with macros, escapes and placeholders
   * @param firstCell for a HARMLESS statement that must succeed, its first cell as text
   */
  record CorpusEntry(int line, String expected, String template, String firstCell) {
    CorpusEntry {
      if (!expected.equals("HARMLESS")) {
        Arrays.stream(expected.split("\\|")).forEach(ErrorCode::valueOf);
      }
    }

    String expand(Map<String, String> placeholders) {
      String text =
          REPEAT
              .matcher(template)
              .replaceAll(
                  m -> Matcher.quoteReplacement(m.group(2).repeat(Integer.parseInt(m.group(1)))));
      text =
          UNICODE
              .matcher(text)
              .replaceAll(
                  m ->
                      Matcher.quoteReplacement(
                          String.valueOf((char) Integer.parseInt(m.group(1), 16))));
      return PLACEHOLDER
          .matcher(text)
          .replaceAll(
              m ->
                  Matcher.quoteReplacement(
                      Objects.requireNonNull(placeholders.get(m.group(1)), m.group(1))));
    }

    @Override
    public String toString() {
      String shown = template.length() > 90 ? template.substring(0, 90) + "..." : template;
      return "line " + line + " " + expected + ": " + shown;
    }
  }
}

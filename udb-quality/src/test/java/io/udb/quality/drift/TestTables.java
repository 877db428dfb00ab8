package io.udb.quality.drift;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loads the repository's vendored test data into tenant tables. */
final class TestTables {
  private static final Set<String> OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=");

  private TestTables() {}

  /** The repository's {@code testdata} folder, found by walking up from the working directory. */
  static Path testdata() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("testdata");
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no testdata/README.md above " + Path.of("").toAbsolutePath());
  }

  /** Loads a CSV of {@code testdata} into a table through DuckDB's reader in the tenant spool. */
  static void loadCsv(DataBox box, TenantId tenant, String file, String table) {
    Path spool = ((DuckDbEngine) box.engine()).spoolDirectory(tenant);
    try (SqlSession session = box.openSession(tenant)) {
      Files.createDirectories(spool);
      Path copy =
          Files.copy(
              testdata().resolve(file), spool.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      session.execute(
          "CREATE OR REPLACE TABLE "
              + session.dialect().table(TableRef.of(table))
              + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true)",
          List.of(copy.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates {@code target} as the rows of {@code source} that pass the expected file's filters. */
  static void slice(
      DataBox box, TenantId tenant, String source, String target, List<Object> filters) {
    try (SqlSession session = box.openSession(tenant)) {
      StringBuilder where = new StringBuilder();
      List<Object> parameters = new ArrayList<>();
      for (Object item : filters) {
        Map<?, ?> filter = (Map<?, ?>) item;
        String op = String.valueOf(filter.get("op"));
        if (!OPERATORS.contains(op)) {
          throw new IllegalArgumentException("unknown filter operator " + op);
        }
        where.append(where.length() == 0 ? " WHERE " : " AND ");
        where
            .append(session.dialect().quoteIdentifier(String.valueOf(filter.get("column"))))
            .append(' ')
            .append(op)
            .append(" ?");
        parameters.add(String.valueOf(filter.get("value")));
      }
      session.execute(
          "CREATE OR REPLACE TABLE "
              + session.dialect().table(TableRef.of(target))
              + " AS SELECT * FROM "
              + session.dialect().table(TableRef.of(source))
              + where,
          parameters);
    }
  }

  /** Reads a file of {@code testdata/expected}. */
  static Map<String, Object> expected(String name) {
    try {
      return Json.readObject(
          Files.readString(testdata().resolve("expected").resolve(name), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a statement in the tenant's database. */
  static void execute(DataBox box, TenantId tenant, String sql) {
    try (SqlSession session = box.openSession(tenant)) {
      session.execute(sql, List.of());
    }
  }
}

package io.udb.quality.analyze;

import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import io.udb.quality.check.Check;
import io.udb.quality.check.CheckJson;
import io.udb.quality.check.CheckSuite;
import io.udb.quality.check.InvalidCheckException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks of an analyze request, parsed with {@link CheckJson}: each may name its table in a
 * {@code "table"} field; the others apply to every table.
 *
 * @param entries each check with the table it is for, or {@code null} for every table
 */
record RequestedChecks(List<Entry> entries) {

  record Entry(String table, Check check) {}

  /**
   * Parses the checks of a request.
   *
   * @throws InvalidCheckException naming the check's index and field
   */
  static RequestedChecks parse(List<Map<String, Object>> checks) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      Map<String, Object> fields = new LinkedHashMap<>(checks.get(i));
      Object table = fields.remove("table");
      if (table != null && !(table instanceof String name && !name.isBlank())) {
        throw new InvalidCheckException(i, "table", "expected the name of an analysed table");
      }
      Check check = CheckJson.parseCheck(i, Json.mapper().valueToTree(fields));
      entries.add(new Entry((String) table, check));
    }
    return new RequestedChecks(List.copyOf(entries));
  }

  /** The tables the checks name. */
  List<String> namedTables() {
    return entries.stream().map(Entry::table).filter(t -> t != null).distinct().toList();
  }

  /** The checks for one table: those naming it and those naming none. */
  CheckSuite suiteFor(TableRef table) {
    String key = table.name().toLowerCase(Locale.ROOT);
    List<Check> checks =
        entries.stream()
            .filter(e -> e.table() == null || e.table().toLowerCase(Locale.ROOT).equals(key))
            .map(Entry::check)
            .toList();
    return new CheckSuite(table, checks);
  }
}

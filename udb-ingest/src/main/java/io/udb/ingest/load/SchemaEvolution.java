package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.SqlSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Makes an existing table fit new rows before they are appended: columns it lacks are added,
 * columns whose new values need a wider type are widened ({@link ColumnTypes#widen}); anything else
 * fails the load with {@code INVALID_ARGUMENT} before a row is written. Column names match as
 * DuckDB matches identifiers, ignoring case.
 */
final class SchemaEvolution {
  private SchemaEvolution() {}

  /**
   * Alters the target so that every staging column fits.
   *
   * @param session the load's open transaction
   * @param target the target table, quoted
   * @param existing the target's columns
   * @param incoming the staging table's columns
   * @return the changes made, in the order of the incoming columns
   */
  static List<SchemaChange> evolve(
      SqlSession session, String target, List<ColumnInfo> existing, List<ColumnInfo> incoming) {
    List<SchemaChange> changes = new ArrayList<>();
    for (ColumnInfo column : incoming) {
      Optional<ColumnInfo> match = find(existing, column.name());
      String quoted = session.dialect().quoteIdentifier(column.name());
      if (match.isEmpty()) {
        session.execute(
            "ALTER TABLE " + target + " ADD COLUMN " + quoted + " " + column.type(), List.of());
        changes.add(new SchemaChange(column.name(), SchemaChange.Kind.ADDED, null, column.type()));
        continue;
      }
      ColumnInfo old = match.get();
      String widened =
          ColumnTypes.widen(old.type(), column.type())
              .orElseThrow(() -> incompatible(old, column.type()));
      if (!ColumnTypes.canonical(widened).equals(ColumnTypes.canonical(old.type()))) {
        session.execute(
            "ALTER TABLE "
                + target
                + " ALTER COLUMN "
                + session.dialect().quoteIdentifier(old.name())
                + " SET DATA TYPE "
                + widened,
            List.of());
        changes.add(new SchemaChange(old.name(), SchemaChange.Kind.WIDENED, old.type(), widened));
      }
    }
    return changes;
  }

  /** The column of that name, ignoring case. */
  static Optional<ColumnInfo> find(List<ColumnInfo> columns, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return columns.stream()
        .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  static UdbException incompatible(ColumnInfo existing, String incomingType) {
    return new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Column '"
            + existing.name()
            + "' is "
            + existing.type()
            + " in the table but "
            + incomingType
            + " in the new data, and neither holds the other's values; load into a new table,"
            + " replace the table, or convert the column first");
  }
}

package io.udb.ingest.load;

import io.udb.api.engine.ColumnInfo;
import io.udb.core.engine.DuckDbSqlSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Stager} works with: the open transaction's session, the names of the staging table
 * and of the rejects staging table (both created inside the transaction, so nobody else ever sees
 * them and a failed or killed load leaves neither behind), the target's current columns and the
 * files the load made, which are removed when it ends.
 */
final class Staging {
  private final DuckDbSqlSession session;
  private final String stagingTable;
  private final String rejectsTable;
  private final Optional<List<ColumnInfo>> existing;
  private final LoadOptions options;
  private final LoadContext context;
  private final List<Path> ownedFiles = new ArrayList<>();

  Staging(
      DuckDbSqlSession session,
      String stagingTable,
      String rejectsTable,
      Optional<List<ColumnInfo>> existing,
      LoadOptions options,
      LoadContext context) {
    this.session = session;
    this.stagingTable = stagingTable;
    this.rejectsTable = rejectsTable;
    this.existing = existing;
    this.options = options;
    this.context = context;
  }

  DuckDbSqlSession session() {
    return session;
  }

  Connection connection() {
    return session.connection();
  }

  /** The staging table's name (unquoted; a reserved {@code __udb_} name). */
  String stagingTable() {
    return stagingTable;
  }

  /** The staging table, quoted. */
  String stagingSql() {
    return session.dialect().quoteIdentifier(stagingTable);
  }

  /** The rejects staging table's name. */
  String rejectsTable() {
    return rejectsTable;
  }

  /** The rejects staging table, quoted. */
  String rejectsSql() {
    return session.dialect().quoteIdentifier(rejectsTable);
  }

  /** The target table's columns, when it exists. */
  Optional<List<ColumnInfo>> existing() {
    return existing;
  }

  /** Whether the new rows are merged into an existing table (append or upsert). */
  boolean mergesIntoExisting() {
    return existing.isPresent() && options.mode() != LoadMode.REPLACE;
  }

  LoadOptions options() {
    return options;
  }

  LoadContext context() {
    return context;
  }

  /** Records a file this load made, to be removed when it ends. */
  Path own(Path file) {
    ownedFiles.add(file);
    return file;
  }

  /** Records a file this load made (for method references). */
  void owned(Path file) {
    ownedFiles.add(file);
  }

  List<Path> ownedFiles() {
    return List.copyOf(ownedFiles);
  }

  /** The name of the engine thread that runs the long read. */
  String threadName() {
    return "udb-load-" + context.tenant().value();
  }
}

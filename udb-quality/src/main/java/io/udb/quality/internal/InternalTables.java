package io.udb.quality.internal;

import io.udb.api.UdbException;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * UDB's own state tables in a tenant's engine (check history, drift baselines), created through the
 * engine's {@link SqlDialect}: where they live ({@link SqlDialect#internalTable}), how they are
 * created and how their timestamps are bound and read back.
 */
public final class InternalTables {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private InternalTables() {}

  /** The definition of one internal table. */
  public record Definition(String name, String columns, List<String> primaryKey) {
    /** Copies the key. */
    public Definition {
      primaryKey = List.copyOf(primaryKey);
    }
  }

  /**
   * Creates the tables that do not exist yet. Checked with a read first: DDL, even a no-op {@code
   * IF NOT EXISTS}, may count as a schema change and drop the tenant's cached SQL guard decisions.
   * Two sessions creating a table at once may conflict in the engine's catalog; the loser finds the
   * table made by the winner.
   *
   * @param session a trusted session of the tenant
   * @param tables the tables
   */
  public static void ensure(SqlSession session, List<Definition> tables) {
    List<String> names = tables.stream().map(Definition::name).toList();
    if (existing(session, names) == names.size()) {
      return;
    }
    try {
      for (Definition table : tables) {
        for (String statement :
            session
                .dialect()
                .createInternalTable(table.name(), table.columns(), table.primaryKey())) {
          session.execute(statement, List.of());
        }
      }
    } catch (UdbException e) {
      if (existing(session, names) != names.size()) {
        throw e;
      }
    }
  }

  private static int existing(SqlSession session, List<String> names) {
    try {
      return session.query(session.dialect().internalTablesQuery(names), List.of()).rowCount();
    } catch (UdbException e) {
      // an engine whose internal namespace does not exist yet cannot list it
      return 0;
    }
  }

  /**
   * The value to bind to {@link SqlDialect#timestampParameter()}.
   *
   * @param instant the time
   * @return the UTC date and time as text, to the microsecond
   */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /**
   * A timestamp column's value read back as the instant it was bound as.
   *
   * @param value the value as the engine returns it: a {@link LocalDateTime}, {@link Instant},
   *     {@link OffsetDateTime} or its ISO text (a space or {@code T} between date and time)
   * @return the instant
   */
  public static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    String text = String.valueOf(value).replace(' ', 'T');
    return text.endsWith("Z") || text.lastIndexOf('+') > 0
        ? OffsetDateTime.parse(text).toInstant()
        : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
  }
}

package io.udb.core.analyze;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.api.job.JobContext;
import io.udb.core.DataBox;
import io.udb.security.authz.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a stage sees of the analyze job it runs in: the box, the request, the caller (when the job
 * was submitted for a principal), the tables analysed so far, and the job itself scoped to the
 * stage.
 *
 * <p>{@link #job()} reports progress within the stage's share of the job; {@link #jobFor} narrows
 * that to one table and, when the job analyses several tables, prefixes the artifacts written
 * through it with the table's name ({@code <table>.profile.json}), so that the stages of several
 * tables never overwrite each other's artifacts. Used from the job's thread only.
 */
public final class AnalyzeContext {
  private final DataBox box;
  private final AnalyzeRequest request;
  private final Principal principal;
  private final Tables tables;
  private final StageJobContext job;

  AnalyzeContext(
      DataBox box,
      AnalyzeRequest request,
      Principal principal,
      Tables tables,
      StageJobContext job) {
    this.box = box;
    this.request = request;
    this.principal = principal;
    this.tables = tables;
    this.job = job;
  }

  /** The box the job runs in. */
  public DataBox box() {
    return box;
  }

  /** The job's tenant. */
  public TenantId tenant() {
    return job.tenant();
  }

  /** The request. */
  public AnalyzeRequest request() {
    return request;
  }

  /**
   * The principal the job was submitted for, whose role decides how data values in reports are
   * masked; empty for a trusted caller (the host's own {@link DataBox}).
   */
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  /** The job, scoped to this stage: progress 0 to 1 covers the stage's share of the job. */
  public JobContext job() {
    return job;
  }

  /** The tables to analyse: the request's, then those loaded by earlier stages. */
  public List<TableRef> tables() {
    return List.copyOf(tables.all);
  }

  /** The tables written by earlier stages of this job (e.g. by {@code sync}). */
  public List<TableRef> loadedTables() {
    return List.copyOf(tables.loaded);
  }

  /**
   * Records that this stage wrote a table, which the later stages then analyse too.
   *
   * @param table the table
   * @throws io.udb.security.authz.AccessDeniedException when the job runs for a principal whose
   *     table grants do not include it
   */
  public void addLoadedTable(TableRef table) {
    Objects.requireNonNull(table, "table");
    if (principal != null) {
      box.security()
          .access()
          .grants()
          .checkTables(principal, Set.of(table.name()), Operation.JOB_START);
    }
    tables.add(table);
  }

  /**
   * The job scoped to one of {@link #tables()}: progress 0 to 1 covers that table's share of this
   * stage, and artifacts get the table's prefix when the job analyses several tables.
   *
   * @param table one of {@link #tables()}
   * @return the scoped job
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a table not analysed
   */
  public JobContext jobFor(TableRef table) {
    List<TableRef> all = tables.all;
    int index = tables.indexOf(table);
    if (index < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Table " + table + " is not analysed by this job");
    }
    double share = 1.0 / all.size();
    return job.part(index * share, (index + 1) * share, artifactPrefix(table));
  }

  /**
   * The job scoped to one of several equal parts of this stage, e.g. one connection of a sync:
   * progress 0 to 1 covers that part's share; artifact names are not changed.
   *
   * @param index the part, from 0
   * @param count how many parts the stage has
   * @return the scoped job
   */
  public JobContext jobPart(int index, int count) {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("part " + index + " of " + count);
    }
    return job.part((double) index / count, (double) (index + 1) / count, "");
  }

  /**
   * The prefix of the artifacts of one table: empty when the job analyses one table, otherwise the
   * table's name reduced to letters, digits, {@code _} and {@code -} (made unique) followed by a
   * dot.
   *
   * @param table one of {@link #tables()}
   * @return the prefix
   */
  public String artifactPrefix(TableRef table) {
    return tables.prefixes().getOrDefault(key(table), "");
  }

  private static String key(TableRef table) {
    return table.name().toLowerCase(Locale.ROOT);
  }

  /** The tables of one job, shared by its stages. */
  static final class Tables {
    private final List<TableRef> all = new ArrayList<>();
    private final List<TableRef> loaded = new ArrayList<>();

    Tables(List<TableRef> requested) {
      all.addAll(requested);
    }

    void add(TableRef table) {
      if (indexOf(table) < 0) {
        all.add(table);
      }
      if (loaded.stream().noneMatch(t -> key(t).equals(key(table)))) {
        loaded.add(table);
      }
    }

    int indexOf(TableRef table) {
      for (int i = 0; i < all.size(); i++) {
        if (key(all.get(i)).equals(key(table))) {
          return i;
        }
      }
      return -1;
    }

    List<String> names() {
      return all.stream().map(TableRef::name).toList();
    }

    Map<String, String> prefixes() {
      Map<String, String> prefixes = new LinkedHashMap<>();
      if (all.size() < 2) {
        return prefixes;
      }
      Set<String> used = new HashSet<>();
      for (int i = 0; i < all.size(); i++) {
        String base = sanitized(all.get(i).name());
        String prefix = base;
        for (int n = 2; !used.add(prefix.toLowerCase(Locale.ROOT)); n++) {
          prefix = base + "-" + n;
        }
        prefixes.put(key(all.get(i)), prefix + ".");
      }
      return prefixes;
    }

    private static String sanitized(String name) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < name.length() && out.length() < 48; i++) {
        char c = name.charAt(i);
        boolean plain =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '_'
                || c == '-';
        out.append(plain ? c : '_');
      }
      return out.toString();
    }
  }
}

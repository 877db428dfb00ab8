package io.udb.quality.analyze;

import io.udb.api.engine.TableRef;
import io.udb.core.analyze.AnalyzeContext;
import io.udb.core.analyze.AnalyzeStage;
import io.udb.core.analyze.StageResult;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@value AnalyzeStage#PROFILE} stage: profiles each table with {@link Profiler#run}, writing
 * {@code profile.json} and {@code profile.html} per table. Its summary is {@code {"tables":
 * [{"table", "rowCount", "columnCount", "duplicateRows", "missingCells", "alerts"}]}} ({@code
 * alerts} is their number). Values in the reports are masked as the job's principal may see them.
 *
 * <p>Thread-safe.
 */
public final class ProfileStage implements AnalyzeStage {
  private final Profiler profiler;
  private final ProfileOptions options;

  /** The stage with a default profiler and {@link ProfileOptions#defaults()}. */
  public ProfileStage() {
    this(new Profiler(), ProfileOptions.defaults());
  }

  /**
   * A stage.
   *
   * @param profiler the profiler
   * @param options what to compute; a job's principal replaces the options' own
   */
  public ProfileStage(Profiler profiler, ProfileOptions options) {
    this.profiler = Objects.requireNonNull(profiler, "profiler");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return PROFILE;
  }

  @Override
  public int order() {
    return PROFILE_ORDER;
  }

  @Override
  public StageResult run(AnalyzeContext context) {
    List<TableRef> tables = context.tables();
    if (tables.isEmpty()) {
      return StageResult.skipped("no tables to profile");
    }
    ProfileOptions effective =
        context.principal().map(p -> options.toBuilder().principal(p).build()).orElse(options);
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (TableRef table : tables) {
      context.job().throwIfCancelled();
      Map<String, Object> profile =
          profiler.run(context.box(), context.jobFor(table), table, effective);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("table", table.name());
      summary.put("rowCount", profile.get("rowCount"));
      summary.put("columnCount", profile.get("columnCount"));
      summary.put("duplicateRows", profile.get("duplicateRows"));
      summary.put("missingCells", profile.get("missingCells"));
      summary.put("alerts", profile.get("alerts") instanceof List<?> alerts ? alerts.size() : 0);
      summaries.add(summary);
    }
    return StageResult.succeeded(Map.of("tables", summaries));
  }
}

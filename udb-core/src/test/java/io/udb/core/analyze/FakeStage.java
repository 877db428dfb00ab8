package io.udb.core.analyze;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A stage whose work a test gives as a function; it records every run. */
final class FakeStage implements AnalyzeStage {
  private final String name;
  private final int order;
  private final Function<AnalyzeContext, StageResult> work;
  final List<AnalyzeContext> runs = new CopyOnWriteArrayList<>();

  FakeStage(String name, int order, Function<AnalyzeContext, StageResult> work) {
    this.name = name;
    this.order = order;
    this.work = work;
  }

  /** A stage that writes {@code <name>.txt} through each table's scoped job and succeeds. */
  static FakeStage writing(String name, int order, List<String> trace) {
    return new FakeStage(
        name,
        order,
        context -> {
          trace.add(name);
          for (var table : context.tables()) {
            context
                .jobFor(table)
                .writeArtifact(name + ".txt", "text/plain", table.name().getBytes());
          }
          return StageResult.succeeded(java.util.Map.of("tables", context.tables().size()));
        });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public StageResult run(AnalyzeContext context) {
    runs.add(context);
    return work.apply(context);
  }
}

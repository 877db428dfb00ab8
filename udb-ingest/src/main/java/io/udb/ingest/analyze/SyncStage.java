package io.udb.ingest.analyze;

import io.udb.api.config.Settings;
import io.udb.api.connector.SyncMode;
import io.udb.api.engine.TableRef;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.analyze.AnalyzeContext;
import io.udb.core.analyze.AnalyzeStage;
import io.udb.core.analyze.StageResult;
import io.udb.core.plugin.PluginRegistry;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.connection.ConnectorCatalog;
import io.udb.ingest.load.LoadOptions;
import io.udb.ingest.load.TenantLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@value AnalyzeStage#SYNC} stage: a full sync of each connection the request names, through
 * {@link ConnectionService#runSync} into the tenant's database with a {@link TenantLoader}; the
 * tables the syncs load are analysed by the later stages. Skipped when the request names no
 * connection. Its summary is {@code {"connections":[{"connectionId", "connector", "tables",
 * "rowsRead", "rowsLoaded", "rowsRejected"}]}}.
 *
 * <p>Built with a {@link ConnectionService}, the stage syncs through it (its connectors, their
 * settings, and its one-sync-per-connection rule); that service must belong to the box the analyze
 * jobs run in. Found by the {@link java.util.ServiceLoader}, it discovers the connectors of the
 * class path with empty settings for each job instead.
 *
 * <p>Thread-safe.
 */
public final class SyncStage implements AnalyzeStage {
  private final ConnectionService connections;

  /** The stage that discovers the connectors of its class path for each job. */
  public SyncStage() {
    this.connections = null;
  }

  /**
   * A stage syncing through an application's connection service.
   *
   * @param connections the service, of the box the analyze jobs run in
   */
  public SyncStage(ConnectionService connections) {
    this.connections = java.util.Objects.requireNonNull(connections, "connections");
  }

  @Override
  public String name() {
    return SYNC;
  }

  @Override
  public int order() {
    return SYNC_ORDER;
  }

  @Override
  public StageResult run(AnalyzeContext context) {
    List<String> ids = context.request().connectionIds();
    if (ids.isEmpty()) {
      return StageResult.skipped("no connections given");
    }
    if (connections != null) {
      return sync(context, connections);
    }
    try (ConnectorCatalog catalog = discoverConnectors(context.box())) {
      return sync(context, new ConnectionService(context.box(), catalog));
    }
  }

  private static StageResult sync(AnalyzeContext context, ConnectionService service) {
    List<String> ids = context.request().connectionIds();
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      context.job().throwIfCancelled();
      Map<String, Object> result =
          service.runSync(
              context.jobPart(i, ids.size()),
              ids.get(i),
              SyncMode.FULL,
              List.of(),
              job -> TenantLoader.forJob(context.box(), job, LoadOptions.defaults()));
      List<String> tables = new ArrayList<>();
      if (result.get("tables") instanceof List<?> loads) {
        for (Object load : loads) {
          if (load instanceof Map<?, ?> map && map.get("table") instanceof String table) {
            context.addLoadedTable(TableRef.of(table));
            tables.add(table);
          }
        }
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("connectionId", result.get("connectionId"));
      summary.put("connector", result.get("connector"));
      summary.put("tables", tables);
      summary.put("rowsRead", result.get("rowsRead"));
      summary.put("rowsLoaded", result.get("rowsLoaded"));
      summary.put("rowsRejected", result.get("rowsRejected"));
      summaries.add(summary);
    }
    return StageResult.succeeded(Map.of("connections", summaries));
  }

  private static ConnectorCatalog discoverConnectors(DataBox box) {
    return ConnectorCatalog.discover(
        PluginRegistry.forClassLoader(SyncStage.class.getClassLoader()),
        new PluginContext(Settings.of(Map.of()), null, box.clock()));
  }
}

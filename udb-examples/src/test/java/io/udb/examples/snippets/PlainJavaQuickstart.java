package io.udb.examples.snippets;

import io.udb.api.TenantId;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.core.DataBox;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiReport;
import io.udb.kpi.service.KpiService;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** README: the plain-Java quickstart. */
final class PlainJavaQuickstart {
  private PlainJavaQuickstart() {}

  static KpiReport run(Path storage, Path csv, PrintStream out) {
    // spotless:off
    // snippet:begin PlainJavaQuickstart
    try (DataBox box = DataBox.builder().storageRoot(storage).build()) {
      TenantId tenant = TenantId.of("acme");

      Job load = new FileIngestService(box).submitFile(tenant, csv, "weather", LoadOptions.defaults());
      box.awaitJob(tenant, load.id(), Duration.ofMinutes(1));

      QueryResult rows = box.query(tenant,
          "SELECT weather, count(*) AS days FROM weather GROUP BY weather ORDER BY days DESC");
      rows.rows().forEach(out::println);                          // [rain, 641], [sun, 640], ...

      Job profile = new Profiler().submit(box, tenant, TableRef.of("weather"), ProfileOptions.defaults());
      out.println(box.awaitJob(tenant, profile.id(), Duration.ofMinutes(1)).result().get("alerts"));

      KpiDefinition hottest = KpiDefinition.builder("max_temperature").table("weather")
          .measure("temp_max", Aggregation.MAX).time("date", Grain.MONTH).unit("°C").build();
      KpiReport report = new KpiService().compute(box, tenant, List.of(hottest), KpiOptions.defaults());
      out.println(report.narrative());          // "Max_temperature was 15.6 °C in December 2015, ..."
      return report;
    }
    // snippet:end
    // spotless:on
  }
}

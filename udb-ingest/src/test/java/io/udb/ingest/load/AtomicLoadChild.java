package io.udb.ingest.load;

import io.udb.api.TenantId;
import io.udb.core.DataBox;
import io.udb.ingest.file.FileIngestService;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link AtomicLoadKillTest} kills: it replaces a table of an on-disk tenant database
 * with a large CSV file. Arguments: storage root, tenant, table, CSV file.
 */
public final class AtomicLoadChild {
  private AtomicLoadChild() {}

  /**
   * Runs the load and prints {@code STARTED} before and {@code DONE <rows>} after it.
   *
   * @param args storage root, tenant, table, CSV file
   */
  public static void main(String[] args) {
    try (DataBox box =
        DataBox.builder().storageRoot(Path.of(args[0])).eventSinks(List.of()).build()) {
      FileIngestService files = new FileIngestService(box);
      System.out.println("STARTED");
      System.out.flush();
      LoadReport report =
          files.load(TenantId.of(args[1]), Path.of(args[3]), args[2], LoadOptions.defaults());
      System.out.println("DONE " + report.result().rowsLoaded());
      System.out.flush();
    }
  }
}

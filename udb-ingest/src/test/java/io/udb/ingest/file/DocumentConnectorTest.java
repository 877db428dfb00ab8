package io.udb.ingest.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.SyncMode;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.plugin.PluginRegistry;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.connection.ConnectorCatalog;
import io.udb.ingest.document.DocumentIngest;
import io.udb.ingest.document.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documents connector through stored connections and the default loader. */
class DocumentConnectorTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId OTHER = TenantId.of("other");

  @TempDir Path temp;
  private DataBox box;
  private ConnectorCatalog catalog;
  private ConnectionService service;

  @BeforeEach
  void setUp() throws Exception {
    for (TenantId tenant : List.of(ACME, OTHER)) {
      Path folder = Files.createDirectories(temp.resolve("shared").resolve(tenant.value()));
      for (String name : List.of("field-notes.docx", "letter.eml", "briefing.odp")) {
        Files.copy(Fixtures.file(name), folder.resolve(name));
      }
    }
    Files.copy(Fixtures.file("encrypted.pdf"), temp.resolve("shared/acme/locked.pdf"));
    box = DataBox.builder().inMemory().build();
    catalog =
        ConnectorCatalog.discover(
            PluginRegistry.forClassLoader(getClass().getClassLoader()),
            new PluginContext(
                Settings.of(
                    Map.of("allowed-base", temp.resolve("shared").resolve("{tenant}").toString())),
                null,
                Clock.systemUTC()));
    service = new ConnectionService(box, catalog);
  }

  @AfterEach
  void tearDown() throws Exception {
    catalog.close();
    box.close();
  }

  private Job sync(TenantId tenant, String id) {
    return box.awaitJob(
        tenant, service.submitSync(tenant, id, SyncMode.FULL).id(), Duration.ofMinutes(2));
  }

  @Test
  void syncsTheMatchedDocumentsIntoOneFragmentsTable() {
    String id =
        service
            .discoverConnect(
                ACME,
                "documents",
                Map.of("path", "*.{docx,eml,odp}", "table", "library", "fragment-size", 400),
                Map.of())
            .connectionId();

    Job job = sync(ACME, id);

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(box.query(ACME, "SELECT DISTINCT source FROM library ORDER BY 1").rows())
        .containsExactly(
            List.of("briefing.odp"), List.of("field-notes.docx"), List.of("letter.eml"));
    assertThat(box.describe(ACME, io.udb.api.engine.TableRef.of("library")).orElseThrow().columns())
        .extracting(c -> c.name())
        .containsExactlyElementsOf(DocumentIngest.SCHEMA.stream().map(c -> c.name()).toList());
    assertThat(
            box.query(ACME, "SELECT max(char_end - char_start) FROM library").rows().get(0).get(0))
        .satisfies(v -> assertThat(((Number) v).longValue()).isLessThanOrEqualTo(400));
  }

  @Test
  void eachTenantReadsItsOwnFolder() {
    String id =
        service
            .discoverConnect(OTHER, "documents", Map.of("path", "letter.eml"), Map.of())
            .connectionId();

    assertThat(sync(OTHER, id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(box.query(OTHER, "SELECT count(DISTINCT source) FROM documents").rows())
        .containsExactly(List.of(1L));
    assertThatThrownBy(
            () ->
                service.discoverConnect(
                    OTHER, "documents", Map.of("path", "../acme/locked.pdf"), Map.of()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("outside the folder");
  }

  @Test
  void anEncryptedDocumentFailsTheSyncAndLeavesNoTable() {
    String id =
        service
            .discoverConnect(ACME, "documents", Map.of("path", "*.pdf"), Map.of())
            .connectionId();

    Job job = sync(ACME, id);

    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error().code()).isEqualTo(ErrorCode.DOCUMENT_ENCRYPTED);
    assertThat(box.tables(ACME)).isEmpty();
  }

  @Test
  void aTenantPlaceholderNeedsATenant() {
    DocumentConnector connector =
        (DocumentConnector)
            new DocumentConnectorFactory()
                .create(
                    new PluginContext(
                        Settings.of(Map.of("allowed-base", temp.resolve("{tenant}").toString())),
                        null,
                        Clock.systemUTC()));

    assertThat(
            connector
                .test(new ConnectorConfig(Settings.of(Map.of("path", "x.pdf")), Map.of()))
                .message())
        .contains("has no tenant");
  }
}

package io.udb.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.EngineSettings;
import io.udb.core.observe.UdbMetrics;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.PiiTag;
import io.udb.security.pii.TableClassification;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationStoreTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  private DuckDbEngine engine = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void classifyStoresWhatFindAndAllReturn() {
    execute(
        ACME,
        "CREATE TABLE contacts AS SELECT * FROM (VALUES (1, 'ann@example.com', 'likes tea'),"
            + " (2, 'bob@example.org', 'prefers email')) v(id, contact, note)");
    ClassificationStore store = store();

    TableClassification classified = store.classify(ACME, TableRef.of("contacts"));

    assertThat(classified.column("contact").orElseThrow().tags()).containsExactly(PiiTag.EMAIL);
    assertThat(classified.column("contact").orElseThrow().basis())
        .isEqualTo(ColumnClassification.BASIS_VALUES);
    assertThat(classified.column("note").orElseThrow().isSensitive()).isFalse();
    assertThat(store.find(ACME, TableRef.of("contacts"))).contains(classified);
    assertThat(store.all(ACME)).containsExactly(classified);
  }

  @Test
  void classifyingAgainReplacesTheStoredResult() {
    execute(ACME, "CREATE TABLE contacts AS SELECT 'ann@example.com' AS contact");
    ClassificationStore store = store();
    store.classify(ACME, TableRef.of("contacts"));
    execute(ACME, "CREATE OR REPLACE TABLE contacts AS SELECT 'a plain note' AS contact, 1 AS n");

    TableClassification again = store.classify(ACME, TableRef.of("contacts"));

    assertThat(again.column("contact").orElseThrow().isSensitive()).isFalse();
    assertThat(store.find(ACME, TableRef.of("contacts"))).contains(again);
    assertThat(store.find(ACME, TableRef.of("contacts")).orElseThrow().columns())
        .containsOnlyKeys("contact", "n");
  }

  @Test
  void tenantWithoutClassificationsHasNoneAndGetsNoInternalSchema() {
    execute(ACME, "CREATE TABLE t AS SELECT 1 AS id");
    ClassificationStore store = store();

    assertThat(store.all(ACME)).isEmpty();
    assertThat(store.find(ACME, TableRef.of("t"))).isEmpty();
    try (SqlSession session = engine.openSession(ACME)) {
      assertThat(
              session
                  .query(
                      "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'udb_meta'",
                      List.of())
                  .rows())
          .containsExactly(List.of(0L));
    }
  }

  @Test
  void classificationsStayWithinTheirTenant() {
    execute(ACME, "CREATE TABLE people AS SELECT 'ann@example.com' AS email");
    execute(GLOBEX, "CREATE TABLE people AS SELECT 'x' AS email");
    ClassificationStore store = store();

    store.classify(ACME, TableRef.of("people"));

    assertThat(store.all(ACME)).hasSize(1);
    assertThat(store.all(GLOBEX)).isEmpty();
    assertThat(store.find(GLOBEX, TableRef.of("people"))).isEmpty();
  }

  @Test
  void internalTableIsNotListedAmongTheTenantsTables() {
    execute(ACME, "CREATE TABLE people AS SELECT 'ann@example.com' AS email");

    store().classify(ACME, TableRef.of("people"));

    assertThat(engine.listTables(ACME)).extracting(TableInfo::name).containsExactly("people");
  }

  @Test
  void tableNameIsQuotedNotSpliced() {
    execute(ACME, "CREATE TABLE \"odd \"\"name\"\"; DROP\" AS SELECT '+44 20 7946 0958' AS phone");
    ClassificationStore store = store();

    TableClassification classified = store.classify(ACME, TableRef.of("odd \"name\"; DROP"));

    assertThat(classified.column("phone").orElseThrow().tags()).containsExactly(PiiTag.PHONE);
    assertThat(store.find(ACME, TableRef.of("odd \"name\"; DROP"))).contains(classified);
  }

  @Test
  void unknownTableIsNotFoundWithoutNamingOtherTables() {
    execute(ACME, "CREATE TABLE people AS SELECT 1 AS id");
    ClassificationStore store = store();

    assertThatThrownBy(() -> store.classify(ACME, TableRef.of("peeple")))
        .isInstanceOfSatisfying(
            UdbException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
              assertThat(e.getMessage()).contains("peeple").doesNotContain("people");
            });

    assertThat(store.all(ACME)).isEmpty();
  }

  @Test
  void viewsCanBeClassifiedAndNamesMatchWhateverTheirCase() {
    execute(ACME, "CREATE TABLE people AS SELECT 'ann@example.com' AS email");
    execute(ACME, "CREATE VIEW contacts AS SELECT email AS reach FROM people");
    ClassificationStore store = store();

    TableClassification view = store.classify(ACME, TableRef.of("contacts"));
    TableClassification upper = store.classify(ACME, TableRef.of("PEOPLE"));

    assertThat(view.column("reach").orElseThrow().tags()).containsExactly(PiiTag.EMAIL);
    assertThat(upper.column("email").orElseThrow().tags()).containsExactly(PiiTag.EMAIL);
  }

  @Test
  void classificationsSurviveReopeningTheDatabase(@TempDir Path root) {
    engine.close();
    engine = DuckDbEngine.onDisk(root, EngineSettings.defaults(), UdbMetrics.noop());
    execute(ACME, "CREATE TABLE cards AS SELECT 4111111111111111 AS card_number");
    TableClassification classified = store().classify(ACME, TableRef.of("cards"));
    engine.close();

    engine = DuckDbEngine.onDisk(root, EngineSettings.defaults(), UdbMetrics.noop());

    assertThat(store().find(ACME, TableRef.of("cards"))).contains(classified);
    assertThat(classified.column("card_number").orElseThrow().tags())
        .isEqualTo(Set.of(PiiTag.CREDIT_CARD));
  }

  private ClassificationStore store() {
    return new ClassificationStore(engine, ColumnClassifier.defaults(), Clock.systemUTC());
  }

  private void execute(TenantId tenant, String sql) {
    try (SqlSession session = engine.openSession(tenant)) {
      session.execute(sql, List.of());
    }
  }
}

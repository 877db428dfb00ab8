package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.admin;
import static io.udb.core.SecuredBoxFixture.analyst;
import static io.udb.core.SecuredBoxFixture.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.event.InMemoryEventSink;
import io.udb.security.authz.AccessDeniedException;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.PiiTag;
import io.udb.security.pii.TableClassification;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PII masking of query results: a table classified by an analyst is masked for every non-admin
 * principal (also through aliases and expressions), shown raw to admins, and its classification is
 * kept in the tenant's database, out of reach of user SQL.
 */
class SecuredBoxMaskingTest {
  private static final String CUSTOMERS =
      "CREATE TABLE customers AS SELECT * FROM (VALUES"
          + " (1, 'John Doe', 'john.doe@example.com', '+44 20 7946 0958', 4111111111111111),"
          + " (2, 'Mary Major', 'mary@example.org', '+44 20 7946 0321', 5555555555554444),"
          + " (3, 'Ann Other', 'ann.other@example.net', '+44 20 7946 0777', 4012888888881881)"
          + ") v(id, name, email, phone, card_number)";

  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void classifiedTableIsMaskedForAnalystsAndRawForAdmins() {
    try (DataBox box = SecuredBoxFixture.builder(Map.of(), sink, registry).build()) {
      createCustomers(box);
      SecuredBox ana = box.as(analyst("ana"));

      TableClassification classification = ana.classify(TableRef.of("customers"));

      assertThat(tags(classification, "email")).containsExactly(PiiTag.EMAIL);
      assertThat(tags(classification, "phone")).containsExactly(PiiTag.PHONE);
      assertThat(tags(classification, "card_number")).containsExactly(PiiTag.CREDIT_CARD);
      assertThat(tags(classification, "name")).containsExactly(PiiTag.NONE);
      QueryResult masked = ana.query("SELECT * FROM customers ORDER BY id");
      assertThat(masked.rows().get(0))
          .containsExactly(
              1L, "John Doe", "j***@example.com", "+** ** **** **58", "************1111");
      assertThat(masked.rows())
          .extracting(row -> row.get(2))
          .containsExactly("j***@example.com", "m***@example.org", "a***@example.net");
      assertThat(box.as(viewer("vic")).tables())
          .extracting(TableInfo::name)
          .containsExactly("customers");

      QueryResult raw = box.as(admin("root")).query("SELECT * FROM customers ORDER BY id");
      assertThat(raw.rows().get(0))
          .containsExactly(
              1L, "John Doe", "john.doe@example.com", "+44 20 7946 0958", 4111111111111111L);
    }
  }

  @Test
  void aliasesAndExpressionsOfPiiColumnsAreMaskedToo() {
    try (DataBox box = SecuredBoxFixture.builder(Map.of(), sink, registry).build()) {
      createCustomers(box);
      SecuredBox ana = box.as(analyst("ana"));
      ana.classify(TableRef.of("customers"));

      assertThat(ana.query("SELECT email AS e FROM customers WHERE id = 1").rows())
          .containsExactly(List.of("j***@example.com"));
      assertThat(ana.query("SELECT lower(email) FROM customers WHERE id = 1").rows())
          .containsExactly(List.of("j***@example.com"));
      assertThat(ana.query("SELECT upper(email) AS shout FROM customers WHERE id = 1").rows())
          .containsExactly(List.of("J***@EXAMPLE.COM"));
      assertThat(
              ana.query("SELECT CAST(card_number AS VARCHAR) AS c FROM customers WHERE id = 1")
                  .rows())
          .containsExactly(List.of("************1111"));
      assertThat(
              ana.query("WITH x AS (SELECT phone AS p FROM customers) SELECT p FROM x LIMIT 1")
                  .rows()
                  .get(0)
                  .get(0))
          .asString()
          .startsWith("+** ** **** **");
    }
  }

  @Test
  void numericCardNumbersAreMaskedOnceTheTableIsClassified() {
    try (DataBox box = SecuredBoxFixture.builder(Map.of(), sink, registry).build()) {
      createCustomers(box);
      SecuredBox ana = box.as(analyst("ana"));
      String sql = "SELECT card_number FROM customers WHERE id = 1";
      // an unclassified number column is left alone: ids would otherwise pass for card numbers
      assertThat(ana.query(sql).rows()).containsExactly(List.of(4111111111111111L));

      ana.classify(TableRef.of("customers"));

      assertThat(ana.query(sql).rows()).containsExactly(List.of("************1111"));
    }
  }

  @Test
  void classificationSurvivesARestartOfAnOnDiskBox(@TempDir Path root) {
    try (DataBox box =
        SecuredBoxFixture.builder(Map.of(), sink, registry).storageRoot(root).build()) {
      createCustomers(box);
      box.as(analyst("ana")).classify(TableRef.of("customers"));
    }

    try (DataBox box =
        SecuredBoxFixture.builder(Map.of(), sink, registry).storageRoot(root).build()) {
      assertThat(box.security().classifications().find(ACME, TableRef.of("customers")))
          .hasValueSatisfying(
              c ->
                  assertThat(c.column("card_number").orElseThrow().tags())
                      .containsExactly(PiiTag.CREDIT_CARD));
      assertThat(
              box.as(analyst("ana")).query("SELECT card_number FROM customers WHERE id = 1").rows())
          .containsExactly(List.of("************1111"));
      assertThat(box.as(analyst("ana")).tables())
          .extracting(TableInfo::name)
          .containsExactly("customers");
    }
  }

  @Test
  void userSqlCannotReadTheStoredClassifications() {
    try (DataBox box = SecuredBoxFixture.builder(Map.of(), sink, registry).build()) {
      createCustomers(box);
      box.as(analyst("ana")).classify(TableRef.of("customers"));
      SecuredBox root = box.as(admin("root"));

      for (String sql :
          List.of(
              "SELECT * FROM udb_meta.column_classification",
              "SELECT * FROM memory.udb_meta.column_classification")) {
        assertThatThrownBy(() -> root.query(sql))
            .isInstanceOfSatisfying(
                SqlRejectedException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_FORBIDDEN));
      }
      assertThatThrownBy(() -> root.query("SELECT * FROM column_classification"))
          .isInstanceOfSatisfying(
              SqlRejectedException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SQL_UNKNOWN_TABLE));
      assertThat(root.tables()).extracting(TableInfo::name).containsExactly("customers");
    }
  }

  @Test
  void viewerCannotClassify() {
    try (DataBox box = SecuredBoxFixture.builder(Map.of(), sink, registry).build()) {
      createCustomers(box);

      assertThatThrownBy(() -> box.as(viewer("vic")).classify(TableRef.of("customers")))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(box.security().classifications().all(ACME)).isEmpty();
    }
  }

  private static void createCustomers(DataBox box) {
    try (SqlSession session = box.openSession(ACME)) {
      session.execute(CUSTOMERS, List.of());
    }
  }

  private static java.util.Set<PiiTag> tags(TableClassification classification, String column) {
    return classification.column(column).map(ColumnClassification::tags).orElseThrow();
  }
}

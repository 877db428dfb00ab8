package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import org.junit.jupiter.api.Test;

class ProfileComparisonTest {

  @Test
  void comparesCommonColumnsAndListsSchemaChanges() {
    try (TestBoxes boxes = new TestBoxes()) {
      boxes.sql(
          "CREATE TABLE before AS SELECT i AS id, i * 2.0 AS amount, 'a' AS gone FROM range(100) t(i)");
      boxes.sql(
          "CREATE TABLE after AS SELECT i AS id, CAST(i * 3 AS VARCHAR) AS amount,"
              + " CASE WHEN i % 10 = 0 THEN NULL ELSE i END AS fresh FROM range(150) t(i)");
      ProfileComparison comparison;
      try (SqlSession session = boxes.box.openSession(TestBoxes.TENANT)) {
        comparison =
            boxes.profiler.compare(
                session, TableRef.of("before"), TableRef.of("after"), ProfileOptions.defaults());
      }

      assertThat(comparison.rowCountChange()).isEqualTo(50);
      assertThat(comparison.onlyInLeft()).containsExactly("gone");
      assertThat(comparison.onlyInRight()).containsExactly("fresh");
      ColumnDifference id = comparison.column("id").orElseThrow();
      assertThat(id.kindChanged()).isFalse();
      assertThat(id.meanChange()).isCloseTo(74.5 - 49.5, within(1e-9));
      assertThat(id.meanRelativeChange()).isCloseTo(25 / 49.5, within(1e-9));
      assertThat(id.medianChange()).isCloseTo(25.0, within(1e-9));
      assertThat(id.distinctChange()).isEqualTo(50);
      ColumnDifference amount = comparison.column("amount").orElseThrow();
      assertThat(amount.kindChanged()).isTrue();
      assertThat(amount.typeChanged()).isTrue();
      assertThat(amount.meanChange()).isNull();
      ProfileSchemaAssertions.assertValid(comparison.left());
      assertThat(ProfileJson.toMap(comparison)).containsKeys("left", "right", "columns");
    }
  }
}

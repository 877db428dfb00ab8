package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregateScanTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private DataBox box;

  @BeforeEach
  void load() {
    box = TestTables.box();
    TestTables.load(box, TENANT, "cars.csv", "cars");
  }

  @AfterEach
  void close() {
    box.close();
  }

  @Test
  void identicalAggregatesAreComputedOnceInOneQuery() {
    AggregateScan scan = new AggregateScan();
    Measure<Object> rows = scan.add("count(*)", List.of());
    assertThat(scan.add("count(*)", List.of())).isSameAs(rows);
    Measure<Object> usa = scan.add("count_if(\"Origin\" = ?)", List.of("USA"));
    Measure<Object> japan = scan.add("count_if(\"Origin\" = ?)", List.of("Japan"));
    assertThat(scan.size()).isEqualTo(3);
    try (SqlSession session = box.openSession(TENANT)) {
      assertThat(scan.run(session, "\"cars\"")).isEqualTo(1);
    }
    assertThat(rows.get()).isEqualTo(406L);
    assertThat(((Number) usa.get()).longValue()).isEqualTo(254);
    assertThat(((Number) japan.get()).longValue()).isEqualTo(79);
  }

  @Test
  void aBrokenAggregateFailsAloneAfterTheFusedQueryFails() {
    AggregateScan scan = new AggregateScan();
    Measure<Object> rows = scan.add("count(*)", List.of());
    Measure<Object> broken = scan.add("sum(\"Name\" + 1)", List.of());
    try (SqlSession session = box.openSession(TENANT)) {
      assertThat(scan.run(session, "\"cars\"")).isEqualTo(3);
    }
    assertThat(rows.get()).isEqualTo(406L);
    assertThatThrownBy(broken::get).isInstanceOf(Measure.Failed.class);
  }
}

package io.udb.quality.profile;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.util.List;

/** A data box with a tenant and helpers to profile its tables, for the profile tests. */
final class TestBoxes implements AutoCloseable {
  static final TenantId TENANT = TenantId.of("acme");

  final DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build();
  final Profiler profiler = new Profiler();

  void sql(String statement, Object... parameters) {
    TestData.execute(box, TENANT, statement, parameters);
  }

  TableRef csv(String file, String table) {
    return TestData.loadCsv(box, TENANT, file, table);
  }

  Profile profile(String table) {
    return profile(table, ProfileOptions.defaults());
  }

  Profile profile(String table, ProfileOptions options) {
    try (SqlSession session = box.openSession(TENANT)) {
      Profile profile = profiler.profile(session, TableRef.of(table), options);
      ProfileSchemaAssertions.assertValid(profile);
      return profile;
    }
  }

  List<List<Object>> rows(String sql) {
    try (SqlSession session = box.openSession(TENANT)) {
      return session.query(sql, List.of()).rows();
    }
  }

  @Override
  public void close() {
    box.close();
  }
}

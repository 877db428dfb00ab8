package io.udb.quality.profile;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smoke() {
    TenantId t = TenantId.of("t1");
    try (DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build()) {
      TestData.loadCsv(box, t, "cars.csv", "cars");
      try (SqlSession s = box.openSession(t)) {
        Profile p = new Profiler().profile(s, TableRef.of("cars"), ProfileOptions.defaults());
        System.out.println(Json.write(ProfileJson.toMap(p)));
        System.out.println(new ProfileReport().html(p).length());
      }
    }
  }
}

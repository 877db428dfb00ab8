package io.udb.spring.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /readyz} runs UDB's checks and follows the application's readiness state. */
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@DirtiesContext
class ReadinessTest {
  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;

  @Test
  void readyWhenTheDatabasesAndStoresAnswer() throws Exception {
    mvc.perform(get("/udb/readyz"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.checks[0]").value("tenantDatabases"))
        .andExpect(jsonPath("$.checks[1]").value("artifactStore"))
        .andExpect(jsonPath("$.checks[2]").value("jobStore"));
  }

  @Test
  void notReadyWhileTheApplicationRefusesTraffic() throws Exception {
    AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
    try {
      mvc.perform(get("/udb/readyz"))
          .andExpect(status().isServiceUnavailable())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.code").value("UNAVAILABLE"));
    } finally {
      AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }
    mvc.perform(get("/udb/readyz")).andExpect(status().isOk());
  }
}

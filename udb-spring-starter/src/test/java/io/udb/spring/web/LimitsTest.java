package io.udb.spring.web;

import static io.udb.spring.web.WebFixtures.as;
import static io.udb.spring.web.WebFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import io.udb.api.Role;
import io.udb.api.TenantId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** A tiny rate limit (3 per minute per class) and a tiny upload limit (1 KB). */
@SpringBootTest(
    classes = WebTestApplication.class,
    properties = {"udb-test.rate-limit=3", "udb.web.max-upload-size=1KB"})
@AutoConfigureMockMvc
class LimitsTest {
  @Autowired MockMvc mvc;

  @Test
  void fourthReadWithinTheMinuteIsRefusedWith429AndRetryAfter() throws Exception {
    TenantId tenant = TenantId.of("limited-co");
    for (int i = 0; i < 3; i++) {
      assertThat(
              mvc.perform(as(get("/udb/tables"), tenant, Role.VIEWER))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(200);
    }

    MvcResult refused = mvc.perform(as(get("/udb/tables"), tenant, Role.VIEWER)).andReturn();

    assertThat(refused.getResponse().getStatus()).isEqualTo(429);
    assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
    assertThat(json(refused)).containsEntry("code", "RATE_LIMITED").containsEntry("reason", "read");
    long retryAfter = Long.parseLong(refused.getResponse().getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 60L);
    // another principal of the same tenant has its own bucket
    assertThat(
            mvc.perform(as(get("/udb/tables"), tenant, Role.ADMIN))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);
  }

  @Test
  void uploadAboveTheLimitIsRefusedAsInputTooLargeBeforeAnyJob() throws Exception {
    TenantId tenant = TenantId.of("upload-limit-co");
    byte[] big = new byte[2048];
    Arrays.fill(big, (byte) 'x');

    MvcResult refused =
        mvc.perform(
                as(
                    multipart("/udb/ingest/upload")
                        .file(new MockMultipartFile("file", "big.csv", "text/csv", big))
                        .param("table", "big"),
                    tenant,
                    Role.ANALYST))
            .andReturn();

    assertThat(refused.getResponse().getStatus()).isEqualTo(422);
    assertThat(json(refused)).containsEntry("code", "INPUT_TOO_LARGE");
    assertThat(json(refused).get("detail")).asString().contains("1024");
  }
}

package io.udb.spring.web;

import static io.udb.spring.web.WebFixtures.as;
import static io.udb.spring.web.WebTestApplication.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import io.udb.api.Role;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** {@code udb.web.base-path} moves every endpoint, the filters, the problems and the OpenAPI. */
@SpringBootTest(classes = WebTestApplication.class, properties = "udb.web.base-path=/api/data")
@AutoConfigureMockMvc
class CustomBasePathTest {
  @Autowired MockMvc mvc;

  @Test
  void endpointsLiveUnderTheConfiguredBasePath() throws Exception {
    assertThat(mvc.perform(get("/api/data/healthz")).andReturn().getResponse().getStatus())
        .isEqualTo(200);
    assertThat(mvc.perform(get("/api/data/tables")).andReturn().getResponse().getStatus())
        .isEqualTo(401);
    assertThat(
            mvc.perform(as(get("/api/data/tables"), ACME, Role.VIEWER))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);
    MvcResult unknown = mvc.perform(as(get("/api/data/nope"), ACME, Role.VIEWER)).andReturn();
    assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
    assertThat(unknown.getResponse().getContentType()).startsWith("application/problem+json");
    assertThat(mvc.perform(get("/udb/healthz")).andReturn().getResponse().getStatus())
        .isEqualTo(404);

    String openApi =
        mvc.perform(get("/api/data/openapi.yaml"))
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);
    assertThat(openApi).contains("url: /api/data").doesNotContain("url: /udb");

    MvcResult accepted =
        mvc.perform(
                as(
                    multipart("/api/data/ingest/upload")
                        .file(
                            new MockMultipartFile(
                                "file",
                                "t.csv",
                                "text/csv",
                                "a\n1\n".getBytes(StandardCharsets.UTF_8)))
                        .param("table", "t"),
                    ACME,
                    Role.ANALYST))
            .andReturn();
    assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
    assertThat(accepted.getResponse().getHeader("Location")).startsWith("/api/data/jobs/");
  }
}

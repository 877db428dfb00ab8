package io.udb.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The served OpenAPI description and the registered handler mappings name the same operations:
 * every UDB endpoint Spring routes to is described, and every described operation is routed.
 */
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
class OpenApiCoverageTest {
  private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch");

  @Autowired MockMvc mvc;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyHandlerMappingIsDescribedAndEveryDescribedOperationIsMapped() throws Exception {
    MvcResult served = mvc.perform(get("/udb/openapi.yaml")).andReturn();
    assertThat(served.getResponse().getStatus()).isEqualTo(200);
    assertThat(served.getResponse().getContentType()).startsWith("application/yaml");
    JsonNode api =
        YAMLMapper.builder()
            .build()
            .readTree(served.getResponse().getContentAsString(StandardCharsets.UTF_8));
    assertThat(api.get("openapi").asString()).startsWith("3.1");
    String server = api.get("servers").get(0).get("url").asString();
    assertThat(server).isEqualTo("/udb");

    Set<String> described = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (HTTP_METHODS.contains(operation.getKey())) {
          described.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + server + path.getKey());
          assertThat(operation.getValue().has("x-udb-role"))
              .as("x-udb-role of %s %s", operation.getKey(), path.getKey())
              .isTrue();
        }
      }
    }

    Set<String> mapped = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      if (!entry.getValue().getBeanType().getPackageName().equals("io.udb.spring.web")) {
        continue;
      }
      for (String pattern : entry.getKey().getPatternValues()) {
        for (RequestMethod method : entry.getKey().getMethodsCondition().getMethods()) {
          mapped.add(method.name() + " " + pattern);
        }
      }
    }

    assertThat(mapped).hasSize(23).isEqualTo(described);
  }
}

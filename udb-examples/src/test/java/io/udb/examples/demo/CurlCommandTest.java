package io.udb.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class CurlCommandTest {

  @Test
  void splitsSingleQuotedWords() {
    assertThat(CurlCommand.words("curl -s -H 'A: b c' -d '{\"x\": 1}' http://h/p"))
        .containsExactly("curl", "-s", "-H", "A: b c", "-d", "{\"x\": 1}", "http://h/p");
  }

  @Test
  void theDemoCommandsBecomeTheRequestsTheyDescribe() {
    DemoBanner banner = new DemoBanner("http://localhost:1234", "T0K3N", "seattle_weather");

    HttpRequest tables = CurlCommand.toRequest(banner.curlCommands().get(0));
    assertThat(tables.method()).isEqualTo("GET");
    assertThat(tables.uri()).hasToString("http://localhost:1234/udb/tables");
    assertThat(tables.headers().firstValue("Authorization")).hasValue("Bearer T0K3N");

    HttpRequest sql = CurlCommand.toRequest(banner.curlCommands().get(1));
    assertThat(sql.method()).isEqualTo("POST");
    assertThat(sql.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(sql.bodyPublisher().orElseThrow().contentLength())
        .isEqualTo(("{\"sql\": \"" + DemoBanner.EXAMPLE_SQL + "\"}").length());
  }
}

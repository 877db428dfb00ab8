package io.udb.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagerTest {

  private static HttpHeaders links(String... values) {
    return HttpHeaders.of(Map.of("Link", List.of(values)), (name, value) -> true);
  }

  @Test
  void findsTheNextLinkInTheFormsServersSend() {
    assertThat(
            Pager.nextLink(
                links(
                    "<https://api.github.com/repos?page=3>; rel=\"next\","
                        + " <https://api.github.com/repos?page=9>; rel=\"last\"")))
        .isEqualTo("https://api.github.com/repos?page=3");
    assertThat(Pager.nextLink(links("</items?p=2>; rel=next"))).isEqualTo("/items?p=2");
    assertThat(Pager.nextLink(links("</a>; rel=\"prev\"", "</b>; title=\"x\"; rel=\"next last\"")))
        .isEqualTo("/b");
    assertThat(Pager.nextLink(links("</a>; rel=\"prev\", </z>; rel=\"last\""))).isNull();
    assertThat(Pager.nextLink(links())).isNull();
  }

  @Test
  void addsEncodedParametersToTheQuery() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", "a b&c=d");
    params.put("page", "2");

    URI uri = Pager.withParams(URI.create("https://x.example/v1/items?fixed=1"), params, false);

    assertThat(uri.toString())
        .isEqualTo("https://x.example/v1/items?fixed=1&q=a%20b%26c%3Dd&page=2");
    assertThat(
            Pager.withParams(
                    URI.create("https://x.example/v1/items?page=5"), Map.of("page", "9"), true)
                .toString())
        .isEqualTo("https://x.example/v1/items?page=5");
  }
}

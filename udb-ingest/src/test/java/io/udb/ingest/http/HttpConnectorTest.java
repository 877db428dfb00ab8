package io.udb.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.secret.SecretValue;
import io.udb.ingest.connection.ConfigTree;
import io.udb.ingest.connection.ConnectorHarness;
import io.udb.ingest.connection.SchemaAssertions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code http} connector against a real local HTTP server serving each paging style. */
class HttpConnectorTest {
  private static final int ITEMS = 5;

  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  private final AccessTokenSource tokens =
      (tenant, provider) -> {
        tokenRequests.add(tenant + "/" + provider);
        return SecretValue.of("oauth-token-" + tokenRequests.size());
      };
  private final HttpConnector connector =
      new HttpConnector(
          NetworkPolicy.allowingPrivateNetworks(), tokens, Clock.systemUTC(), 1024 * 1024);
  private FakeApi api;
  private ConnectorHarness harness;

  @BeforeEach
  void setUp() {
    api = new FakeApi();
    harness = new ConnectorHarness();
  }

  @AfterEach
  void tearDown() {
    harness.close();
    api.close();
  }

  static String item(int i) {
    return "{\"id\": "
        + i
        + ", \"name\": \"Zoë "
        + i
        + "\", \"price\": "
        + (i + 0.5)
        + ", \"active\": "
        + (i % 2 == 0)
        + ", \"created\": \"2024-01-0"
        + i
        + "T03:04:05Z\", \"day\": \"2024-02-0"
        + i
        + "\", \"tags\": [\"a\", \"b"
        + i
        + "\"], \"owner\": {\"id\": "
        + (i * 10)
        + ", \"name\": \"o"
        + i
        + "\"}, \"note\": null}";
  }

  static String items(int fromInclusive, int toExclusive) {
    return IntStream.range(fromInclusive, Math.min(toExclusive, ITEMS + 1))
        .mapToObj(HttpConnectorTest::item)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private Map<String, Object> config(String path, Map<String, Object> extra) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("url", api.base() + path);
    json.put("stream", "items");
    json.putAll(extra);
    return json;
  }

  private static ConnectorConfig connectorConfig(
      Map<String, Object> json, Map<String, SecretValue> secrets) {
    SchemaAssertions.assertAccepted(new HttpConnector().configurationSchema(), json);
    return new ConnectorConfig(ConfigTree.toSettings(json), secrets);
  }

  private SyncResult read(Map<String, Object> json) {
    return read(json, Map.of());
  }

  private SyncResult read(Map<String, Object> json, Map<String, SecretValue> secrets) {
    return harness.read(
        connector, connectorConfig(json, secrets), SyncMode.FULL, Map.of(), List.of());
  }

  private void assertAllItemsLoaded(SyncResult result) {
    assertThat(result.loads()).hasSize(1);
    assertThat(result.loads().get(0).rowsRead()).isEqualTo(ITEMS);
    assertThat(result.state()).isEmpty();
    assertThat(
            harness
                .query(
                    "SELECT list(id ORDER BY id), sum(price), count(*) FILTER (WHERE active),"
                        + " max(owner->>'$.name'), min(name), max(json_array_length(tags)),"
                        + " count(note) FROM items")
                .rows()
                .get(0))
        .containsExactly(List.of(1L, 2L, 3L, 4L, 5L), 17.5, 2L, "o5", "Zoë 1", 2L, 0L);
  }

  @Test
  void pagesByPageNumberWithRecordsPath() {
    api.route(
        "/v1/items",
        (exchange, request) -> {
          int page = Integer.parseInt(FakeApi.param(request.uri(), "page"));
          int size = Integer.parseInt(FakeApi.param(request.uri(), "per_page"));
          FakeApi.json(
              exchange,
              200,
              "{\"data\": {\"items\": " + items((page - 1) * size + 1, page * size + 1) + "}}");
        });

    SyncResult result =
        read(
            config(
                "/v1/items",
                Map.of(
                    "records-path",
                    "data.items",
                    "pagination",
                    Map.of("type", "page", "size-param", "per_page", "page-size", 2))));

    assertAllItemsLoaded(result);
    assertThat(api.requests("/v1/items"))
        .extracting(r -> FakeApi.param(r.uri(), "page"))
        .containsExactly("1", "2", "3");
    assertThat(result.loads().get(0).columns())
        .extracting(ColumnInfo::name, ColumnInfo::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("id", "BIGINT"),
            org.assertj.core.groups.Tuple.tuple("name", "VARCHAR"),
            org.assertj.core.groups.Tuple.tuple("price", "DOUBLE"),
            org.assertj.core.groups.Tuple.tuple("active", "BOOLEAN"),
            org.assertj.core.groups.Tuple.tuple("created", "TIMESTAMP WITH TIME ZONE"),
            org.assertj.core.groups.Tuple.tuple("day", "DATE"),
            org.assertj.core.groups.Tuple.tuple("tags", "JSON"),
            org.assertj.core.groups.Tuple.tuple("owner", "JSON"),
            org.assertj.core.groups.Tuple.tuple("note", "VARCHAR"));
  }

  @Test
  void pagesByOffsetAndLimitWithAJsonPointer() {
    api.route(
        "/offset",
        (exchange, request) -> {
          int offset = Integer.parseInt(FakeApi.param(request.uri(), "skip"));
          int limit = Integer.parseInt(FakeApi.param(request.uri(), "take"));
          FakeApi.json(
              exchange, 200, "{\"results\": " + items(offset + 1, offset + limit + 1) + "}");
        });

    SyncResult result =
        read(
            config(
                "/offset",
                Map.of(
                    "records-path",
                    "/results",
                    "pagination",
                    Map.of(
                        "type",
                        "offset",
                        "offset-param",
                        "skip",
                        "limit-param",
                        "take",
                        "page-size",
                        3))));

    assertAllItemsLoaded(result);
    assertThat(api.requests("/offset"))
        .extracting(r -> FakeApi.param(r.uri(), "skip"))
        .containsExactly("0", "3");
  }

  @Test
  void pagesByCursorTokenFromTheBody() {
    api.route(
        "/cursor",
        (exchange, request) -> {
          String cursor = FakeApi.param(request.uri(), "after");
          int from = cursor == null ? 1 : Integer.parseInt(cursor.substring(4));
          String next = from + 2 <= ITEMS ? "\"tok-" + (from + 2) + "\"" : "null";
          FakeApi.json(
              exchange,
              200,
              "{\"items\": " + items(from, from + 2) + ", \"meta\": {\"next\": " + next + "}}");
        });

    SyncResult result =
        read(
            config(
                "/cursor",
                Map.of(
                    "records-path",
                    "items",
                    "pagination",
                    Map.of(
                        "type", "cursor", "cursor-param", "after", "cursor-path", "meta.next"))));

    assertAllItemsLoaded(result);
    assertThat(api.requests("/cursor"))
        .extracting(r -> FakeApi.param(r.uri(), "after"))
        .containsExactly(null, "tok-3", "tok-5");
  }

  @Test
  void pagesByNextUrlInTheBody() {
    api.route(
        "/next-url",
        (exchange, request) -> {
          String page = FakeApi.param(request.uri(), "p");
          int from = page == null ? 1 : Integer.parseInt(page);
          String next = from + 2 <= ITEMS ? "\"/next-url?p=" + (from + 2) + "\"" : "null";
          FakeApi.json(
              exchange, 200, "{\"items\": " + items(from, from + 2) + ", \"next\": " + next + "}");
        });

    SyncResult result =
        read(
            config(
                "/next-url",
                Map.of(
                    "records-path",
                    "items",
                    "pagination",
                    Map.of("type", "cursor", "cursor-path", "/next"))));

    assertAllItemsLoaded(result);
    assertThat(api.requests("/next-url")).hasSize(3);
  }

  @Test
  void pagesByLinkHeader() {
    api.route(
        "/linked",
        (exchange, request) -> {
          String page = FakeApi.param(request.uri(), "page");
          int number = page == null ? 1 : Integer.parseInt(page);
          if (number < 3) {
            exchange
                .getResponseHeaders()
                .add(
                    "Link",
                    "<"
                        + api.base()
                        + "/linked?page="
                        + (number + 1)
                        + ">; rel=\"next\", </linked?page=3>; rel=\"last\"");
          }
          FakeApi.json(exchange, 200, items((number - 1) * 2 + 1, number * 2 + 1));
        });

    SyncResult result = read(config("/linked", Map.of("pagination", Map.of("type", "link"))));

    assertAllItemsLoaded(result);
    assertThat(api.requests("/linked")).hasSize(3);
  }

  @Test
  void retriesA429HonouringRetryAfterInSeconds() {
    AtomicInteger calls = new AtomicInteger();
    api.route(
        "/limited",
        (exchange, request) -> {
          if (calls.incrementAndGet() == 1) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            FakeApi.json(exchange, 429, "{\"error\": \"slow down\"}");
          } else {
            FakeApi.json(exchange, 200, items(1, ITEMS + 1));
          }
        });

    SyncResult result = read(config("/limited", Map.of()));

    assertAllItemsLoaded(result);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void retriesA429HonouringRetryAfterAsAnHttpDate() {
    AtomicInteger calls = new AtomicInteger();
    api.route(
        "/limited-date",
        (exchange, request) -> {
          if (calls.incrementAndGet() == 1) {
            exchange
                .getResponseHeaders()
                .add(
                    "Retry-After",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1)));
            FakeApi.json(exchange, 429, "{}");
          } else {
            FakeApi.json(exchange, 200, items(1, ITEMS + 1));
          }
        });

    assertAllItemsLoaded(read(config("/limited-date", Map.of())));
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void persistent429FailsAfterTheBoundedRetries() {
    api.route(
        "/always-limited",
        (exchange, request) -> {
          exchange.getResponseHeaders().add("Retry-After", "0");
          FakeApi.json(exchange, 429, "{}");
        });

    assertFails(
        () -> read(config("/always-limited", Map.of("max-retries", 2))),
        ErrorCode.RATE_LIMITED,
        "after 2 retries");
    assertThat(api.requests("/always-limited")).hasSize(3);
  }

  @Test
  void retryAfterBeyondTheDeadlineFailsAtOnce() {
    api.route(
        "/long-wait",
        (exchange, request) -> {
          exchange.getResponseHeaders().add("Retry-After", "3600");
          FakeApi.json(exchange, 429, "{}");
        });

    assertFails(
        () -> read(config("/long-wait", Map.of("deadline", "5s"))),
        ErrorCode.RATE_LIMITED,
        "asks to wait 3600 s");
    assertThat(api.requests("/long-wait")).hasSize(1);
  }

  @Test
  void serverErrorIsATypedErrorWithoutRetry() {
    api.route("/broken", (exchange, request) -> FakeApi.json(exchange, 500, "{\"oops\": 1}"));

    assertFails(
        () -> read(config("/broken", Map.of())), ErrorCode.UNAVAILABLE, "failed (HTTP 500)");
    assertThat(api.requests("/broken")).hasSize(1);
  }

  @Test
  void malformedJsonIsABadFormat() {
    api.route("/malformed", (exchange, request) -> FakeApi.json(exchange, 200, "{\"data\": [1, 2"));

    assertFails(
        () -> read(config("/malformed", Map.of("records-path", "data"))),
        ErrorCode.INGEST_BAD_FORMAT,
        "is not valid JSON");
  }

  @Test
  void missingRecordsPathIsABadFormat() {
    api.route("/other-shape", (exchange, request) -> FakeApi.json(exchange, 200, "{\"rows\": []}"));

    assertFails(
        () -> read(config("/other-shape", Map.of("records-path", "data.items"))),
        ErrorCode.INGEST_BAD_FORMAT,
        "records-path data.items");
  }

  @Test
  void slowAnswersTimeOut() {
    api.route(
        "/slow",
        (exchange, request) -> {
          Thread.sleep(3000);
          FakeApi.json(exchange, 200, "[]");
        });

    assertFails(
        () -> read(config("/slow", Map.of("timeout", "200ms", "max-retries", 1))),
        ErrorCode.UNAVAILABLE,
        "timed out after 1 retries");
    assertThat(api.requests("/slow")).hasSize(2);
  }

  @Test
  void sendsTheBearerTokenFromItsSecret() {
    api.route(
        "/secure",
        (exchange, request) -> {
          if ("Bearer s3cret-token".equals(request.header("Authorization"))) {
            FakeApi.json(exchange, 200, items(1, ITEMS + 1));
          } else {
            FakeApi.json(exchange, 401, "{}");
          }
        });
    Map<String, Object> json = config("/secure", Map.of("auth", Map.of("type", "bearer")));

    assertAllItemsLoaded(read(json, Map.of("token", SecretValue.of("s3cret-token"))));
    assertFails(
        () -> read(json, Map.of("token", SecretValue.of("wrong"))),
        ErrorCode.CONFIG_INVALID,
        "refused the credentials (HTTP 401)");
  }

  @Test
  void sendsTheApiKeyInAHeaderOrAQueryParameter() {
    api.route(
        "/keyed",
        (exchange, request) -> {
          boolean ok =
              "k-123".equals(request.header("X-Key"))
                  || "k-123".equals(FakeApi.param(request.uri(), "api_key"));
          FakeApi.json(exchange, ok ? 200 : 403, ok ? items(1, ITEMS + 1) : "{}");
        });
    Map<String, SecretValue> key = Map.of("api-key", SecretValue.of("k-123"));

    assertAllItemsLoaded(
        read(config("/keyed", Map.of("auth", Map.of("type", "api-key", "header", "X-Key"))), key));
    assertAllItemsLoaded(
        read(
            config("/keyed", Map.of("auth", Map.of("type", "api-key", "query-param", "api_key"))),
            key));
    assertThat(api.requests("/keyed")).hasSize(2);
  }

  @Test
  void authenticatesWithTheTenantsOAuthConnection() {
    api.route(
        "/oauth",
        (exchange, request) -> {
          String page = FakeApi.param(request.uri(), "page");
          boolean ok =
              request.header("Authorization") != null
                  && request.header("Authorization").startsWith("Bearer oauth-token-");
          int number = Integer.parseInt(page);
          FakeApi.json(exchange, ok ? 200 : 401, ok ? items(number * 3 - 2, number * 3 + 1) : "{}");
        });

    SyncResult result =
        read(
            config(
                "/oauth",
                Map.of(
                    "auth",
                    Map.of("type", "oauth2", "provider", "crm"),
                    "pagination",
                    Map.of("type", "page", "page-size", 3))));

    assertAllItemsLoaded(result);
    assertThat(tokenRequests).containsExactly("acme/crm", "acme/crm");
    assertThat(api.requests("/oauth"))
        .extracting(r -> r.header("Authorization"))
        .containsExactly("Bearer oauth-token-1", "Bearer oauth-token-2");
  }

  @Test
  void refusesRedirectsToAnotherHostButFollowsSameOrigin() {
    api.route(
        "/moved-away",
        (exchange, request) -> {
          exchange
              .getResponseHeaders()
              .add("Location", "http://localhost:" + api.port() + "/elsewhere");
          FakeApi.json(exchange, 302, "");
        });
    api.route(
        "/moved-here",
        (exchange, request) -> {
          exchange.getResponseHeaders().add("Location", "/target");
          FakeApi.json(exchange, 301, "");
        });
    api.route("/target", (exchange, request) -> FakeApi.json(exchange, 200, items(1, ITEMS + 1)));
    api.route("/elsewhere", (exchange, request) -> FakeApi.json(exchange, 200, "[]"));
    Map<String, SecretValue> token = Map.of("token", SecretValue.of("t"));

    assertFails(
        () -> read(config("/moved-away", Map.of("auth", Map.of("type", "bearer"))), token),
        ErrorCode.CONFIG_INVALID,
        "redirected to another host (localhost)");
    assertThat(api.requests("/elsewhere")).isEmpty();
    assertAllItemsLoaded(
        read(config("/moved-here", Map.of("auth", Map.of("type", "bearer"))), token));
    assertThat(api.requests("/target").get(0).header("Authorization")).isEqualTo("Bearer t");
  }

  @Test
  void refusesNextPageLinksToAnotherHost() {
    api.route(
        "/leaky",
        (exchange, request) -> {
          exchange
              .getResponseHeaders()
              .add("Link", "<http://localhost:" + api.port() + "/leaky?page=2>; rel=next");
          FakeApi.json(exchange, 200, items(1, 3));
        });

    assertFails(
        () -> read(config("/leaky", Map.of("pagination", Map.of("type", "link")))),
        ErrorCode.CONFIG_INVALID,
        "points to another host");
    assertThat(api.requests("/leaky")).hasSize(1);
  }

  @Test
  void stopsAtMaxPages() {
    api.route(
        "/endless",
        (exchange, request) -> FakeApi.json(exchange, 200, "{\"items\": [" + item(1) + "]}"));

    assertFails(
        () ->
            read(
                config(
                    "/endless",
                    Map.of(
                        "records-path",
                        "items",
                        "max-pages",
                        4,
                        "pagination",
                        Map.of("type", "page")))),
        ErrorCode.INPUT_TOO_LARGE,
        "more than 4 pages");
    assertThat(api.requests("/endless")).hasSize(4);
  }

  @Test
  void refusesPrivateAddressesByDefault() {
    HttpConnector publicOnly = new HttpConnector();
    ConnectorConfig config = connectorConfig(config("/anything", Map.of()), Map.of());

    ConnectionCheck check = publicOnly.test(config);

    assertThat(check.ok()).isFalse();
    assertThat(check.message()).contains("private or local address");
    assertThat(api.requests()).isEmpty();
  }

  @Test
  void discoversTheInferredColumnsAndTestsTheConnection() {
    api.route(
        "/sample",
        (exchange, request) -> FakeApi.json(exchange, 200, "{\"data\": " + items(1, 3) + "}"));
    ConnectorConfig config =
        connectorConfig(config("/sample", Map.of("records-path", "data")), Map.of());

    List<StreamInfo> streams = connector.discover(config);
    ConnectionCheck check = connector.test(config);

    assertThat(streams).hasSize(1);
    assertThat(streams.get(0).name()).isEqualTo("items");
    assertThat(streams.get(0).modes()).containsExactly(SyncMode.FULL);
    assertThat(streams.get(0).columns()).extracting(ColumnInfo::name).startsWith("id", "name");
    assertThat(check.ok()).isTrue();
    assertThat(check.message()).contains("Read 2 records");
  }

  @Test
  void incrementalModeIsRefused() {
    api.route("/x", (exchange, request) -> FakeApi.json(exchange, 200, "[]"));

    assertFails(
        () ->
            harness.read(
                connector,
                connectorConfig(config("/x", Map.of()), Map.of()),
                SyncMode.INCREMENTAL,
                Map.of(),
                List.of()),
        ErrorCode.CONFIG_INVALID,
        "FULL mode");
  }

  @Test
  void publishesAValidConfigurationSchema() {
    String schema = connector.configurationSchema();
    SchemaAssertions.assertValidSchema(schema);
    SchemaAssertions.assertAccepted(
        schema,
        Map.of(
            "url",
            "https://api.example.com/v1/orders",
            "records-path",
            "data.items",
            "query",
            Map.of("status", "open"),
            "headers",
            Map.of("Accept-Language", "en"),
            "pagination",
            Map.of("type", "cursor", "cursor-path", "meta.next"),
            "auth",
            Map.of("type", "oauth2", "provider", "github"),
            "timeout",
            "30s",
            "deadline",
            "10m"));
    List<String> violations = new ArrayList<>();
    violations.addAll(SchemaAssertions.assertRefused(schema, Map.of("url", "ftp://x/y")));
    violations.addAll(
        SchemaAssertions.assertRefused(
            schema, Map.of("url", "https://x/y", "pagination", Map.of("type", "cursor"))));
    violations.addAll(
        SchemaAssertions.assertRefused(
            schema, Map.of("url", "https://x/y", "auth", Map.of("type", "oauth2"))));
    violations.addAll(
        SchemaAssertions.assertRefused(
            schema, Map.of("url", "https://x/y", "auth", Map.of("type", "password"))));
    violations.addAll(
        SchemaAssertions.assertRefused(schema, Map.of("url", "https://x/y", "token", "t")));
    assertThat(violations)
        .anyMatch(v -> v.startsWith("/pagination: ") && v.contains("'cursor-path'"))
        .anyMatch(v -> v.startsWith("/auth: ") && v.contains("'provider'"))
        .anyMatch(v -> v.startsWith("/: ") && v.contains("'token'") && v.contains("not defined"));
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(UdbException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(code);
  }
}

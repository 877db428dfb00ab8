package io.udb.ingest.http;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Walks the pages of one endpoint in the configured style: page numbers, offset and limit, a cursor
 * from the response body (a token sent back as a parameter, or a next-page URL), or the {@code
 * Link} header's {@code rel="next"}. Next-page URLs must stay on the endpoint's origin, so
 * credentials never go to another host. Used from one thread.
 */
final class Pager {
  private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");
  private static final Pattern REL =
      Pattern.compile("(?i)(?:^|;)\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;,\\s]+))");

  /**
   * One page.
   *
   * @param number its number, from 1
   * @param records its records
   */
  record Page(int number, List<JsonNode> records) {}

  private final HttpSettings settings;
  private final ResilientHttpClient http;
  private final RetryPolicy retry;
  private final ResilientHttpClient.Deadline deadline;
  private final BooleanSupplier cancelled;
  private final Consumer<HttpRequest.Builder> authentication;
  private final Map<String, String> authQuery;
  private final JsonPath records;
  private final JsonPath cursorPath;

  private int fetched;
  private boolean done;
  private int pageNumber;
  private long offset;
  private String cursor;
  private URI nextLink;

  Pager(
      HttpSettings settings,
      ResilientHttpClient http,
      RetryPolicy retry,
      ResilientHttpClient.Deadline deadline,
      BooleanSupplier cancelled,
      Consumer<HttpRequest.Builder> authentication,
      Map<String, String> authQuery) {
    this.settings = settings;
    this.http = http;
    this.retry = retry;
    this.deadline = deadline;
    this.cancelled = cancelled;
    this.authentication = authentication;
    this.authQuery = Map.copyOf(authQuery);
    this.records = JsonPath.of(settings.recordsPath());
    this.cursorPath = JsonPath.of(settings.paging().cursorPath());
    this.pageNumber = settings.paging().startPage();
  }

  /** The pages fetched so far. */
  int pagesFetched() {
    return fetched;
  }

  /**
   * Fetches the next page.
   *
   * @return the page, or {@code null} after the last one
   * @throws UdbException {@code INPUT_TOO_LARGE} past {@code max-pages}, {@code INGEST_BAD_FORMAT}
   *     for a response that is not JSON or lacks the records, or what {@link #statusError} says
   */
  Page next() {
    if (done) {
      return null;
    }
    if (fetched >= settings.maxPages()) {
      throw new UdbException(
          ErrorCode.INPUT_TOO_LARGE,
          "Stream '"
              + settings.stream()
              + "' has more than "
              + settings.maxPages()
              + " pages; raise 'max-pages' or narrow the request");
    }
    URI uri = withParams(nextUri(), authQuery, true);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(settings.timeout())
            .header("Accept", "application/json");
    settings.headers().forEach(builder::header);
    authentication.accept(builder);
    ResilientHttpClient.Response response = http.send(builder.build(), retry, deadline, cancelled);
    int number = fetched + 1;
    if (!response.ok()) {
      throw statusError(response, number);
    }
    JsonNode document = parse(response.body(), number);
    List<JsonNode> found = extract(document, number);
    fetched = number;
    advance(document, response.headers(), response.uri(), found.size());
    return new Page(number, found);
  }

  private URI nextUri() {
    HttpSettings.Paging paging = settings.paging();
    Map<String, String> params = new LinkedHashMap<>(settings.query());
    switch (paging.type()) {
      case PAGE -> {
        params.put(paging.pageParam(), Integer.toString(pageNumber));
        if (paging.sizeParam() != null && paging.pageSize() > 0) {
          params.put(paging.sizeParam(), Integer.toString(paging.pageSize()));
        }
      }
      case OFFSET -> {
        params.put(paging.offsetParam(), Long.toString(offset));
        params.put(paging.limitParam(), Integer.toString(paging.pageSize()));
      }
      case CURSOR -> {
        if (nextLink != null) {
          return nextLink;
        }
        if (cursor != null) {
          params.put(paging.cursorParam(), cursor);
        }
      }
      case LINK -> {
        if (nextLink != null) {
          return nextLink;
        }
      }
      default -> {}
    }
    return withParams(settings.url(), params, false);
  }

  private void advance(JsonNode document, HttpHeaders headers, URI answered, int count) {
    HttpSettings.Paging paging = settings.paging();
    switch (paging.type()) {
      case NONE -> done = true;
      case PAGE -> {
        done = count == 0 || (paging.pageSize() > 0 && count < paging.pageSize());
        pageNumber++;
      }
      case OFFSET -> {
        done = count == 0 || count < paging.pageSize();
        offset += count;
      }
      case CURSOR -> {
        JsonNode value = cursorPath.find(document);
        String next =
            value.isMissingNode() || value.isNull()
                ? null
                : value.isString() ? value.stringValue() : value.toString();
        if (next == null || next.isBlank() || next.equals(cursor) || count == 0) {
          done = true;
        } else if (next.startsWith("http://")
            || next.startsWith("https://")
            || next.startsWith("/")) {
          URI link = sameOriginLink(answered, next);
          done = link.equals(nextLink);
          nextLink = link;
          cursor = next;
        } else {
          cursor = next;
        }
      }
      case LINK -> {
        String next = nextLink(headers);
        if (next == null) {
          done = true;
        } else {
          URI link = sameOriginLink(answered, next);
          done = link.equals(nextLink) || link.equals(answered);
          nextLink = link;
        }
      }
    }
  }

  private URI sameOriginLink(URI answered, String link) {
    URI target;
    try {
      target = answered.resolve(link.trim());
    } catch (IllegalArgumentException e) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "The next-page link of stream '" + settings.stream() + "' is not a URL");
    }
    if (!ResilientHttpClient.sameOrigin(settings.url(), target)) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The next-page link of stream '"
              + settings.stream()
              + "' points to another host ("
              + target.getHost()
              + "); pages are followed only on "
              + settings.url().getHost());
    }
    return target;
  }

  /** The {@code rel="next"} target of the {@code Link} headers, or {@code null}. */
  static String nextLink(HttpHeaders headers) {
    for (String header : headers.allValues("Link")) {
      Matcher link = LINK.matcher(header);
      while (link.find()) {
        Matcher rel = REL.matcher(link.group(2));
        while (rel.find()) {
          String value = rel.group(1) != null ? rel.group(1) : rel.group(2);
          for (String token : value.trim().split("\\s+")) {
            if (token.equalsIgnoreCase("next")) {
              return link.group(1);
            }
          }
        }
      }
    }
    return null;
  }

  private List<JsonNode> extract(JsonNode document, int number) {
    JsonNode node = records.find(document);
    if (node.isMissingNode()) {
      if (number == 1) {
        throw new UdbException(
            ErrorCode.INGEST_BAD_FORMAT,
            "The response of stream '"
                + settings.stream()
                + "' has nothing at records-path "
                + records
                + "; check 'records-path'");
      }
      return List.of();
    }
    if (node.isNull()) {
      return List.of();
    }
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        out.add(asRecord(item));
      }
    } else {
      out.add(asRecord(node));
    }
    return out;
  }

  private static JsonNode asRecord(JsonNode item) {
    if (item.isObject()) {
      return item;
    }
    return Json.mapper().createObjectNode().set("value", item);
  }

  private JsonNode parse(byte[] body, int number) {
    try {
      JsonNode document = Json.mapper().readTree(body);
      if (document == null || document.isMissingNode()) {
        throw new UdbException(
            ErrorCode.INGEST_BAD_FORMAT,
            "Page " + number + " of stream '" + settings.stream() + "' is empty, not JSON");
      }
      return document;
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "Page "
              + number
              + " of stream '"
              + settings.stream()
              + "' is not valid JSON: "
              + excerpt(e.getOriginalMessage()),
          e);
    }
  }

  private UdbException statusError(ResilientHttpClient.Response response, int number) {
    int status = response.status();
    String where = ResilientHttpClient.display(response.uri()) + " (page " + number + ")";
    if (status == 401 || status == 403) {
      return new UdbException(
          ErrorCode.CONFIG_INVALID,
          where
              + " refused the credentials (HTTP "
              + status
              + "); check the 'auth' settings and the secret they use");
    }
    if (status == 404) {
      return new UdbException(
          ErrorCode.CONFIG_INVALID, where + " was not found (HTTP 404); check 'url'");
    }
    if (status >= 400 && status < 500) {
      return new UdbException(
          ErrorCode.CONFIG_INVALID,
          where
              + " refused the request (HTTP "
              + status
              + "): "
              + excerpt(new String(response.body(), StandardCharsets.UTF_8)));
    }
    return new UdbException(
        ErrorCode.UNAVAILABLE,
        where + " failed (HTTP " + status + "); the API has a problem, try again later");
  }

  private static String excerpt(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /**
   * Adds query parameters to a URI.
   *
   * @param base the URI
   * @param params the parameters, form-encoded
   * @param onlyMissing whether parameters already present are left alone
   * @return the new URI
   */
  static URI withParams(URI base, Map<String, String> params, boolean onlyMissing) {
    Objects.requireNonNull(base, "base");
    String raw = base.getRawQuery();
    StringBuilder query = new StringBuilder(raw == null ? "" : raw);
    for (Map.Entry<String, String> param : params.entrySet()) {
      String key = encode(param.getKey());
      if (onlyMissing && hasParam(raw, key)) {
        continue;
      }
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(key).append('=').append(encode(param.getValue()));
    }
    StringBuilder uri = new StringBuilder();
    uri.append(base.getScheme()).append("://").append(base.getRawAuthority());
    if (base.getRawPath() != null) {
      uri.append(base.getRawPath());
    }
    if (query.length() > 0) {
      uri.append('?').append(query);
    }
    return URI.create(uri.toString());
  }

  private static boolean hasParam(String rawQuery, String key) {
    if (rawQuery == null) {
      return false;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.equals(key) || pair.startsWith(key + "=")) {
        return true;
      }
    }
    return false;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}

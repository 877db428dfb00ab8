package io.udb.ingest.http;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.secret.SecretValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The parsed configuration of an {@code http} connection. */
record HttpSettings(
    URI url,
    String stream,
    String recordsPath,
    Map<String, String> query,
    Map<String, String> headers,
    Paging paging,
    Auth auth,
    int maxPages,
    int schemaPages,
    Duration timeout,
    Duration deadline,
    int maxRetries,
    Duration maxRetryWait) {

  /** The secret slot of a bearer token. */
  static final String TOKEN_SECRET = "token";

  /** The secret slot of an API key. */
  static final String API_KEY_SECRET = "api-key";

  private static final Set<String> FORBIDDEN_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "host", "content-length");

  /** How pages are requested. */
  enum PagingType {
    NONE,
    PAGE,
    OFFSET,
    CURSOR,
    LINK
  }

  /**
   * Pagination settings.
   *
   * @param type the style
   * @param pageParam the page number parameter
   * @param startPage the first page's number
   * @param sizeParam the page size parameter, or {@code null} to send none
   * @param pageSize the page size, or {@code 0} when unknown
   * @param offsetParam the offset parameter
   * @param limitParam the limit parameter
   * @param cursorParam the cursor parameter
   * @param cursorPath where the next cursor is in the response body
   */
  record Paging(
      PagingType type,
      String pageParam,
      int startPage,
      String sizeParam,
      int pageSize,
      String offsetParam,
      String limitParam,
      String cursorParam,
      String cursorPath) {}

  /** How requests authenticate. */
  enum AuthType {
    NONE,
    BEARER,
    API_KEY,
    OAUTH2
  }

  /**
   * Authentication settings.
   *
   * @param type the kind
   * @param secret the bearer token or API key, or {@code null}
   * @param header the API key header, or {@code null} when sent as a query parameter
   * @param queryParam the API key query parameter, or {@code null}
   * @param provider the OAuth2 provider, or {@code null}
   */
  record Auth(
      AuthType type, SecretValue secret, String header, String queryParam, String provider) {
    @Override
    public String toString() {
      return "Auth[" + type + "]";
    }
  }

  HttpSettings {
    query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  static HttpSettings of(ConnectorConfig config) {
    Settings settings = config.settings();
    URI url = parseUrl(settings.requireString("url").trim());
    String stream = settings.getString("stream", defaultStream(url)).trim();
    if (stream.isEmpty()) {
      throw invalid("Setting 'stream' must not be blank");
    }
    Map<String, String> query = sorted(settings.withPrefix("query."));
    Map<String, String> headers = sorted(settings.withPrefix("headers."));
    for (String header : headers.keySet()) {
      if (FORBIDDEN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        throw invalid(
            "Header '"
                + header
                + "' cannot be set in 'headers'; credentials go through 'auth' and secret"
                + " references");
      }
    }
    int maxPages = settings.getInt("max-pages", 1000);
    int schemaPages = settings.getInt("schema-pages", 1);
    int maxRetries = settings.getInt("max-retries", 5);
    if (maxPages < 1 || schemaPages < 1 || maxRetries < 0) {
      throw invalid("'max-pages' and 'schema-pages' must be positive, 'max-retries' not negative");
    }
    return new HttpSettings(
        url,
        stream,
        blankToNull(settings.getString("records-path", null)),
        query,
        headers,
        paging(settings.withPrefix("pagination.")),
        auth(settings.withPrefix("auth."), config),
        maxPages,
        schemaPages,
        settings.getDuration("timeout", Duration.ofSeconds(30)),
        settings.getDuration("deadline", Duration.ofMinutes(30)),
        maxRetries,
        settings.getDuration("max-retry-wait", Duration.ofMinutes(2)));
  }

  private static Paging paging(Settings p) {
    PagingType type = enumOf(PagingType.class, "pagination.type", p.getString("type", "none"));
    String cursorPath = blankToNull(p.getString("cursor-path", null));
    if (type == PagingType.CURSOR && cursorPath == null) {
      throw invalid("Cursor pagination needs 'pagination.cursor-path', e.g. meta.next_cursor");
    }
    int pageSize = p.getInt("page-size", type == PagingType.OFFSET ? 100 : 0);
    if (pageSize < 0) {
      throw invalid("Setting 'pagination.page-size' must not be negative");
    }
    return new Paging(
        type,
        p.getString("page-param", "page"),
        p.getInt("start-page", 1),
        blankToNull(p.getString("size-param", null)),
        pageSize,
        p.getString("offset-param", "offset"),
        p.getString("limit-param", "limit"),
        p.getString("cursor-param", "cursor"),
        cursorPath);
  }

  private static Auth auth(Settings a, ConnectorConfig config) {
    AuthType type = enumOf(AuthType.class, "auth.type", a.getString("type", "none"));
    return switch (type) {
      case NONE -> new Auth(type, null, null, null, null);
      case BEARER ->
          new Auth(type, requireSecret(config, TOKEN_SECRET, "bearer"), null, null, null);
      case API_KEY -> {
        String param = blankToNull(a.getString("query-param", null));
        String header = param == null ? a.getString("header", "X-API-Key") : null;
        yield new Auth(type, requireSecret(config, API_KEY_SECRET, "api-key"), header, param, null);
      }
      case OAUTH2 -> {
        String provider = blankToNull(a.getString("provider", null));
        if (provider == null) {
          throw invalid("OAuth2 authentication needs 'auth.provider', the OAuth2 provider's name");
        }
        yield new Auth(type, null, null, null, provider);
      }
    };
  }

  private static SecretValue requireSecret(ConnectorConfig config, String slot, String auth) {
    SecretValue value = config.secrets().get(slot);
    if (value == null) {
      throw invalid("Authentication '" + auth + "' needs the secret reference '" + slot + "'");
    }
    return value;
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String key, String raw) {
    String name = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    throw invalid("Setting '" + key + "' has the unknown value '" + raw + "'");
  }

  private static URI parseUrl(String raw) {
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
        throw invalid("Setting 'url' must be an http or https URL with a host");
      }
      if (uri.getRawUserInfo() != null) {
        throw invalid("Setting 'url' must not hold user info; use 'auth' and secret references");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw invalid("Setting 'url' is not a valid URL: " + e.getReason());
    }
  }

  private static String defaultStream(URI url) {
    String path = url.getPath() == null ? "" : url.getPath();
    String[] segments = path.split("/");
    for (int i = segments.length - 1; i >= 0; i--) {
      if (!segments[i].isBlank()) {
        return segments[i];
      }
    }
    return "records";
  }

  private static Map<String, String> sorted(Settings settings) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : new TreeSet<>(settings.keys())) {
      out.put(key, settings.raw(key).orElseThrow());
    }
    return out;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }

  @Override
  public String toString() {
    return "HttpSettings[url=" + ResilientHttpClient.display(url) + ", stream=" + stream + "]";
  }
}

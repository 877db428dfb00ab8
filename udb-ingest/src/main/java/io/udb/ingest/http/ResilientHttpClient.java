package io.udb.ingest.http;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends HTTP requests for connectors: retries transient failures (connection errors, timeouts and
 * the {@link RetryPolicy}'s statuses such as 429) with back-off that honours {@code Retry-After},
 * within a bounded number of retries and a total deadline; follows redirects only within the same
 * origin (so credentials never travel to another host); checks every URI against the {@link
 * NetworkPolicy}; caps response bodies; and stops when the job is cancelled.
 *
 * <p>Messages name the scheme, host and path of a URI, never its query (which may hold an API key).
 * Thread-safe.
 */
public final class ResilientHttpClient {
  private static final Logger LOG = LoggerFactory.getLogger(ResilientHttpClient.class);
  private static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final long SLEEP_SLICE_MILLIS = 100;

  private final HttpClient client;
  private final NetworkPolicy network;
  private final Clock clock;
  private final long maxBodyBytes;

  /**
   * A client.
   *
   * @param client the JDK client; it must not follow redirects itself (see {@link #newJdkClient})
   * @param network which hosts may be called
   * @param clock the clock that {@code Retry-After} dates are compared with
   * @param maxBodyBytes the largest response body accepted
   */
  public ResilientHttpClient(
      HttpClient client, NetworkPolicy network, Clock clock, long maxBodyBytes) {
    this.client = Objects.requireNonNull(client, "client");
    this.network = Objects.requireNonNull(network, "network");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (client.followRedirects() != HttpClient.Redirect.NEVER) {
      throw new IllegalArgumentException("The HTTP client must not follow redirects itself");
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * A JDK client that leaves redirects to {@link ResilientHttpClient}.
   *
   * @param connectTimeout the connect timeout
   * @return the client
   */
  public static HttpClient newJdkClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .build();
  }

  /**
   * A response with its body read.
   *
   * @param status the status code
   * @param headers the headers
   * @param body the body
   * @param uri the URI that answered (after same-origin redirects)
   */
  public record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
    /** Copies the body reference as is; callers do not modify it. */
    public Response {
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
    }

    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * When a whole operation must end, measured on the monotonic clock.
   *
   * @param atNanos the {@link System#nanoTime()} of the end
   */
  public record Deadline(long atNanos) {
    /**
     * The deadline after the given time from now.
     *
     * @param duration the time allowed
     * @return the deadline
     */
    public static Deadline in(Duration duration) {
      return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** The time left, zero when passed. */
    public Duration remaining() {
      long left = atNanos - System.nanoTime();
      return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Whether it has passed. */
    public boolean passed() {
      return atNanos - System.nanoTime() <= 0;
    }
  }

  /**
   * Sends a request, retrying as the policy says.
   *
   * @param request the request; its timeout is shortened to the deadline
   * @param retry the retry policy
   * @param deadline when the whole exchange must be over
   * @param cancelled tells when the job was cancelled
   * @return the final response: 2xx, or a status the policy does not retry
   * @throws UdbException {@code RATE_LIMITED} when 429 persists or asks to wait too long, {@code
   *     UNAVAILABLE} for persistent connection failures, 5xx or a passed deadline, {@code
   *     CONFIG_INVALID} for refused URIs and redirects to another origin, {@code INPUT_TOO_LARGE}
   *     for bodies over the cap, {@code JOB_CANCELLED} on cancellation
   */
  public Response send(
      HttpRequest request, RetryPolicy retry, Deadline deadline, BooleanSupplier cancelled) {
    HttpRequest current = request;
    int retries = 0;
    int redirects = 0;
    while (true) {
      throwIfCancelled(cancelled);
      URI uri = current.uri();
      network.check(uri);
      if (deadline.passed()) {
        throw new UdbException(
            ErrorCode.UNAVAILABLE, "No answer from " + display(uri) + " before the deadline");
      }
      HttpResponse<InputStream> response;
      try {
        response =
            client.send(withTimeout(current, deadline), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpTimeoutException e) {
        retries = retryAfterFailure(uri, "timed out", e, retry, retries, deadline, cancelled);
        continue;
      } catch (IOException e) {
        retries =
            retryAfterFailure(
                uri,
                "failed: " + e.getClass().getSimpleName(),
                e,
                retry,
                retries,
                deadline,
                cancelled);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UdbException(
            ErrorCode.JOB_CANCELLED, "Interrupted while calling " + display(uri));
      }
      int status = response.statusCode();
      if (REDIRECTS.contains(status)) {
        discard(response);
        current = redirect(current, response, ++redirects);
        continue;
      }
      if (retry.retryStatuses().contains(status)) {
        discard(response);
        Optional<Duration> asked = retryAfter(response.headers());
        if (retries >= retry.maxRetries()) {
          throw exhausted(uri, status, retries);
        }
        Duration wait = asked.orElse(retry.backoff(retries));
        Duration left = deadline.remaining();
        if ((asked.isPresent() && wait.compareTo(retry.maxRetryAfter()) > 0)
            || wait.compareTo(left) >= 0) {
          throw new UdbException(
              status == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.UNAVAILABLE,
              display(uri)
                  + " answered "
                  + status
                  + " and asks to wait "
                  + wait.toSeconds()
                  + " s, longer than allowed ("
                  + Math.min(retry.maxRetryAfter().toSeconds(), left.toSeconds())
                  + " s); try again later");
        }
        LOG.info(
            "{} answered {}; retry {} of {} in {} ms",
            display(uri),
            status,
            retries + 1,
            retry.maxRetries(),
            wait.toMillis());
        sleep(wait, cancelled);
        retries++;
        continue;
      }
      return new Response(status, response.headers(), readBody(uri, response), uri);
    }
  }

  private int retryAfterFailure(
      URI uri,
      String what,
      IOException cause,
      RetryPolicy retry,
      int retries,
      Deadline deadline,
      BooleanSupplier cancelled) {
    if (retries >= retry.maxRetries()) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          "The request to " + display(uri) + " " + what + " after " + retries + " retries",
          cause);
    }
    Duration wait = retry.backoff(retries);
    if (wait.compareTo(deadline.remaining()) >= 0) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          "The request to " + display(uri) + " " + what + " and the deadline leaves no retry",
          cause);
    }
    LOG.info(
        "The request to {} {}; retry {} in {} ms",
        display(uri),
        what,
        retries + 1,
        wait.toMillis());
    sleep(wait, cancelled);
    return retries + 1;
  }

  private static UdbException exhausted(URI uri, int status, int retries) {
    return new UdbException(
        status == 429 ? ErrorCode.RATE_LIMITED : ErrorCode.UNAVAILABLE,
        display(uri)
            + " still answered "
            + status
            + " after "
            + retries
            + " retries; try again later");
  }

  private static HttpRequest withTimeout(HttpRequest request, Deadline deadline) {
    Duration left = deadline.remaining();
    Duration timeout = request.timeout().orElse(left);
    if (timeout.compareTo(left) > 0) {
      timeout = left;
    }
    if (timeout.isZero()) {
      timeout = Duration.ofMillis(1);
    }
    return HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
  }

  private HttpRequest redirect(
      HttpRequest request, HttpResponse<InputStream> response, int redirects) {
    URI from = request.uri();
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new UdbException(
                        ErrorCode.UNAVAILABLE,
                        display(from) + " answered a redirect without a Location"));
    URI target;
    try {
      target = from.resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE, display(from) + " redirected to an invalid location", e);
    }
    if (!sameOrigin(from, target)) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          display(from)
              + " redirected to another host ("
              + target.getHost()
              + "); redirects are followed only within the same scheme, host and port, so"
              + " configure the final URL directly");
    }
    if (redirects > MAX_REDIRECTS) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          display(from) + " redirected more than " + MAX_REDIRECTS + " times");
    }
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          display(from) + " redirected a " + method + " request; configure the final URL");
    }
    return HttpRequest.newBuilder(request, (name, value) -> true).uri(target).build();
  }

  /**
   * Whether two URIs share scheme, host and port.
   *
   * @param a one URI
   * @param b the other
   * @return true when they are of the same origin
   */
  public static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** The {@code Retry-After} wait: delay seconds or an HTTP date; absent when missing or bad. */
  Optional<Duration> retryAfter(HttpHeaders headers) {
    Optional<String> value = headers.firstValue("Retry-After").map(String::trim);
    if (value.isEmpty() || value.get().isEmpty()) {
      return Optional.empty();
    }
    String text = value.get();
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofDays(1));
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private byte[] readBody(URI uri, HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw new UdbException(
            ErrorCode.INPUT_TOO_LARGE,
            "The response of "
                + display(uri)
                + " is larger than "
                + maxBodyBytes
                + " bytes; request smaller pages");
      }
      return body;
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE, "Reading the response of " + display(uri) + " failed", e);
    }
  }

  private static void discard(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.skip(64 * 1024);
    } catch (IOException e) {
      // the connection is dropped instead of reused; nothing else depends on it
    }
  }

  private static void sleep(Duration wait, BooleanSupplier cancelled) {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      throwIfCancelled(cancelled);
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        Thread.sleep(Math.min(SLEEP_SLICE_MILLIS, Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UdbException(ErrorCode.JOB_CANCELLED, "Interrupted while waiting to retry");
      }
    }
  }

  private static void throwIfCancelled(BooleanSupplier cancelled) {
    if (cancelled.getAsBoolean()) {
      throw new UdbException(ErrorCode.JOB_CANCELLED, "The job was cancelled on request");
    }
  }

  /**
   * A URI without its query, fragment or user info, for messages and logs.
   *
   * @param uri the URI
   * @return {@code scheme://host[:port]/path}
   */
  public static String display(URI uri) {
    if (uri.getHost() == null) {
      return "(a URL without host)";
    }
    StringBuilder out = new StringBuilder();
    out.append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() >= 0) {
      out.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    return out.toString();
  }
}

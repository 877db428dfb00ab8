package io.udb.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port, for connector tests: routes answer with
 * lambdas, and every request is recorded.
 */
public final class FakeApi implements AutoCloseable {
  /** A recorded request. */
  public record Request(String method, URI uri, Map<String, List<String>> headers, String body) {
    /** The first value of a header, or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
          return entry.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** Answers one request. */
  @FunctionalInterface
  public interface Route {
    void handle(HttpExchange exchange, Request request) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  /** Starts the server. */
  public FakeApi() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.start();
  }

  /** Adds a route for a path prefix. */
  public FakeApi route(String path, Route route) {
    server.createContext(
        path,
        exchange -> {
          try {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request =
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    body);
            requests.add(request);
            route.handle(exchange, request);
          } catch (Exception e) {
            send(exchange, 599, "text/plain", "test route failed: " + e);
          } finally {
            exchange.close();
          }
        });
    return this;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The port. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The requests so far. */
  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The requests to paths starting with the prefix. */
  public List<Request> requests(String pathPrefix) {
    return requests().stream().filter(r -> r.uri().getPath().startsWith(pathPrefix)).toList();
  }

  /** Sends a JSON body. */
  public static void json(HttpExchange exchange, int status, String json) throws IOException {
    send(exchange, status, "application/json", json);
  }

  /** Sends a body. */
  public static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  /** A query parameter of a request URI, or null. */
  public static String param(URI uri, String name) {
    String query = uri.getQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (key.equals(name)) {
        return eq < 0 ? "" : pair.substring(eq + 1);
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

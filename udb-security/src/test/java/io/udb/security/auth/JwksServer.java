package io.udb.security.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 that serves a JWKS document the test can swap, counting hits. */
final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile String document = "{\"keys\":[]}";
  private volatile int status = 200;
  private volatile String location;
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean hang;

  JwksServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks",
        exchange -> {
          requests.incrementAndGet();
          if (hang) {
            awaitRelease();
          }
          byte[] body = document.getBytes(StandardCharsets.UTF_8);
          if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  void serve(String json) {
    this.document = json;
  }

  void status(int status) {
    this.status = status;
  }

  void redirectTo(String location) {
    this.location = location;
    this.status = 302;
  }

  /** Makes every request wait until the server is closed, to exercise client timeouts. */
  void hang() {
    this.hang = true;
  }

  private void awaitRelease() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}

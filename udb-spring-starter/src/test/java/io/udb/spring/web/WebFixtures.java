package io.udb.spring.web;

import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/** Helpers shared by the web tests: tokens, the real test data, JSON of responses, PostgreSQL. */
final class WebFixtures {
  /** The local PostgreSQL of the test machine (trust authentication). */
  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

  static final String PG_USER = "postgres";

  private WebFixtures() {}

  /** The repository's Seattle weather CSV (1,461 rows). */
  static Path seattleWeather() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata/seattle-weather.csv");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("testdata/seattle-weather.csv not found above the working dir");
  }

  static byte[] seattleWeatherBytes() {
    try {
      return Files.readAllBytes(seattleWeather());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Adds a bearer token of a principal named after its role, unless the role is null. */
  static AbstractMockHttpServletRequestBuilder<?> as(
      AbstractMockHttpServletRequestBuilder<?> request, TenantId tenant, Role role) {
    if (role == null) {
      return request;
    }
    return request.header(
        HttpHeaders.AUTHORIZATION,
        "Bearer "
            + WebTestApplication.token(
                role.name().toLowerCase(Locale.ROOT) + "-" + tenant.value(), tenant, role));
  }

  /** The JSON object of a response body. */
  static Map<String, Object> json(MvcResult result) {
    return Json.readObject(
        new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8));
  }

  /** A new schema in the local PostgreSQL holding a small {@code sales} table. */
  static String postgresSchemaWithSales() throws SQLException {
    String schema = "udb_web_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      s.execute(
          "CREATE TABLE " + schema + ".sales (id integer, region text, amount numeric(10,2))");
      s.execute(
          "INSERT INTO "
              + schema
              + ".sales VALUES (1, 'north', 10.50), (2, 'south', 20.00), (3, 'north', 5.25)");
    }
    return schema;
  }

  static void dropSchema(String schema) throws SQLException {
    try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** A JDBC connector configuration reading the {@code sales} table of a schema. */
  static Map<String, Object> jdbcConfig(String schema) {
    return Map.of(
        "url",
        PG_URL + "?currentSchema=" + schema,
        "user",
        PG_USER,
        "streams",
        Map.of("sales", Map.of("table", "sales")));
  }
}

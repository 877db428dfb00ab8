package io.udb.examples.demo;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo service of {@code java -jar udb-examples/target/udb-examples.jar}: port 8080, storage
 * {@code ./udb-data}, tenant {@code demo} seeded on the first start. When the environment has no
 * {@code UDB_JWT_SECRET}, it generates a signing secret for this run and prints a ready-to-paste
 * admin token (see {@link DemoSeeder}).
 */
@SpringBootApplication
public class UdbDemoApplication {
  /** The property that tells {@link DemoSeeder} the secret was generated for this run. */
  static final String GENERATED_SECRET = "udb.demo.generated-secret";

  /** Creates the application; Spring calls it. */
  public UdbDemoApplication() {}

  /**
   * Starts the demo.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    start(System.getenv(), args);
  }

  /**
   * Starts the demo with a given environment, for tests.
   *
   * @param environment the process environment to consult for {@code UDB_JWT_SECRET}
   * @param args Spring Boot arguments
   * @return the running application
   */
  public static ConfigurableApplicationContext start(
      Map<String, String> environment, String... args) {
    SpringApplication application = new SpringApplication(UdbDemoApplication.class);
    application.setDefaultProperties(defaults(environment));
    return application.run(args);
  }

  /** The lowest-precedence properties: anything on the command line or in the files wins. */
  static Map<String, Object> defaults(Map<String, String> environment) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("udb.demo.enabled", "true");
    String secret = environment.get("UDB_JWT_SECRET");
    if (secret == null || secret.isBlank()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      defaults.put("udb.security.jwt-secret", Base64.getEncoder().encodeToString(random));
      defaults.put(GENERATED_SECRET, "true");
    }
    return defaults;
  }
}

package io.udb.examples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * What the demo prints when it is ready: the URL of its page, an admin token for tenant {@code
 * demo} (when it generated the secret) and three {@code curl} commands that work as printed.
 *
 * @param baseUrl e.g. {@code http://localhost:8080}
 * @param token the admin token, or {@code null} when the secret came from {@code UDB_JWT_SECRET}
 *     (then mint tokens with that secret yourself)
 * @param table the demo table
 */
public record DemoBanner(String baseUrl, String token, String table) {

  /** The SQL of the second example command. */
  static final String EXAMPLE_SQL =
      "SELECT weather, count(*) AS days FROM seattle_weather GROUP BY weather ORDER BY days DESC";

  /**
   * The three example commands, each one line of shell.
   *
   * @return list tables, run SQL, start a profile job
   */
  public List<String> curlCommands() {
    String auth = "-H 'Authorization: Bearer " + (token != null ? token : "$UDB_TOKEN") + "'";
    String json = "-H 'Content-Type: application/json'";
    List<String> commands = new ArrayList<>();
    commands.add("curl -s " + auth + " " + baseUrl + "/udb/tables");
    commands.add(
        "curl -s "
            + auth
            + " "
            + json
            + " -d '{\"sql\": \""
            + EXAMPLE_SQL
            + "\"}' "
            + baseUrl
            + "/udb/sql");
    commands.add(
        "curl -s "
            + auth
            + " "
            + json
            + " -d '{\"table\": \""
            + table
            + "\"}' "
            + baseUrl
            + "/udb/profile");
    return commands;
  }

  /** The whole banner. */
  public String text() {
    StringBuilder out = new StringBuilder();
    String rule = "-".repeat(78);
    out.append('\n').append(rule).append('\n');
    out.append("UDB demo is ready: ").append(baseUrl).append("/\n");
    out.append("Tenant 'demo' holds ")
        .append(table)
        .append(" (Seattle weather 2012-2015, NOAA, public domain).\n");
    if (token != null) {
      out.append("\nAdmin token for tenant 'demo' (valid for 24 hours; paste it into the page):\n");
      out.append(token).append('\n');
      out.append(
          "The signing secret was generated for this run; set UDB_JWT_SECRET to keep tokens"
              + " across restarts.\n");
    } else {
      out.append(
          "\nTokens are verified with UDB_JWT_SECRET; export UDB_TOKEN with an HS256 token"
              + " (claims sub, tenant=demo, roles=[admin], exp) signed with it.\n");
    }
    out.append("\nTry:\n");
    for (String command : curlCommands()) {
      out.append("  ").append(command).append('\n');
    }
    out.append("\nMetrics: ").append(baseUrl).append("/actuator/prometheus\n");
    out.append(rule).append('\n');
    return out.toString();
  }
}

package io.udb.examples.supplychain;

import io.udb.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The third-party runtime dependencies of UDB's published modules, read from the CycloneDX SBOMs
 * the build writes ({@code <module>/target/bom.json}), with their licenses and verdicts, rendered
 * as the Markdown table of {@code docs/licenses.md}.
 */
final class LicenseInventory {
  private static final Pattern BOM_ARTIFACT =
      Pattern.compile("<artifactId>(udb-[a-z0-9-]+)</artifactId>");

  /**
   * One dependency.
   *
   * @param key {@code group:artifact}
   * @param licenses SPDX ids or expressions, in the SBOM's order
   * @param module the lowest published module that brings it (in udb-bom's order, which follows the
   *     layers), so that a row does not change when a higher module is added
   */
  record Dependency(String key, List<String> licenses, String module) {
    LicensePolicy.Verdict verdict() {
      return LicensePolicy.best(licenses);
    }

    String row() {
      return "| `"
          + key
          + "` | "
          + (licenses.isEmpty() ? "none given" : String.join(" or ", licenses))
          + " | "
          + verdict().label
          + " | "
          + module
          + " |";
    }
  }

  /**
   * Licenses of components whose POM states none, read by hand from the project (each explained in
   * docs/licenses.md): the SBOM has nothing to go on for them.
   */
  private static final Map<String, String> READ_BY_HAND =
      Map.of(
          "org.apache.datasketches:datasketches-memory", "Apache-2.0",
          "org.apache.xbean:xbean-asm9-shaded", "Apache-2.0",
          "oro:oro", "Apache-1.1");

  /** The table header, two lines. */
  static final String HEADER =
      "| dependency | license | verdict | first brought in by |\n|---|---|---|---|";

  private LicenseInventory() {}

  /**
   * The published modules: every UDB artifact that udb-bom offers to hosts.
   *
   * @param root the repository root
   * @return the module names
   * @throws IOException when udb-bom/pom.xml cannot be read
   */
  static List<String> publishedModules(Path root) throws IOException {
    String pom = Files.readString(root.resolve("udb-bom/pom.xml"));
    List<String> modules = new ArrayList<>();
    Matcher m = BOM_ARTIFACT.matcher(pom);
    while (m.find()) {
      if (!m.group(1).equals("udb-bom")) {
        modules.add(m.group(1));
      }
    }
    return modules;
  }

  /**
   * Reads the SBOMs of the given modules.
   *
   * @param root the repository root
   * @param modules the modules
   * @return the third-party dependencies by key, sorted
   * @throws IOException when an SBOM cannot be read
   */
  static Map<String, Dependency> read(Path root, List<String> modules) throws IOException {
    Map<String, List<String>> licenses = new TreeMap<>();
    Map<String, String> broughtBy = new TreeMap<>();
    for (String module : modules) {
      Map<String, Object> bom =
          Json.readObject(Files.readString(root.resolve(module).resolve("target/bom.json")));
      for (Object o : (List<?>) bom.getOrDefault("components", List.of())) {
        Map<?, ?> component = (Map<?, ?>) o;
        String group = String.valueOf(component.get("group"));
        if (group.equals("io.udb")) {
          continue;
        }
        String key = group + ":" + component.get("name");
        licenses.putIfAbsent(key, licensesOf(component));
        broughtBy.putIfAbsent(key, module);
      }
    }
    Map<String, Dependency> out = new TreeMap<>();
    licenses.forEach(
        (key, l) ->
            out.put(
                key,
                new Dependency(
                    key,
                    l.isEmpty() && READ_BY_HAND.containsKey(key)
                        ? List.of(READ_BY_HAND.get(key))
                        : l,
                    broughtBy.get(key))));
    return out;
  }

  private static List<String> licensesOf(Map<?, ?> component) {
    List<String> out = new ArrayList<>();
    List<?> given = component.get("licenses") instanceof List<?> l ? l : List.of();
    for (Object o : given) {
      Map<?, ?> choice = (Map<?, ?>) o;
      if (choice.get("expression") instanceof String expression) {
        out.add(expression);
        continue;
      }
      Map<?, ?> license = (Map<?, ?>) choice.get("license");
      if (license == null) {
        continue;
      }
      String id =
          license.get("id") instanceof String s
              ? s
              : LicensePolicy.idForName(String.valueOf(license.get("name")));
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * The Markdown table of the dependencies.
   *
   * @param dependencies the dependencies
   * @return the table, header first, one row per dependency, ending in a newline
   */
  static String table(Map<String, Dependency> dependencies) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    for (Dependency d : dependencies.values()) {
      out.append(d.row()).append('\n');
    }
    return out.toString();
  }
}

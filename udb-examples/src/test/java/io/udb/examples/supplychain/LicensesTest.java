package io.udb.examples.supplychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/licenses.md} true: its table must equal the one generated from the CycloneDX
 * SBOMs of the published modules, no dependency may be under a strong copyleft or an unknown
 * license, and every flagged (weak copyleft) dependency must be explained in the text.
 *
 * <p>The SBOMs are written in the {@code package} phase of each published module, which Maven runs
 * before this module's tests in a full build ({@code ./mvnw -B verify}). The CycloneDX plugin skips
 * itself in offline builds ({@code -o}); with missing or outdated SBOMs the test is skipped and
 * says so, rather than judging files that do not describe the current POMs.
 */
class LicensesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DOC = ROOT.resolve("docs/licenses.md");
  private static final String BEGIN = "<!-- licenses:begin -->\n";
  private static final String END = "<!-- licenses:end -->";

  private static Map<String, LicenseInventory.Dependency> dependencies;

  @BeforeAll
  static void readTheSboms() throws IOException {
    List<String> modules = LicenseInventory.publishedModules(ROOT);
    List<String> stale = new ArrayList<>();
    FileTime parent = Files.getLastModifiedTime(ROOT.resolve("pom.xml"));
    for (String module : modules) {
      Path bom = ROOT.resolve(module).resolve("target/bom.json");
      if (!Files.isRegularFile(bom)) {
        stale.add(module + " (no target/bom.json)");
        continue;
      }
      FileTime written = Files.getLastModifiedTime(bom);
      if (written.compareTo(parent) < 0
          || written.compareTo(Files.getLastModifiedTime(ROOT.resolve(module).resolve("pom.xml")))
              < 0) {
        stale.add(module + " (target/bom.json is older than a pom.xml)");
      }
    }
    assumeTrue(
        stale.isEmpty(),
        "SBOMs missing or outdated for "
            + stale
            + "; run the full online build (./mvnw -B verify) to check the licenses");
    dependencies = LicenseInventory.read(ROOT, modules);
    Path generated = Path.of("target/licenses-table.md");
    Files.writeString(generated, LicenseInventory.table(dependencies), StandardCharsets.UTF_8);
  }

  private static String documentedTable() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/licenses.md has the %s marker", BEGIN.trim()).isNotNegative();
    assertThat(end).as("docs/licenses.md has the %s marker", END).isGreaterThan(begin);
    return doc.substring(begin + BEGIN.length(), end);
  }

  @Test
  void theDocumentListsExactlyTheRuntimeDependenciesWithTheirLicenses() throws IOException {
    assertThat(dependencies).as("the SBOMs list third-party dependencies").isNotEmpty();
    assertThat(documentedTable())
        .as(
            "docs/licenses.md is out of date; udb-examples/target/licenses-table.md holds the"
                + " current table: copy it between the markers and explain any new flagged row")
        .isEqualTo(LicenseInventory.table(dependencies));
  }

  @Test
  void noRuntimeDependencyIsUnderAStrongCopyleftOrAnUnknownLicense() {
    assertThat(dependencies.values())
        .filteredOn(
            d ->
                d.verdict() == LicensePolicy.Verdict.STRONG_COPYLEFT
                    || d.verdict() == LicensePolicy.Verdict.UNKNOWN)
        .extracting(LicenseInventory.Dependency::row)
        .as(
            "dependencies that may not ship (exclude them) or whose license the policy does not"
                + " know (add it to LicensePolicy after reading it)")
        .isEmpty();
  }

  @Test
  void everyFlaggedDependencyIsExplained() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String prose = doc.substring(0, doc.indexOf(BEGIN)) + doc.substring(doc.indexOf(END));
    for (LicenseInventory.Dependency d : dependencies.values()) {
      if (d.verdict() == LicensePolicy.Verdict.WEAK_COPYLEFT) {
        assertThat(prose)
            .as("docs/licenses.md explains why flagged %s is acceptable", d.key())
            .contains("`" + d.key() + "`");
      }
    }
  }
}

package io.udb.security.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the permission table in the documentation equal to {@link Operation}. Every Markdown file
 * under {@code docs/} holding the table's markers is checked, so the test keeps working when the
 * section moves now in {@code docs/security.md}.
 */
class PermissionTableDocTest {

  static final String BEGIN = "<!-- permission-table:begin (generated from Operation) -->";
  static final String END = "<!-- permission-table:end -->";

  static String markdownTable() {
    StringBuilder table = new StringBuilder("| operation | minimum role |\n|---|---|\n");
    for (Operation operation : Operation.values()) {
      table
          .append("| `")
          .append(operation.id())
          .append("` | ")
          .append(operation.minimumRole().externalName())
          .append(" |\n");
    }
    return table.toString();
  }

  @Test
  void documentedPermissionTableMatchesTheEnum() throws IOException {
    Path docs = repositoryRoot().resolve("docs");
    assertThat(docs.resolve("security.md")).exists();
    List<Path> withTable = new ArrayList<>();
    try (Stream<Path> files = Files.list(docs)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        if (Files.readString(file, StandardCharsets.UTF_8).contains(BEGIN)) {
          withTable.add(file);
        }
      }
    }
    assertThat(withTable).as("docs holding the permission table markers").isNotEmpty();
    for (Path file : withTable) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int begin = text.indexOf(BEGIN) + BEGIN.length();
      int end = text.indexOf(END, begin);
      assertThat(end).as("end marker in %s", file).isPositive();
      assertThat(text.substring(begin, end).strip())
          .as("permission table in %s; expected:%n%s", file, markdownTable())
          .isEqualTo(markdownTable().strip());
    }
  }

  @Test
  void everyOperationIdIsUniqueAndDotted() {
    assertThat(Stream.of(Operation.values()).map(Operation::id))
        .doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[a-z]+(\\.[a-z]+)?"));
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("udb-security"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a folder above the working directory holding udb-security").isNotNull();
    return dir;
  }
}

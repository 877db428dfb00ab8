package io.udb.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.kpi.KpiReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} is preceded by {@code <!--
 * snippet: Name -->} and equals the region {@code // snippet:begin Name} .. {@code // snippet:end}
 * of a compiled class in this package (both sides de-indented). So the build compiles every
 * snippet, and a changed API breaks the build instead of the documentation.
 */
class SnippetsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path SOURCES = Path.of("src/test/java/io/udb/examples/snippets");
  private static final String MARK = "<!-- snippet: ";

  /** A Java block of a document. */
  private record Block(String where, String name, String code) {}

  private static List<Path> documents() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static List<Block> blocks(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).trim().equals("```java")) {
        continue;
      }
      String where = ROOT.relativize(doc) + ":" + (i + 1);
      String previous = i > 0 ? lines.get(i - 1).trim() : "";
      String name =
          previous.startsWith(MARK) && previous.endsWith("-->")
              ? previous.substring(MARK.length(), previous.length() - 3).trim()
              : null;
      List<String> code = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && !lines.get(j).trim().equals("```")) {
        code.add(lines.get(j));
        j++;
      }
      out.add(new Block(where, name, dedent(code)));
      i = j;
    }
    return out;
  }

  static Map<String, String> regions() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          if (line.startsWith("// snippet:begin ")) {
            String name = line.substring("// snippet:begin ".length()).trim();
            List<String> code = new ArrayList<>();
            int j = i + 1;
            while (!lines.get(j).trim().equals("// snippet:end")) {
              code.add(lines.get(j));
              j++;
            }
            assertThat(out.put(name, dedent(code))).as("snippet %s defined once", name).isNull();
          }
        }
      }
    }
    return out;
  }

  private static String dedent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line.isBlank() ? "" : line.substring(indent).stripTrailing()).append('\n');
    }
    return out.toString();
  }

  @Test
  void everyJavaSnippetOfTheDocumentsIsACompiledRegion() throws IOException {
    Map<String, String> regions = regions();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path doc : documents()) {
      for (Block block : blocks(doc)) {
        if (block.name() == null) {
          problems.add(block.where() + ": a java block without a <!-- snippet: Name --> line");
        } else if (!regions.containsKey(block.name())) {
          problems.add(block.where() + ": no region '" + block.name() + "' in " + SOURCES);
        } else if (!regions.get(block.name()).equals(block.code())) {
          problems.add(
              block.where()
                  + ": differs from region '"
                  + block.name()
                  + "'; the compiled version is:\n"
                  + regions.get(block.name()));
        } else {
          checked++;
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void findsBlocksAndTheirNames(@TempDir Path dir) throws IOException {
    Path doc = dir.resolve("x.md");
    Files.writeString(
        doc,
        "text\n<!-- snippet: A -->\n```java\n  int a = 1;\n\n    a++;\n```\n```java\nx();\n```\n");

    assertThat(blocks(doc))
        .containsExactly(
            new Block(ROOT.relativize(doc) + ":3", "A", "int a = 1;\n\n  a++;\n"),
            new Block(ROOT.relativize(doc) + ":8", null, "x();\n"));
  }

  @Test
  void theQuickstartRunsOnTheSeattleWeather(@TempDir Path storage) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    KpiReport report;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      report = PlainJavaQuickstart.run(storage, ROOT.resolve("testdata/seattle-weather.csv"), out);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);

    assertThat(printed).contains("[rain, 641]", "[sun, 640]");
    assertThat(report.narrative()).startsWith("Max_temperature was 15.6 °C in December 2015");
    assertThat(printed).contains(report.narrative());
  }
}

package io.udb.ingest.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FragmenterTest {
  private static final String TEXT =
      "Field Notes\n"
          + "Rain is the word most people expect. Yet the summaries also say sun, fog and snow."
          + " A careful reader learns to distrust the reputation of a city.\n\n"
          + "Winter brings most of the precipitation. The wettest months are November, December"
          + " and January. Summer, by contrast, is remarkably dry.\n"
          + "Wind is the quiet column of the table. Its daily mean rarely exceeds six metres per"
          + " second.\n";

  private static void assertConsistent(String text, List<Fragmenter.Fragment> fragments, int size) {
    for (int i = 0; i < fragments.size(); i++) {
      Fragmenter.Fragment f = fragments.get(i);
      assertThat(f.number()).isEqualTo(i);
      assertThat(f.text()).isEqualTo(text.substring(f.start(), f.end()));
      assertThat(f.text()).isNotBlank().isEqualTo(f.text().strip());
      assertThat(f.end() - f.start()).isLessThanOrEqualTo(size);
      if (i > 0) {
        assertThat(f.start()).isGreaterThan(fragments.get(i - 1).start());
        assertThat(f.end()).isGreaterThan(fragments.get(i - 1).end());
      }
    }
  }

  @Test
  void cutsBetweenSentencesWithOffsetsIntoTheText() {
    List<Fragmenter.Fragment> fragments = new Fragmenter(120, 0, Locale.ROOT).split(TEXT);

    assertConsistent(TEXT, fragments, 120);
    assertThat(fragments).hasSizeGreaterThan(2);
    for (Fragmenter.Fragment f : fragments) {
      assertThat(f.text()).matches("(?s).*[.s]$");
    }
    assertThat(fragments.get(0).start()).isZero();
    assertThat(fragments.get(fragments.size() - 1).end()).isEqualTo(TEXT.strip().length());
    for (int i = 1; i < fragments.size(); i++) {
      assertThat(fragments.get(i).start()).isGreaterThanOrEqualTo(fragments.get(i - 1).end());
    }
  }

  @Test
  void everySentenceIsWholeInSomeFragment() {
    List<Fragmenter.Fragment> fragments = new Fragmenter(100, 40, Locale.ROOT).split(TEXT);

    assertConsistent(TEXT, fragments, 100);
    for (String sentence :
        List.of(
            "Rain is the word most people expect.",
            "The wettest months are November, December and January.",
            "Its daily mean rarely exceeds six metres per second.")) {
      assertThat(fragments).anySatisfy(f -> assertThat(f.text()).contains(sentence));
    }
  }

  @Test
  void overlapRepeatsWholeSentencesUpToTheOverlap() {
    List<Fragmenter.Fragment> fragments = new Fragmenter(150, 60, Locale.ROOT).split(TEXT);

    assertConsistent(TEXT, fragments, 150);
    boolean overlapped = false;
    for (int i = 1; i < fragments.size(); i++) {
      Fragmenter.Fragment previous = fragments.get(i - 1);
      Fragmenter.Fragment f = fragments.get(i);
      if (f.start() < previous.end()) {
        overlapped = true;
        assertThat(previous.end() - f.start()).isLessThanOrEqualTo(60);
        assertThat(previous.text()).endsWith(TEXT.substring(f.start(), previous.end()));
      }
    }
    assertThat(overlapped).isTrue();
  }

  @Test
  void prefersParagraphEndsOnceHalfFull() {
    List<Fragmenter.Fragment> fragments = new Fragmenter(300, 0, Locale.ROOT).split(TEXT);

    assertConsistent(TEXT, fragments, 300);
    assertThat(fragments.get(0).text()).endsWith("the reputation of a city.");
  }

  @Test
  void cutsOverlongSentencesBetweenWordsAndOverlongWordsAnywhere() {
    String text = "word ".repeat(30).strip() + ". " + "x".repeat(130);
    List<Fragmenter.Fragment> fragments = new Fragmenter(50, 10, Locale.ROOT).split(text);

    assertConsistent(text, fragments, 50);
    assertThat(fragments.stream().filter(f -> f.text().startsWith("word")).toList())
        .allSatisfy(f -> assertThat(f.text()).doesNotStartWith("ord"));
    assertThat(fragments.get(fragments.size() - 1).end()).isEqualTo(text.length());
  }

  @Test
  void blankTextHasNoFragments() {
    assertThat(new Fragmenter(100, 10, Locale.ROOT).split(" \n\t ")).isEmpty();
    assertThat(new Fragmenter(100, 10, Locale.ROOT).split("")).isEmpty();
  }

  @Test
  void realDocumentFragmentsAreConsistent() {
    String text =
        new DocumentParser(DocumentSettings.defaults())
            .parse(Fixtures.file("field-notes.pdf"), "field-notes.pdf", () -> false)
            .text();
    List<Fragmenter.Fragment> fragments = new Fragmenter(300, 80, Locale.ROOT).split(text);

    assertConsistent(text, fragments, 300);
    assertThat(fragments).hasSizeGreaterThan(5);
  }
}

package io.udb.ingest.document;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a document's text into fragments of at most a given size, cut between sentences ({@link
 * BreakIterator#getSentenceInstance}) and, where a fragment is at least half full, preferably
 * between paragraphs. Consecutive fragments repeat whole sentences up to the overlap, so a sentence
 * cut by a fragment boundary is still found whole in one of them. A sentence longer than the size
 * is cut between words (a word longer than the size, between characters).
 *
 * <p>Offsets count UTF-16 code units ({@code char}s) of the text; each fragment's text is exactly
 * {@code text.substring(start, end)}, without leading or trailing whitespace. Thread-safe.
 */
public final class Fragmenter {
  private final int size;
  private final int overlap;
  private final Locale locale;

  /** One fragment: its number (from 0), its offsets in the document's text and its text. */
  public record Fragment(int number, int start, int end, String text) {}

  /** A sentence (or piece of one), and whether it starts a paragraph. */
  private record Unit(int start, int end, boolean paragraphStart) {}

  /**
   * Creates a fragmenter.
   *
   * @param size the most characters of one fragment (at least 2)
   * @param overlap characters of whole sentences repeated from the previous fragment (less than the
   *     size)
   * @param locale the language rules of sentence boundaries
   */
  public Fragmenter(int size, int overlap, Locale locale) {
    if (size < 2 || overlap < 0 || overlap >= size) {
      throw new IllegalArgumentException("Need size >= 2 and 0 <= overlap < size");
    }
    this.size = size;
    this.overlap = overlap;
    this.locale = locale;
  }

  /**
   * The fragments of a text.
   *
   * @param text the text
   * @return the fragments in order; empty for a text of whitespace only
   */
  public List<Fragment> split(String text) {
    List<Unit> units = units(text);
    List<Fragment> fragments = new ArrayList<>();
    int i = 0;
    int mustReach = 0;
    while (i < units.size()) {
      int start = units.get(i).start();
      int j = i;
      while (j + 1 < units.size() && units.get(j + 1).end() - start <= size) {
        boolean halfFull = units.get(j).end() - start >= size / 2;
        if (j >= mustReach && halfFull && units.get(j + 1).paragraphStart()) {
          break;
        }
        j++;
      }
      int end = units.get(j).end();
      fragments.add(new Fragment(fragments.size(), start, end, text.substring(start, end)));
      if (j == units.size() - 1) {
        break;
      }
      int next = j + 1;
      int limit = units.get(j + 1).end();
      for (int m = j; m > i; m--) {
        int from = units.get(m).start();
        if (end - from > overlap || limit - from > size) {
          break;
        }
        next = m;
      }
      mustReach = j + 1;
      i = next;
    }
    return fragments;
  }

  /** The sentences of the text, trimmed, with the over-long ones cut to the size. */
  private List<Unit> units(String text) {
    List<Unit> units = new ArrayList<>();
    BreakIterator sentences = BreakIterator.getSentenceInstance(locale);
    sentences.setText(text);
    int previousEnd = 0;
    boolean first = true;
    for (int from = sentences.first(), to = sentences.next();
        to != BreakIterator.DONE;
        from = to, to = sentences.next()) {
      int s = from;
      int e = to;
      while (s < e && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
      while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
        e--;
      }
      if (s == e) {
        continue;
      }
      boolean paragraph = first || text.substring(previousEnd, s).indexOf('\n') >= 0;
      cut(text, s, e, paragraph, units);
      previousEnd = e;
      first = false;
    }
    return units;
  }

  /** Adds a sentence, cut between words (or characters) into pieces of at most the size. */
  private void cut(String text, int start, int end, boolean paragraph, List<Unit> units) {
    int s = start;
    boolean startsParagraph = paragraph;
    while (end - s > size) {
      int cut = s + size;
      int space = cut;
      while (space > s && !Character.isWhitespace(text.charAt(space))) {
        space--;
      }
      int pieceEnd;
      int nextStart;
      if (space > s) {
        pieceEnd = space;
        nextStart = space;
      } else {
        pieceEnd = Character.isLowSurrogate(text.charAt(cut)) ? cut - 1 : cut;
        nextStart = pieceEnd;
      }
      while (pieceEnd > s && Character.isWhitespace(text.charAt(pieceEnd - 1))) {
        pieceEnd--;
      }
      units.add(new Unit(s, pieceEnd, startsParagraph));
      startsParagraph = false;
      s = nextStart;
      while (s < end && Character.isWhitespace(text.charAt(s))) {
        s++;
      }
    }
    if (s < end) {
      units.add(new Unit(s, end, startsParagraph));
    }
  }
}

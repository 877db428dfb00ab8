package io.udb.ingest.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The first records of a CSV file, split with a known dialect, to recognise lines before the header
 * that DuckDB's sniffer would either read as the header or skip without saying so: a title line
 * with another number of fields, or scikit-learn's {@code n_samples,n_features,class names...}
 * metadata line.
 */
final class CsvHead {
  /** Records examined. */
  static final int MAX_RECORDS = 30;

  /** Most leading lines recognised as a preamble. */
  static final int MAX_PREAMBLE = 5;

  private CsvHead() {}

  /**
   * One record of the head.
   *
   * @param raw its text
   * @param fields its fields, unquoted
   */
  record Record(String raw, List<String> fields) {}

  /**
   * What the head says about the lines before the header.
   *
   * @param skip lines to skip
   * @param headerless whether the file then has no header line (scikit-learn's layout)
   * @param skipped the skipped lines' text
   */
  record Preamble(int skip, boolean headerless, List<String> skipped) {
    static final Preamble NONE = new Preamble(0, false, List.of());
  }

  /**
   * Splits the head of a file into records.
   *
   * @param text the first bytes of the file, decoded
   * @param complete whether {@code text} is the whole file (else its last record may be cut)
   * @param delimiter the delimiter
   * @param quote the quote character, or empty
   * @param escape the escape character, or empty
   * @return up to {@link #MAX_RECORDS} records, blank lines left out
   */
  static List<Record> records(
      String text, boolean complete, String delimiter, String quote, String escape) {
    List<Record> records = new ArrayList<>();
    int q = quote.isEmpty() ? -1 : quote.charAt(0);
    int e = escape.isEmpty() || escape.equals(quote) ? -1 : escape.charAt(0);
    int start = 0;
    int i = 0;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStart = true;
    int n = text.length();
    if (n > 0 && text.charAt(0) == '\uFEFF') {
      start = 1;
      i = 1;
    }
    while (i < n && records.size() < MAX_RECORDS) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == e && i + 1 < n) {
          field.append(text.charAt(i + 1));
          i += 2;
          continue;
        }
        if (c == q) {
          if (i + 1 < n && text.charAt(i + 1) == q) {
            field.append(c);
            i += 2;
            continue;
          }
          quoted = false;
        } else {
          field.append(c);
        }
        i++;
        continue;
      }
      if (c == '\n' || c == '\r') {
        fields.add(field.toString());
        String raw = text.substring(start, i);
        if (!raw.isBlank()) {
          records.add(new Record(raw, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
        fieldStart = true;
        i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
        start = i;
        continue;
      }
      if (text.startsWith(delimiter, i)) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        i += delimiter.length();
        continue;
      }
      if (fieldStart && c == q) {
        quoted = true;
      } else {
        field.append(c);
      }
      fieldStart = false;
      i++;
    }
    if (complete && i >= n && start < n && records.size() < MAX_RECORDS && !quoted) {
      fields.add(field.toString());
      String raw = text.substring(start);
      if (!raw.isBlank()) {
        records.add(new Record(raw, List.copyOf(fields)));
      }
    }
    return records;
  }

  /**
   * Recognises a preamble: leading records whose field count differs from that of the records after
   * them, or a scikit-learn metadata line ({@code 150,4,setosa,versicolor,virginica} above numeric
   * rows: sample count, feature count = fields - 1, class names).
   *
   * @param records the head's records
   * @return the preamble, {@link Preamble#NONE} when there is none
   */
  static Preamble preamble(List<Record> records) {
    if (records.size() < 3) {
      return Preamble.NONE;
    }
    int usual = mostCommonWidth(records.subList(1, records.size()));
    int lead = 0;
    while (lead < records.size() && records.get(lead).fields().size() != usual) {
      lead++;
    }
    if (lead > 0
        && lead <= MAX_PREAMBLE
        && lead < records.size() - 1
        && !onlyEmptyBeyond(
            records.get(0).fields().size(), records.subList(lead, records.size()))) {
      return new Preamble(lead, false, raws(records, lead));
    }
    if (isScikitLearnMetadata(records.get(0), records.get(1))) {
      return new Preamble(1, true, raws(records, 1));
    }
    return Preamble.NONE;
  }

  /**
   * Whether every record has only empty fields from index {@code width} on: then a narrower first
   * line is a header above rows with trailing delimiters, not a preamble.
   */
  private static boolean onlyEmptyBeyond(int width, List<Record> records) {
    for (Record record : records) {
      List<String> fields = record.fields();
      if (fields.size() <= width) {
        return false;
      }
      for (int i = width; i < fields.size(); i++) {
        if (!fields.get(i).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isScikitLearnMetadata(Record first, Record second) {
    List<String> f = first.fields();
    if (f.size() < 3 || second.fields().size() != f.size()) {
      return false;
    }
    if (!isCount(f.get(0)) || !isCount(f.get(1))) {
      return false;
    }
    if (Long.parseLong(f.get(1).trim()) != f.size() - 1) {
      return false;
    }
    for (int i = 2; i < f.size(); i++) {
      if (isNumber(f.get(i)) || f.get(i).isBlank()) {
        return false;
      }
    }
    return second.fields().stream().allMatch(CsvHead::isNumber);
  }

  private static int mostCommonWidth(List<Record> records) {
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    int best = -1;
    int bestCount = 0;
    for (Record record : records) {
      int width = record.fields().size();
      int count = counts.merge(width, 1, Integer::sum);
      if (count > bestCount) {
        best = width;
        bestCount = count;
      }
    }
    return best;
  }

  private static List<String> raws(List<Record> records, int count) {
    return records.subList(0, count).stream().map(Record::raw).toList();
  }

  private static boolean isCount(String value) {
    String v = value.trim();
    return !v.isEmpty() && v.length() < 18 && v.chars().allMatch(Character::isDigit);
  }

  private static boolean isNumber(String value) {
    try {
      Double.parseDouble(value.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

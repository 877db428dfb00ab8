package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validated reader options of a CSV load. Absent values ({@code null}) are sniffed by DuckDB.
 *
 * @param delimiter the field delimiter (1 to 4 characters)
 * @param quote the quote character, {@code ""} for none
 * @param escape the escape character inside quotes, {@code ""} for none
 * @param header whether the first line (after {@code skip}) holds the column names
 * @param skip lines to skip before the header
 * @param nullTokens field values read as NULL besides the empty field, e.g. {@code NA}
 * @param charset the file's encoding; files not in UTF-8 or Latin-1 are transcoded to UTF-8
 * @param compression {@code auto}, {@code gzip} or {@code none}
 * @param comment the character that starts a comment line
 * @param names column names replacing the header's
 * @param dateFormat a strptime format for dates
 * @param timestampFormat a strptime format for timestamps
 * @param decimalSeparator {@code .} or {@code ,}
 * @param allVarchar read every column as text
 * @param sampleSize rows sampled for type detection, {@code -1} for all
 */
record CsvOptions(
    String delimiter,
    String quote,
    String escape,
    Boolean header,
    Integer skip,
    List<String> nullTokens,
    Charset charset,
    String compression,
    String comment,
    List<String> names,
    String dateFormat,
    String timestampFormat,
    String decimalSeparator,
    boolean allVarchar,
    Integer sampleSize) {

  static final Set<String> KEYS =
      Set.of(
          "delimiter",
          "delim",
          "sep",
          "quote",
          "escape",
          "header",
          "skip",
          "nullstr",
          "encoding",
          "compression",
          "comment",
          "names",
          "dateformat",
          "timestampformat",
          "decimal_separator",
          "all_varchar",
          "sample_size");

  /**
   * Parses reader options.
   *
   * @param options the options by key; unknown keys are refused
   * @param fileName the file's name: {@code .tsv} implies a tab delimiter
   * @return the options
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the bad option
   */
  static CsvOptions parse(Map<String, String> options, String fileName) {
    requireKnown(options, KEYS, "CSV");
    String delimiter = null;
    for (String key : List.of("delimiter", "delim", "sep")) {
      if (options.containsKey(key)) {
        delimiter = delimiter(options.get(key));
      }
    }
    if (delimiter == null && FileFormat.isTabSeparated(fileName)) {
      delimiter = "\t";
    }
    List<String> nulls = new ArrayList<>();
    if (options.containsKey("nullstr")) {
      for (String token : options.get("nullstr").split(",", -1)) {
        if (!token.isEmpty()) {
          nulls.add(token);
        }
      }
    }
    return new CsvOptions(
        delimiter,
        character(options, "quote"),
        character(options, "escape"),
        options.containsKey("header") ? bool("header", options.get("header")) : null,
        options.containsKey("skip") ? integer("skip", options.get("skip"), 0) : null,
        nulls,
        options.containsKey("encoding") ? charset(options.get("encoding")) : null,
        compression(options.get("compression")),
        nonEmptyCharacter(options, "comment"),
        options.containsKey("names") ? LoadOptions.splitList(options.get("names")) : List.of(),
        options.get("dateformat"),
        options.get("timestampformat"),
        decimalSeparator(options.get("decimal_separator")),
        options.containsKey("all_varchar") && bool("all_varchar", options.get("all_varchar")),
        options.containsKey("sample_size")
            ? integer("sample_size", options.get("sample_size"), -1)
            : null);
  }

  static void requireKnown(Map<String, String> options, Set<String> known, String format) {
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Unknown " + format + " option '" + key + "'; known options: " + new TreeSet<>(known));
      }
    }
  }

  static String compression(String value) {
    if (value == null) {
      return "auto";
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("auto") || v.equals("gzip") || v.equals("none")) {
      return v;
    }
    throw invalid("compression", value, "auto, gzip or none");
  }

  private static String delimiter(String value) {
    String v =
        switch (value) {
          case "\\t", "tab", "TAB" -> "\t";
          default -> value;
        };
    if (v.isEmpty() || v.length() > 4 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      throw invalid("delimiter", value, "1 to 4 characters, not a line break");
    }
    return v;
  }

  private static String character(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null) {
      return null;
    }
    if (value.length() > 1 || value.equals("\n") || value.equals("\r")) {
      throw invalid(key, value, "one character, or empty for none");
    }
    if (!value.isEmpty() && value.charAt(0) > 127) {
      throw invalid(key, value, "an ASCII character");
    }
    return value;
  }

  private static String nonEmptyCharacter(Map<String, String> options, String key) {
    String value = character(options, key);
    return value == null || value.isEmpty() ? null : value;
  }

  private static boolean bool(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw invalid(key, value, "true or false");
  }

  private static int integer(String key, String value, int min) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value, "a whole number of at least " + min);
  }

  private static Charset charset(String value) {
    try {
      return Charset.forName(value.trim());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw invalid("encoding", value, "a character set such as UTF-8, ISO-8859-1 or UTF-16");
    }
  }

  private static String decimalSeparator(String value) {
    if (value == null) {
      return null;
    }
    if (value.equals(".") || value.equals(",")) {
      return value;
    }
    throw invalid("decimal_separator", value, ". or ,");
  }

  private static UdbException invalid(String key, String value, String expected) {
    return new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "CSV option '" + key + "' has value '" + value + "'; expected " + expected);
  }
}

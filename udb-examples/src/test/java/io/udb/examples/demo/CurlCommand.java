package io.udb.examples.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code curl} commands the demo prints (single-quoted arguments, {@code -s}, {@code
 * -H}, {@code -d}) into an HTTP request, so that a test can run them exactly as printed.
 */
final class CurlCommand {
  private CurlCommand() {}

  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : command.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        inWord = true;
      } else if (c == ' ' && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("Unbalanced quote in: " + command);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  static HttpRequest toRequest(String command) {
    List<String> words = words(command);
    if (!words.get(0).equals("curl")) {
      throw new IllegalArgumentException("Not a curl command: " + command);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder();
    String body = null;
    URI uri = null;
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "-s" -> {}
        case "-H" -> {
          String header = words.get(++i);
          int colon = header.indexOf(':');
          request.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        case "-d" -> body = words.get(++i);
        default -> {
          if (w.startsWith("-")) {
            throw new IllegalArgumentException("Unsupported curl option " + w);
          }
          uri = URI.create(w);
        }
      }
    }
    if (uri == null) {
      throw new IllegalArgumentException("No URL in: " + command);
    }
    request.uri(uri);
    // like curl: -d makes it a POST of the data
    return (body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body)))
        .build();
  }
}

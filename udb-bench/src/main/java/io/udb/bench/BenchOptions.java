package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line of {@link BenchMain}: benchmark names (or {@code all}) and the options
 * {@code --warmup-seconds}, {@code --measure-seconds} (decimal seconds) and {@code --rounds}, each
 * given as {@code --name value} or {@code --name=value}.
 *
 * @param names the selected benchmark names as given; {@code all} when none was given
 * @param settings the harness settings
 */
public record BenchOptions(List<String> names, HarnessSettings settings) {
  /** The usage line printed on a bad command line. */
  public static final String USAGE =
      "usage: BenchMain [all | <benchmark>...] [--warmup-seconds S] [--measure-seconds S]"
          + " [--rounds N]";

  private static final Set<String> OPTIONS =
      Set.of("--warmup-seconds", "--measure-seconds", "--rounds");

  /** Copies the names. */
  public BenchOptions {
    names = List.copyOf(names);
  }

  /**
   * Parses a command line; unset options take {@link HarnessSettings#defaults()}.
   *
   * @param args the arguments
   * @return the options
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown option or a
   *     malformed value
   */
  public static BenchOptions parse(String... args) {
    HarnessSettings defaults = HarnessSettings.defaults();
    Duration warmup = defaults.warmup();
    Duration slice = defaults.slice();
    int rounds = defaults.rounds();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        names.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String option = equals < 0 ? arg : arg.substring(0, equals);
      if (!OPTIONS.contains(option)) {
        throw invalid("Unknown option " + option);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw invalid("Option " + option + " needs a value");
      }
      switch (option) {
        case "--warmup-seconds" -> warmup = seconds(option, value, true);
        case "--measure-seconds" -> slice = seconds(option, value, false);
        case "--rounds" -> rounds = positiveInt(option, value);
        default -> throw new IllegalStateException("unhandled option " + option);
      }
    }
    if (names.isEmpty()) {
      names.add("all");
    }
    return new BenchOptions(names, new HarnessSettings(warmup, slice, rounds));
  }

  private static Duration seconds(String option, String value, boolean zeroAllowed) {
    double seconds;
    try {
      seconds = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw invalid(option + " needs a number of seconds, got '" + value + "'");
    }
    if (!(seconds >= 0) || seconds > 86_400 || (!zeroAllowed && seconds == 0)) {
      throw invalid(
          option
              + " must be "
              + (zeroAllowed ? "0" : "above 0")
              + " to 86400 seconds, got '"
              + value
              + "'");
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  private static int positiveInt(String option, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the same message as a non-positive value
    }
    throw invalid(option + " needs a whole number of at least 1, got '" + value + "'");
  }

  private static UdbException invalid(String message) {
    return new UdbException(ErrorCode.INVALID_ARGUMENT, message + "; " + USAGE);
  }
}

package io.udb.security.pii;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The detectors in use (the built-ins plus user patterns) and the one place values are prepared for
 * them: converted with {@link String#valueOf(Object)}, stripped of surrounding whitespace and cut
 * to {@code maxValueLength} characters, so that no detector ever sees an unbounded input.
 *
 * <p>Immutable and thread-safe.
 */
public final class PiiDetectors {
  private final List<PiiDetector> detectors;
  private final int maxValueLength;

  /**
   * Creates a set of detectors.
   *
   * @param detectors the detectors, at most one per tag; earlier ones win when a masker must pick
   * @param maxValueLength values are cut to this many characters before detection, at least 1
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a duplicate tag or bad length
   */
  public PiiDetectors(List<? extends PiiDetector> detectors, int maxValueLength) {
    if (maxValueLength < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "maxValueLength must be at least 1");
    }
    Set<PiiTag> seen = new HashSet<>();
    for (PiiDetector detector : detectors) {
      if (!seen.add(detector.tag())) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "Two PII detectors share the tag " + detector.tag());
      }
    }
    this.detectors = List.copyOf(detectors);
    this.maxValueLength = maxValueLength;
  }

  /** The built-in detectors with the default length limit. */
  public static PiiDetectors builtIn() {
    return new PiiDetectors(builtInDetectors(), PiiSettings.DEFAULT_MAX_VALUE_LENGTH);
  }

  /**
   * The built-in detectors followed by the user patterns of the settings.
   *
   * @param settings the PII settings
   * @return the detectors
   */
  public static PiiDetectors of(PiiSettings settings) {
    List<PiiDetector> all = new ArrayList<>(builtInDetectors());
    for (Map.Entry<String, String> pattern : settings.patterns().entrySet()) {
      all.add(new PatternDetector(pattern.getKey(), pattern.getValue(), settings.patternBudget()));
    }
    return new PiiDetectors(all, settings.maxValueLength());
  }

  /**
   * The built-in detectors, most specific first: card, IBAN, SSN, email, IP, phone.
   *
   * @return new detector instances
   */
  public static List<PiiDetector> builtInDetectors() {
    return List.of(
        new CreditCardDetector(),
        new IbanDetector(),
        new SsnDetector(),
        new EmailDetector(),
        new IpAddressDetector(),
        new PhoneDetector());
  }

  /** The detectors, in order. */
  public List<PiiDetector> detectors() {
    return detectors;
  }

  /** The length values are cut to before detection. */
  public int maxValueLength() {
    return maxValueLength;
  }

  /**
   * The detector for a tag.
   *
   * @param tag the tag
   * @return the detector, if one is configured
   */
  public Optional<PiiDetector> detector(PiiTag tag) {
    return detectors.stream().filter(d -> d.tag().equals(tag)).findFirst();
  }

  /**
   * The tags of all detectors that recognize a value.
   *
   * @param value any value; {@code null} and blank values match nothing
   * @return the matching tags, sorted; empty when none
   */
  public Set<PiiTag> detect(Object value) {
    String prepared = prepare(value);
    if (prepared == null) {
      return Set.of();
    }
    Set<PiiTag> tags = new TreeSet<>();
    for (PiiDetector detector : detectors) {
      if (detector.matches(prepared)) {
        tags.add(detector.tag());
      }
    }
    return Collections.unmodifiableSet(tags);
  }

  /**
   * Tells whether the detector of a tag recognizes a value.
   *
   * @param tag the tag
   * @param value the value
   * @return false when no detector has the tag or the value is null or blank
   */
  public boolean matches(PiiTag tag, Object value) {
    String prepared = prepare(value);
    return prepared != null && detector(tag).map(d -> d.matches(prepared)).orElse(false);
  }

  /** The total number of values user patterns gave up on because of their budget. */
  public long budgetOverruns() {
    long total = 0;
    for (PiiDetector detector : detectors) {
      if (detector instanceof PatternDetector pattern) {
        total += pattern.budgetOverruns();
      }
    }
    return total;
  }

  /** The value as detectors see it, or null when there is nothing to look at. */
  String prepare(Object value) {
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value).strip();
    if (text.length() > maxValueLength) {
      text = text.substring(0, maxValueLength);
    }
    return text.isEmpty() ? null : text;
  }

  @Override
  public String toString() {
    return "PiiDetectors" + detectors.stream().map(d -> d.tag().id()).toList();
  }
}

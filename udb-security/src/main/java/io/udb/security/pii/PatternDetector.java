package io.udb.security.pii;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user-defined detector: a value matches when the regular expression is found in it ({@link
 * java.util.regex.Matcher#find()}; anchor with {@code ^...$} to require the whole value).
 *
 * <p>User patterns are untrusted: {@code (a+)+$} takes exponential time on {@code aaaa...b}. Every
 * match therefore runs on a {@link BudgetedCharSequence} that allows {@code stepBudget} character
 * reads per value; a pattern that exceeds it (or overflows the regex engine's stack) is stopped,
 * the value counts as <em>not</em> matching and {@link #budgetOverruns()} is incremented. The first
 * overrun of each pattern is logged at WARN with the pattern's name, never the value.
 */
public final class PatternDetector implements PiiDetector {
  private static final Logger LOG = LoggerFactory.getLogger(PatternDetector.class);

  private final String name;
  private final PiiTag tag;
  private final Pattern pattern;
  private final long stepBudget;
  private final LongAdder overruns = new LongAdder();
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * Creates the detector.
   *
   * @param name the pattern's name; its tag is {@code pii.custom.<name>}
   * @param regex a {@link Pattern} expression
   * @param stepBudget the most {@code charAt} calls one value may cost, at least 1
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a bad name, expression or
   *     budget
   */
  public PatternDetector(String name, String regex, long stepBudget) {
    this.tag = PiiTag.custom(name);
    this.name = name;
    Objects.requireNonNull(regex, "regex");
    if (stepBudget < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The step budget must be at least 1");
    }
    try {
      this.pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "PII pattern '" + name + "' is not a valid regular expression: " + e.getDescription());
    }
    this.stepBudget = stepBudget;
  }

  /** The pattern's name. */
  public String name() {
    return name;
  }

  @Override
  public PiiTag tag() {
    return tag;
  }

  @Override
  public boolean matches(CharSequence value) {
    try {
      return pattern.matcher(new BudgetedCharSequence(value, stepBudget)).find();
    } catch (StepBudgetExceededException | StackOverflowError e) {
      // java.util.regex recurses per repetition for some constructs; a value deep enough to
      // overflow the stack is as much an overrun as one that runs out of steps. The stack has
      // unwound to here, so continuing is safe.
      overrun();
      return false;
    }
  }

  /** How many values were given up because the pattern exceeded its budget. */
  public long budgetOverruns() {
    return overruns.sum();
  }

  private void overrun() {
    overruns.increment();
    if (warned.compareAndSet(false, true)) {
      LOG.warn(
          "PII pattern '{}' exceeded its budget of {} steps on a value; such values count as not"
              + " matching. Simplify the pattern (avoid nested quantifiers such as (a+)+)",
          name,
          stepBudget);
    }
  }

  @Override
  public String toString() {
    return "PatternDetector[" + name + "]";
  }
}

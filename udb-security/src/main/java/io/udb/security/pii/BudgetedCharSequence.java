package io.udb.security.pii;

/**
 * A read-only view of a text that allows a fixed number of {@link #charAt(int)} calls in total,
 * shared with its sub-sequences, and then throws {@link StepBudgetExceededException}. Every step of
 * {@link java.util.regex.Matcher} reads characters through {@code charAt}, so the budget bounds the
 * work a regular expression can do on one value, whatever its shape.
 */
final class BudgetedCharSequence implements CharSequence {
  private final CharSequence text;
  private final Budget budget;

  BudgetedCharSequence(CharSequence text, long steps) {
    this(text, new Budget(steps));
  }

  private BudgetedCharSequence(CharSequence text, Budget budget) {
    this.text = text;
    this.budget = budget;
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public char charAt(int index) {
    budget.spend();
    return text.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BudgetedCharSequence(text.subSequence(start, end), budget);
  }

  @Override
  public String toString() {
    return text.toString();
  }

  /** The remaining steps; confined to the thread that runs one match. */
  private static final class Budget {
    private long remaining;

    Budget(long steps) {
      this.remaining = steps;
    }

    void spend() {
      if (--remaining < 0) {
        throw new StepBudgetExceededException();
      }
    }
  }
}

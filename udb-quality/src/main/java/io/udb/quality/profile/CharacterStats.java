package io.udb.quality.profile;

/**
 * The character classes of a string column, as shares of all characters of its non-missing values
 * (each value counted as often as it occurs). Letters, digits, spaces, punctuation and other
 * characters add up to 1; {@code nonAscii} overlaps them.
 *
 * @param total the number of characters (Unicode code points)
 * @param letters share of letters of any script (Unicode category L)
 * @param digits share of decimal digits (Unicode category Nd)
 * @param spaces share of whitespace
 * @param punctuation share of punctuation (Unicode category P)
 * @param other share of everything else (symbols, marks, control characters, ...)
 * @param nonAscii share of characters outside ASCII
 */
public record CharacterStats(
    long total,
    double letters,
    double digits,
    double spaces,
    double punctuation,
    double other,
    double nonAscii) {}

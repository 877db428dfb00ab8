package io.udb.quality.profile;

/**
 * A value of a column and how often it occurs.
 *
 * @param value the value as the engine returned it (string, number, boolean, or ISO-8601 text for
 *     dates and timestamps), masked and shortened as the profile's options say; {@code null} never
 *     occurs, missing values are counted separately
 * @param count the number of rows holding it, or {@code null} when only the value is known (numeric
 *     extremes in approximate mode)
 * @param share {@code count} divided by the table's row count, or {@code null} with {@code count}
 */
public record ValueCount(Object value, Long count, Double share) {}

package io.udb.spark;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** Converts bound parameter values into the Java types Spark accepts as literals. */
final class SparkParameters {
  private SparkParameters() {}

  static Object bindable(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    return value;
  }
}

package io.udb.spark;

import org.apache.spark.sql.types.DataType;

/** Spark type names as UDB reports them: Spark's SQL spelling, upper case, e.g. {@code BIGINT}. */
final class SparkTypes {
  private SparkTypes() {}

  static String name(DataType type) {
    return type.sql();
  }
}

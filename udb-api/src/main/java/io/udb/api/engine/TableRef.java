package io.udb.api.engine;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;

/**
 * A table (or view) within a tenant's database. The name is kept as given; engines quote it through
 * their {@link SqlDialect}, so any printable name is safe.
 *
 * @param name the table name, 1 to 128 printable characters
 */
public record TableRef(String name) {
  /**
   * Validates the name.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when it is empty, too long or
   *     holds control characters
   */
  public TableRef {
    Objects.requireNonNull(name, "table name");
    if (name.isBlank() || name.length() > 128 || name.chars().anyMatch(Character::isISOControl)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Table name must be 1-128 printable characters and not blank");
    }
  }

  /**
   * Creates a reference.
   *
   * @param name the table name
   * @return the reference
   */
  public static TableRef of(String name) {
    return new TableRef(name);
  }

  @Override
  public String toString() {
    return name;
  }
}

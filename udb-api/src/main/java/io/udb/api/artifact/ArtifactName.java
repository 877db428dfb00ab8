package io.udb.api.artifact;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The file name of an artifact within its job: 1 to 128 characters of ASCII letters, digits, {@code
 * .}, {@code _} and {@code -}, not starting with a dot. No separators, so a name can never leave
 * the job's folder.
 *
 * @param value the validated name
 */
public record ArtifactName(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  /**
   * Validates the name.
   *
   * @throws UdbException with {@link ErrorCode#ARTIFACT_NAME_INVALID} when it is not valid
   */
  public ArtifactName {
    Objects.requireNonNull(value, "artifact name");
    if (!VALID.matcher(value).matches() || value.contains("..")) {
      throw new UdbException(
          ErrorCode.ARTIFACT_NAME_INVALID,
          "Artifact name must be 1-128 characters of letters, digits, '.', '_' or '-', not"
              + " starting with '.' and without '..'");
    }
  }

  /**
   * Parses a name.
   *
   * @param value the raw name
   * @return the name
   */
  public static ArtifactName of(String value) {
    return new ArtifactName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

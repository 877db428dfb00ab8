package io.udb.security.secrets;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.regex.Pattern;

/**
 * The rule for secret names shared by the built-in providers: 1-128 characters of {@code A-Z},
 * {@code a-z}, {@code 0-9}, {@code .}, {@code _} or {@code -}, and not made of dots only. Such a
 * name is safe as a file name and never addresses a path outside its folder.
 */
public final class SecretNames {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern DOTS = Pattern.compile("\\.+");

  private SecretNames() {}

  /**
   * Tells whether a name is valid.
   *
   * @param name the candidate
   * @return true when valid
   */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches() && !DOTS.matcher(name).matches();
  }

  /**
   * Checks a name.
   *
   * @param name the candidate
   * @return the name
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when it is not valid
   */
  public static String requireValid(String name) {
    if (!isValid(name)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "A secret name must be 1-128 characters of A-Z, a-z, 0-9, '.', '_' or '-' and not only"
              + " dots");
    }
    return name;
  }
}

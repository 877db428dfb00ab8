package io.udb.core.plugin;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code META-INF/services} entry that could not be turned into a usable factory: its class is
 * missing, is not a subtype of the SPI, has no usable constructor, its constructor threw, or its
 * {@code name()} failed.
 *
 * @param className the provider class named by the entry, or {@code null} when the failure does not
 *     reveal it
 * @param reason why it could not be used
 */
public record BrokenPlugin(String className, String reason) {
  /** Validates the arguments. */
  public BrokenPlugin {
    Objects.requireNonNull(reason, "reason");
  }

  /** The provider class, when known. */
  public Optional<String> providerClass() {
    return Optional.ofNullable(className);
  }

  /** {@code com.acme.Factory (reason)}, or the reason alone when the class is not known. */
  public String summary() {
    return className == null ? reason : className + " (" + reason + ")";
  }
}

package io.udb.spring.autoconfigure;

import io.udb.core.DataBoxBuilder;

/**
 * Adjusts the {@link DataBoxBuilder} of the auto-configured {@code DataBox} after the {@code udb.*}
 * properties and the host's plugin beans were applied, just before it is built. Customizers run in
 * {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface DataBoxBuilderCustomizer {
  /**
   * Adjusts the builder.
   *
   * @param builder the builder of the auto-configured box
   */
  void customize(DataBoxBuilder builder);
}

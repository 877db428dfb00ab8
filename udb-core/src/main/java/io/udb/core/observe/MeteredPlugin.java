package io.udb.core.observe;

/**
 * A plugin that records its own measurements. The plugin SPIs in {@code udb-api} cannot name {@link
 * UdbMetrics}, so a plugin built on {@code udb-core} implements this as well: {@code
 * DataBox.builder().build()} hands it the box's metrics once, right after creating it (or, for an
 * instance given to the builder, before the box uses it). Until then it should record into {@link
 * UdbMetrics#noop()}.
 */
public interface MeteredPlugin {

  /**
   * Tells the plugin where to record.
   *
   * @param metrics the box's metrics; never null
   */
  void bindMetrics(UdbMetrics metrics);
}

package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A stored baseline version with its columns' sufficient statistics: enough to test drift without
 * the reference table. Immutable.
 */
public final class Baseline {
  private final BaselineInfo info;
  private final Map<String, ColumnSide> sides;

  Baseline(BaselineInfo info, Map<String, ColumnSide> sides) {
    this.info = info;
    this.sides = Map.copyOf(sides);
  }

  /** What the version is. */
  public BaselineInfo info() {
    return info;
  }

  /**
   * The stored statistics of a column, exact even when its values were sketched.
   *
   * @param column the column
   * @return its statistics
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the baseline lacks it
   */
  public ColumnSummary summary(String column) {
    return side(column).summary();
  }

  /** Whether a column's values were stored as a sketch or capped. */
  public boolean approximate(String column) {
    ColumnSide side = side(column);
    return side.isNumeric() ? side.numeric().approximate() : side.text().otherCount() > 0;
  }

  ColumnSide side(String column) {
    ColumnSide side = sides.get(column);
    if (side == null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Baseline " + info.dataset() + " v" + info.version() + " has no column '" + column + "'");
    }
    return side;
  }

  /** This baseline as the reference of a comparison. */
  ReferenceSource asReference() {
    Map<String, String> types = new LinkedHashMap<>();
    info.columns().forEach(c -> types.put(c.name(), c.dataType()));
    String label = "baseline:" + info.dataset() + "@" + info.version();
    return new ReferenceSource() {
      @Override
      public String label() {
        return label;
      }

      @Override
      public Map<String, String> types() {
        return types;
      }

      @Override
      public boolean canRead(String column, boolean numeric) {
        return side(column).isNumeric() == numeric;
      }

      @Override
      public CompletableFuture<ColumnSide> read(
          SideReader reader, String column, boolean numeric, boolean integral) {
        return CompletableFuture.completedFuture(side(column));
      }
    };
  }
}

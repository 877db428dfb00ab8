package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CramersVTest {

  @Test
  void twoByTwoTablesUseYatesCorrection() {
    // a/b: (x,p)=10, (x,q)=2, (y,p)=3, (y,q)=15
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    add(a, b, "x", "p", 10);
    add(a, b, "x", "q", 2);
    add(a, b, "y", "p", 3);
    add(a, b, "y", "q", 15);
    List<Object> cells =
        List.of(
            Map.of("a", "x", "b", "p", "n", 10L),
            Map.of("a", "x", "b", "q", "n", 2L),
            Map.of("a", "y", "b", "p", "n", 3L),
            Map.of("a", "y", "b", "q", "n", 15L));

    double v = CramersV.corrected(2, 2, 30, Double.NaN, cells);

    assertThat(v).isCloseTo(PandasReference.cramersV(a, b), within(1e-12));
    assertThat(v).isBetween(0.0, 1.0);
  }

  @Test
  void constantOrTinyTablesAreUndefined() {
    assertThat(CramersV.corrected(1, 3, 10, 1.0, List.of())).isNaN();
    assertThat(CramersV.corrected(2, 2, 1, 1.0, List.of())).isNaN();
  }

  private static void add(List<String> a, List<String> b, String x, String y, int times) {
    for (int i = 0; i < times; i++) {
      a.add(x);
      b.add(y);
    }
  }
}

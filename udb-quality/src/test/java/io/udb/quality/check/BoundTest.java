package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.UdbException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundTest {

  @Test
  void inclusiveAndExclusiveEnds() {
    assertThat(Bound.ge(1).test(1)).isTrue();
    assertThat(Bound.gt(1).test(1)).isFalse();
    assertThat(Bound.le(1).test(1)).isTrue();
    assertThat(Bound.lt(1).test(1)).isFalse();
    assertThat(Bound.between(1, 2).test(2)).isTrue();
    assertThat(Bound.between(1, 2).test(2.0001)).isFalse();
    assertThat(Bound.eq(1).test(1)).isTrue();
    assertThat(Bound.eq(1).test(0.999999)).isFalse();
    assertThat(Bound.ge(0).test(Double.NaN)).isFalse();
  }

  @Test
  void describesItself() {
    assertThat(Bound.ge(0.95).describe()).isEqualTo(">= 0.95");
    assertThat(Bound.between(1, 10).describe()).isEqualTo("between 1 and 10");
    assertThat(Bound.eq(1).describe()).isEqualTo("== 1");
    assertThat(new Bound(0.0, false, 5.0, true).describe()).isEqualTo("> 0 and <= 5");
    assertThat(Bound.lt(1e-7).describe()).isEqualTo("< 0.0000001");
  }

  @Test
  void jsonFormNamesInclusiveAndExclusiveEnds() {
    assertThat(Bound.between(1, 2).toJson()).isEqualTo(Map.of("min", 1.0, "max", 2.0));
    assertThat(new Bound(0.0, false, 5.0, false).toJson())
        .isEqualTo(Map.of("exclusiveMin", 0.0, "exclusiveMax", 5.0));
  }

  @Test
  void refusesOpenEmptyOrNonFiniteBounds() {
    assertThatThrownBy(() -> new Bound(null, false, null, false)).isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> Bound.between(2, 1)).isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> new Bound(1.0, false, 1.0, true)).isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> Bound.ge(Double.POSITIVE_INFINITY)).isInstanceOf(UdbException.class);
  }
}

package io.udb.quality.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class UnsortedValuesTest {
  @Test
  void keysOrderDoublesAsNumbersAndRoundTrip() {
    double[] ordered = {
      -Double.MAX_VALUE,
      -1e300,
      -2.5,
      -1.0,
      -Double.MIN_NORMAL,
      -Double.MIN_VALUE,
      0.0,
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      1e-300,
      1.0,
      1.0000000000000002,
      2.5,
      1e300,
      Double.MAX_VALUE
    };
    for (int i = 0; i < ordered.length; i++) {
      assertThat(UnsortedValues.value(UnsortedValues.key(ordered[i]))).isEqualTo(ordered[i]);
      if (i > 0) {
        assertThat(
                Long.compareUnsigned(
                    UnsortedValues.key(ordered[i - 1]), UnsortedValues.key(ordered[i])))
            .as("%s < %s", ordered[i - 1], ordered[i])
            .isNegative();
      }
    }
  }

  @Test
  void countsEqualThoseOfAnOrderedMapForMixedSignsDuplicatesAndNegativeZero() {
    Random random = new Random(20261127);
    for (int round = 0; round < 20; round++) {
      int size = round == 0 ? 0 : 1 + random.nextInt(round * 5_000);
      UnsortedValues values = new UnsortedValues(round % 2 == 0 ? 4 : size);
      Map<Double, Long> expected = new TreeMap<>();
      for (int i = 0; i < size; i++) {
        double value = draw(random, round);
        values.add(value);
        expected.merge(value == 0.0 ? 0.0 : value, 1L, Long::sum);
      }
      NumericCounts counts = values.toCounts(3, 1, round % 3 == 0);

      assertThat(counts.size()).isEqualTo(expected.size());
      int k = 0;
      for (Map.Entry<Double, Long> entry : expected.entrySet()) {
        assertThat(counts.value(k)).isEqualTo(entry.getKey());
        assertThat(counts.count(k)).isEqualTo(entry.getValue());
        k++;
      }
      assertThat(counts.count()).isEqualTo(size);
      assertThat(counts.missing()).isEqualTo(3);
      assertThat(counts.invalid()).isEqualTo(1);
      assertThat(counts.integral()).isEqualTo(round % 3 == 0);
      assertThat(counts.approximate()).isFalse();
    }
  }

  @Test
  void sortSkipsDigitsOnWhichAllKeysAgreeAndStillSorts() {
    // amounts of one order of magnitude share the sign and exponent bits: those digits are skipped
    Random random = new Random(7);
    long[] keys = new long[50_000];
    double[] expected = new double[keys.length];
    for (int i = 0; i < keys.length; i++) {
      expected[i] = 1024 + random.nextInt(1000) / 100.0;
      keys[i] = UnsortedValues.key(expected[i]);
    }
    long[] sorted = UnsortedValues.sort(keys, keys.length);
    Arrays.sort(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(UnsortedValues.value(sorted[i])).isEqualTo(expected[i]);
    }
    long[] constant = {42L, 42L, 42L};
    assertThat(UnsortedValues.sort(constant, 3)).containsExactly(42L, 42L, 42L);
  }

  private static double draw(Random random, int round) {
    return switch (random.nextInt(6)) {
      case 0 -> -0.0;
      case 1 -> random.nextInt(50) - 25;
      case 2 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
      case 3 -> round % 2 == 0 ? Double.MIN_VALUE * random.nextInt(3) : -Double.MAX_VALUE;
      case 4 -> Math.round(random.nextGaussian() * 1e6) / 100.0;
      default -> random.nextBoolean() ? Double.MAX_VALUE : -random.nextDouble();
    };
  }
}

package cn.qingdao.peipao.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block bounds' submask maxima equal brute force over every submask, on seeded tables. */
class SubmaskMaxTest {
  @Test
  void everyMaskGetsTheLargestValueOfItsNonEmptySubmasksOrZero() {
    Random r = new Random(24);
    for (int bits = 0; bits <= 10; bits++) {
      for (int round = 0; round < 20; round++) {
        double[] table = new double[1 << bits];
        for (int m = 0; m < table.length; m++)
          table[m] = r.nextInt(4) == 0 ? -r.nextDouble() : r.nextDouble() * 3;
        double[] got = PruningBounds.submaskMax(table);
        for (int m = 0; m < table.length; m++) {
          double want = 0;
          for (int s = m; s != 0; s = (s - 1) & m) want = Math.max(want, table[s]);
          assertEquals(want, got[m], 0.0, "mask " + m + " of " + bits + " bits");
        }
      }
    }
  }
}

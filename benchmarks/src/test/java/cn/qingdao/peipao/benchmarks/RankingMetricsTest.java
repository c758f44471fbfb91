package cn.qingdao.peipao.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  @Test
  void handComputedValues() {
    RankingMetrics m = new RankingMetrics(2);
    m.add(List.of("a", "b", "c"), Set.of("b", "c")); // hit at rank 2 in the top 2, c outside
    m.add(List.of("x", "y"), Set.of("z")); // nothing found
    assertEquals(2, m.queries());
    assertEquals((0.5 + 0) / 2, m.recall(), 1e-12);
    double ndcg = (1 / (Math.log(3) / Math.log(2))) / (1 + 1 / (Math.log(3) / Math.log(2)));
    assertEquals(ndcg / 2, m.ndcg(), 1e-12);
    assertEquals(0.5 / 2, m.mrr(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> m.add(List.of("a"), Set.of()));
  }
}

package cn.qingdao.peipao.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke version of the planted-affinity evaluation, on a small ecosystem. */
class PlantedQualityTest {
  @Test
  void everyDirectionBeatsRandomOnTheTruth(@TempDir Path work) throws Exception {
    List<PlantedQuality.Row> rows =
        PlantedQuality.run(work, new PlantedQuality.Sizes(400, 80, 30, 60, 25), 0.0, 5);
    assertEquals(PlantedQuality.DIRECTIONS.size(), rows.size());
    for (PlantedQuality.Row r : rows) {
      assertTrue(r.subjects() > 0, r.toString());
      assertTrue(r.ours() > r.random() && r.ours() <= 1.0, r.toString());
      // cold subjects (no relation of their own) must not lose from what others did
      if (r.direction().projectIsSubject())
        assertTrue(r.withRelations() >= 0.95 * r.ours(), "cold start hurt: " + r);
    }
    assertTrue(PlantedQuality.table(0.0, rows).contains("| project-mentors |"));
  }

  @Test
  void ndcgIsOneForTheIdealOrderAndLessOtherwise() {
    var grade = java.util.Map.of("a", 2, "b", 1, "c", 0);
    assertEquals(1.0, RankingMetrics.ndcg(List.of("a", "b", "c"), grade, 10), 1e-12);
    double swapped = (1 + 3 / (Math.log(3) / Math.log(2))) / (3 + 1 / (Math.log(3) / Math.log(2)));
    assertEquals(swapped, RankingMetrics.ndcg(List.of("b", "a", "c"), grade, 10), 1e-12);
  }
}

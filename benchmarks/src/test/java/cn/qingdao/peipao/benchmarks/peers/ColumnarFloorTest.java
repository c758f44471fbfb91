package cn.qingdao.peipao.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The floor computes what it claims: the exact text-free top k of the eligible mentors. */
class ColumnarFloorTest {
  @Test
  void theFloorsTopKIsTheSortedExactScoreWithoutText() {
    Taxonomy t = QingdaoDataset.taxonomy();
    EntityReader reader = new EntityReader(t);
    SyntheticEcosystem gen = new SyntheticEcosystem(t, 3);
    List<ObjectNode> mentors = gen.mentors(600);
    ColumnarFloor floor = new ColumnarFloor(t, reader, mentors);
    FeatureExtractor fx = new FeatureExtractor(t);
    PairScorer scorer = new PairScorer(fx);
    ScoringProfiles p = ScoringProfiles.defaults();
    List<Features> features =
        mentors.stream().map(m -> fx.of(reader.read(EntityType.MENTORS, m))).toList();
    for (ObjectNode json : gen.projects(20)) {
      Entity project = reader.read(EntityType.PROJECTS, json);
      PairScorer.Context ctx =
          scorer.context(
              Direction.PROJECT_MENTORS,
              fx.of(project),
              p.defaultFor(Direction.PROJECT_MENTORS),
              p.defaultFor(Direction.MENTOR_PROJECTS),
              LocalDate.of(2026, 11, 21),
              RequestFilters.NONE);
      int[] expected =
          IntStream.range(0, features.size())
              .filter(i -> ctx.eligible(features.get(i)))
              .boxed()
              .sorted(
                  Comparator.comparingDouble((Integer i) -> -ctx.score(features.get(i), 0, 0))
                      .thenComparing(i -> i))
              .limit(10)
              .mapToInt(Integer::intValue)
              .toArray();
      assertArrayEquals(expected, floor.top(project, 10), json.get("id").asText());
    }
  }
}

package cn.qingdao.peipao.index.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.learning.WeightLearner;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.FeedbackStore;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the store and the recommender: a feedback log generated from hidden "true"
 * weights over real recommendation lists; learning from it must beat the default profile's NDCG@10
 * on held-out projects.
 */
class ProfileLearningTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  static final Map<String, Double> TRUTH =
      Map.of("sector", 1.0, "stage", 1.0, "location", 5.0, "needs", 1.0, "capacity", 3.0);

  @TempDir Path dir;

  static double truth(Match m) {
    double sum = 0;
    double total = 0;
    for (var w : TRUTH.entrySet()) {
      sum += w.getValue() * m.components().getOrDefault(w.getKey(), 0.0);
      total += w.getValue();
    }
    double a = sum / total;
    double b = m.components().get("reciprocal");
    return 2 * a * b / (a + b);
  }

  @Test
  void learnedWeightsBeatTheDefaultOnHeldOutProjects() {
    try (Catalog catalog = TestStores.open(dir.resolve("data"), TAXONOMY)) {
      SyntheticEcosystem gen = new SyntheticEcosystem(TAXONOMY, 3);
      for (var e :
          Map.of(EntityType.PROJECTS, gen.projects(400), EntityType.MENTORS, gen.mentors(150))
              .entrySet()) {
        var r =
            catalog.importLines(
                e.getKey(), e.getValue().stream().map(Json::write).iterator(), true, "t");
        assertTrue(r.committed(), r.errors().toString());
      }
      ScoringProfiles profiles = ScoringProfiles.defaults();
      Recommender recommender =
          new Recommender(catalog.index(), catalog.reader(), profiles, catalog.clock());
      List<FeedbackEvent> log = new ArrayList<>();
      for (int i = 1; i <= 400; i++) {
        Entity p =
            catalog.entity(EntityType.PROJECTS, String.format("syn-p-%05d", i)).orElseThrow();
        List<Match> shown =
            recommender
                .recommend(
                    new Recommender.Request(
                        p, EntityType.MENTORS, 20, RequestFilters.NONE, "default"))
                .items();
        if (shown.size() < 5) continue;
        for (int rank = 0; rank < shown.size(); rank++)
          log.add(event(p, shown.get(rank), FeedbackAction.IMPRESSION, rank + 1));
        List<Match> best =
            shown.stream().sorted(Comparator.comparingDouble(m -> -truth(m))).toList();
        for (Match m : best.subList(0, 2))
          log.add(event(p, m, FeedbackAction.MEETING_HELD, shown.indexOf(m) + 1));
      }
      Instant now = Instant.now();
      catalog.writeLogged(
          tx -> {
            for (FeedbackEvent e : log) FeedbackStore.insert(tx, e, "simulated users", now);
            return null;
          });
      var outcome =
          new ProfileLearning(catalog, recommender, profiles)
              .learn(Direction.PROJECT_MENTORS, "default", WeightLearner.Params.defaults(1));
      var l = outcome.learned();
      System.out.printf(
          "learned from %d events: held-out NDCG@10 default %.3f → learned %.3f (train %.3f → %.3f); %s%n",
          outcome.events(),
          l.heldOutCurrent(),
          l.heldOutLearned(),
          l.trainCurrent(),
          l.trainLearned(),
          outcome.weights());
      assertTrue(l.heldOutLists() >= 40, l.toString());
      assertTrue(l.heldOutLearned() >= l.heldOutCurrent() + 0.05, l.toString());
      assertTrue(
          outcome.weights().get("location") > outcome.weights().getOrDefault("sector", 0.0),
          outcome.weights().toString());
    }
  }

  static FeedbackEvent event(Entity p, Match m, FeedbackAction a, int rank) {
    return new FeedbackEvent(
        EntityType.PROJECTS, p.id(), EntityType.MENTORS, m.id(), a, "default", rank);
  }
}

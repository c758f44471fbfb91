package cn.qingdao.peipao.index.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.allocate.CohortScorer;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remembered standing is never older than the store: over seeded random writes of every kind that
 * moves one (accepts that pair, rejects, takings back, clicks, the counterpart's own word, a
 * deletion that ends assignments), each subject's standing, asked twice, equals a fresh read of the
 * store, from both sides; and on the embedded store the second ask is answered from memory.
 */
class StandingCacheTest {
  @TempDir Path dir;

  private static final FeedbackAction[] ACTIONS = {
    FeedbackAction.ACCEPT, FeedbackAction.REJECT, FeedbackAction.CLICK, FeedbackAction.MEETING_HELD
  };

  @Test
  void everyWriteIsSeenByTheNextStanding() {
    try (Catalog catalog = TestStores.open(dir, QingdaoDataset.taxonomy())) {
      TestStores.importDemo(catalog);
      Recommender recommender =
          new Recommender(
              catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
      Feedback feedback = new Feedback(catalog, new CohortScorer(recommender));
      Random r = new Random(41);
      int[] remembered = {0};
      Map<String, Feedback.Standing> last = new HashMap<>();
      int changed = 0;
      for (int step = 0; step < 150; step++) {
        for (int i = 1; i <= 4; i++) {
          for (String id : List.of("syn-p-0000" + i, "syn-m-0000" + i)) {
            Feedback.Standing truth =
                id.startsWith("syn-p")
                    ? check(feedback, EntityType.PROJECTS, id, EntityType.MENTORS, remembered)
                    : check(feedback, EntityType.MENTORS, id, EntityType.PROJECTS, remembered);
            Feedback.Standing before = last.put(id, truth);
            if (before != null && !before.equals(truth)) changed++;
          }
        }
        String p = "syn-p-0000" + (1 + r.nextInt(4));
        String m = "syn-m-0000" + (1 + r.nextInt(4));
        FeedbackAction action = ACTIONS[r.nextInt(ACTIONS.length)];
        int op = r.nextInt(20);
        try {
          if (op < 16) {
            feedback.record(
                new FeedbackEvent(
                    EntityType.PROJECTS, p, EntityType.MENTORS, m, action, null, null),
                "test");
          } else if (op < 19) {
            feedback.record(
                new FeedbackEvent(
                    EntityType.MENTORS, m, EntityType.PROJECTS, p, action, null, null),
                "test");
          } else {
            catalog.delete(EntityType.MENTORS, m, null, "test"); // ends its assignments
          }
        } catch (EntityNotFoundException gone) {
          // a deleted mentor: the write failed, which must not confuse the cache either
        }
      }
      assertTrue(changed > 10, "the writes changed a standing only " + changed + " times");
      if (!TestStores.POSTGRESQL)
        assertTrue(remembered[0] > 500, "only " + remembered[0] + " standings came from memory");
    }
  }

  /** Asks twice, compares both with the store (returned); counts a second answer from memory. */
  private static Feedback.Standing check(
      Feedback feedback,
      EntityType subjectType,
      String id,
      EntityType targetType,
      int[] remembered) {
    Feedback.Standing first = feedback.standing(subjectType, id, targetType);
    Feedback.Standing second = feedback.standing(subjectType, id, targetType);
    Feedback.Standing truth = feedback.readStanding(subjectType, id, targetType);
    assertEquals(truth, first, subjectType.path() + "/" + id);
    assertEquals(truth, second, subjectType.path() + "/" + id);
    if (first == second) remembered[0]++;
    return truth;
  }
}

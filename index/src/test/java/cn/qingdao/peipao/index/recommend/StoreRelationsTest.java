package cn.qingdao.peipao.index.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.RelationModel;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.allocate.CohortScorer;
import cn.qingdao.peipao.index.feedback.Feedback;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's relations reach the model: every kind of positive pair counts once per pair, a
 * rejection or a click does not, and a model is rebuilt once it is older than its age limit while
 * requests keep the previous one (never waiting for a rebuild but the first).
 */
class StoreRelationsTest {
  @TempDir Path dir;

  @Test
  void positivePairsOfTheStoreReachTheModelWithinItsAge() throws Exception {
    try (Catalog catalog = TestStores.open(dir, QingdaoDataset.taxonomy())) {
      TestStores.importDemo(catalog);
      Recommender recommender =
          new Recommender(
              catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
      AtomicLong now = new AtomicLong();
      StoreRelations relations =
          new StoreRelations(
              catalog.relations(),
              recommender.ranking(),
              Duration.ofSeconds(10),
              now::get,
              new RelationModel.Params(2, 1, 1, 1)); // one project speaks: small fixtures
      Feedback feedback = new Feedback(catalog, new CohortScorer(recommender));
      RelationModel empty = relations.apply(EntityType.MENTORS);
      assertEquals(0, empty.edges());
      java.time.Instant before =
          catalog.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      record(feedback, "syn-p-00001", "syn-m-00001", FeedbackAction.MEETING_HELD);
      record(feedback, "syn-p-00001", "syn-m-00001", FeedbackAction.MEETING_HELD); // same pair
      record(feedback, "syn-p-00002", "syn-m-00002", FeedbackAction.CLICK); // not a relation
      record(feedback, "syn-p-00003", "syn-m-00003", FeedbackAction.REJECT); // nor this
      record(feedback, "syn-p-00004", "syn-m-00004", FeedbackAction.ACCEPT); // pairs up too
      record(feedback, "syn-p-00005", "syn-m-00005", FeedbackAction.MEETING_HELD);
      record(feedback, "syn-p-00005", "syn-m-00005", FeedbackAction.REJECT); // takes it back
      // a mentor's own word alone makes no relation (it could promote itself)
      feedback.record(
          new FeedbackEvent(
              EntityType.MENTORS,
              "syn-m-00007",
              EntityType.PROJECTS,
              "syn-p-00007",
              FeedbackAction.MEETING_HELD,
              null,
              null),
          "test");
      // younger than its age: the same model, nothing read
      now.set(Duration.ofSeconds(9).toNanos());
      assertSame(empty, relations.apply(EntityType.MENTORS));
      // older: this request still gets the old one, a rebuild starts behind it
      now.set(Duration.ofSeconds(11).toNanos());
      assertSame(empty, relations.apply(EntityType.MENTORS));
      RelationModel rebuilt = empty;
      for (int i = 0; i < 200 && rebuilt == empty; i++) {
        Thread.sleep(10);
        rebuilt = relations.apply(EntityType.MENTORS);
      }
      // syn-p-00001 → m1 once; syn-p-00004 → m4 by its accept (the assignment it made is no
      // allocation's, so it adds nothing)
      assertEquals(2, rebuilt.edges(), "distinct positive pairs");
      // each pair carries when the project said so, for the model's decay
      var pairs = catalog.relations().pairs(EntityType.MENTORS);
      assertEquals(2, pairs.size(), pairs.toString());
      for (var pair : pairs)
        assertTrue(
            !pair.at().isBefore(before) && !pair.at().isAfter(catalog.clock().instant()),
            pair + " after " + before);
      assertTrue(rebuilt.of("syn-p-00004", null).max() == 0, "its own pair never counts for it");
      // after an idle spell (older than three times its age limit) a model is rebuilt at once,
      // and a counterpart no longer in the index gets no value
      record(feedback, "syn-p-00006", "syn-m-00006", FeedbackAction.MEETING_HELD);
      catalog.delete(EntityType.MENTORS, "syn-m-00001", null, "test");
      now.set(Duration.ofSeconds(11 + 31).toNanos());
      RelationModel fresh = relations.apply(EntityType.MENTORS);
      assertEquals(3, fresh.edges(), "built before answering");
      var subject = catalog.entity(EntityType.PROJECTS, "syn-p-00001").orElseThrow();
      var like = recommender.ranking().extractor().of(subject);
      assertEquals(0.0, fresh.of(null, like).of("syn-m-00001"), "deleted: no value");
      relations.close();
    }
  }

  private static void record(Feedback f, String project, String mentor, FeedbackAction action) {
    f.record(
        new FeedbackEvent(
            EntityType.PROJECTS, project, EntityType.MENTORS, mentor, action, null, null),
        "test");
  }
}

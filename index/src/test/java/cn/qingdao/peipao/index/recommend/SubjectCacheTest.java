package cn.qingdao.peipao.index.recommend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.testing.TestStores;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remembered subject never answers for another: over seeded rounds of asking again, rewriting a
 * project's words and needs, deleting it and creating it again under the same id, asking for a
 * subject that shares a stored one's id and version but not its needs (its words then come from the
 * stored document of that version, by design), and rewriting a mentor's words (the statistics a
 * text relevance is weighed with), the fast path (which remembers) equals the exhaustive one (which
 * does not), item by item; and asking again is answered from memory.
 */
class SubjectCacheTest {
  @TempDir Path dir;

  private static final String[] WORDS = {
    "人工智能算法平台", "海洋生物医药研发", "跨境电商供应链", "工业互联网数字化转型", "新能源储能电池", "智能制造机器人"
  };

  private static final String[] NEEDS = {"finance", "market", "policy", "talent", "space"};

  @Test
  void aRememberedSubjectNeverAnswersForAnother() {
    try (Catalog catalog = TestStores.open(dir, QingdaoDataset.taxonomy())) {
      TestStores.importDemo(catalog);
      Recommender recommender =
          new Recommender(
              catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
      SubjectCache cache = recommender.ranking().subjects;
      Random r = new Random(43);
      int changed = 0;
      for (int round = 0; round < 40; round++) {
        String id = "syn-p-0000" + (1 + r.nextInt(6));
        Entity stored = catalog.subject(EntityType.PROJECTS, id).orElse(null);
        int op = r.nextInt(6);
        if (op == 5 && stored != null) {
          // a mentor's new words move the statistics a remembered text relevance was weighed with
          String m = "syn-m-0000" + (1 + r.nextInt(9));
          ObjectNode o =
              (ObjectNode) Json.mapper().valueToTree(catalog.entity(EntityType.MENTORS, m).get());
          o.put(
              "description", WORDS[r.nextInt(WORDS.length)] + "，" + WORDS[r.nextInt(WORDS.length)]);
          o.remove("version");
          o.remove("updatedAt");
          catalog.put(catalog.reader().read(EntityType.MENTORS, o), null, "test");
          same(recommender, stored, "round " + round + " after a mentor's new words");
          continue;
        }
        if (stored == null || op == 0) {
          // created (again): a new subject under an id the cache may have seen
          catalog.put(project(catalog, stored, id, r), null, "test");
        } else if (op == 1) {
          catalog.put(project(catalog, stored, id, r), stored.version(), "test");
        } else if (op == 2) {
          catalog.delete(EntityType.PROJECTS, id, null, "test");
          continue;
        }
        Entity subject = catalog.subject(EntityType.PROJECTS, id).orElseThrow();
        long before = cache.hits();
        List<Match> first = same(recommender, subject, "round " + round);
        same(recommender, subject, "round " + round + " again");
        assertTrue(cache.hits() > before, "asking again must be answered from memory");
        // the same id and version with other needs: only the whole subject may key the cache
        Entity other =
            project(catalog, subject, id, r)
                .withServerFields(id, subject.version(), subject.updatedAt());
        List<Match> forOther = same(recommender, other, "round " + round + " other words");
        if (!first.equals(forOther)) changed++;
      }
      assertTrue(changed > 10, "other needs must change some answers: " + changed);
    }
  }

  /** The fast path's items for {@code subject} → mentors, checked against exhaustive scoring. */
  private static List<Match> same(Recommender recommender, Entity subject, String what) {
    var request =
        new Recommender.Request(subject, EntityType.MENTORS, 10, RequestFilters.NONE, null);
    Recommendation fast = recommender.recommend(request);
    RecommenderEquivalenceTest.assertSameAnswer(recommender.exhaustive(request), fast, what);
    return fast.items();
  }

  /** {@code base} (or a demo-like project) with random words and needs, as a new write. */
  private static Entity project(Catalog catalog, Entity base, String id, Random r) {
    ObjectNode o =
        base != null
            ? (ObjectNode) Json.mapper().valueToTree(base)
            : (ObjectNode)
                Json.parse(
                    "{\"name\":\"项目\",\"sectors\":[\"ai\"],\"stage\":\"startup\","
                        + "\"location\":{\"district\":\"shinan\"},"
                        + "\"consent\":{\"mentors\":true}}");
    o.put("id", id);
    o.put("description", WORDS[r.nextInt(WORDS.length)] + "，" + WORDS[r.nextInt(WORDS.length)]);
    var needs = o.putArray("needs");
    int first = r.nextInt(NEEDS.length);
    needs.add(NEEDS[first]);
    if (r.nextBoolean()) needs.add(NEEDS[(first + 1 + r.nextInt(NEEDS.length - 1)) % NEEDS.length]);
    o.remove("version");
    o.remove("updatedAt");
    return catalog.reader().read(EntityType.PROJECTS, o);
  }
}

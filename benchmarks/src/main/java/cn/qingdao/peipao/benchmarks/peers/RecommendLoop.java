package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP load's recommendations in-process, one thread: project → mentors for the 200 projects of
 * {@code rot.lua} in the same order, for {@code rounds} rounds of {@code seconds} each, printing µs
 * per recommendation. For profiling (JFR) and for comparing jars by alternation without the HTTP
 * stack; the first round is the JIT's. Usage: {@code RecommendLoop DATA_DIR SECONDS ROUNDS} on a
 * copy of the peer corpus's data directory that no server holds.
 */
public final class RecommendLoop {
  private RecommendLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: RecommendLoop DATA_DIR SECONDS ROUNDS");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    long seconds = Long.parseLong(args[1]);
    int rounds = Integer.parseInt(args[2]);
    try (Catalog catalog = Catalog.open(dir, QingdaoDataset.taxonomy())) {
      Recommender recommender =
          new Recommender(
              catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
      List<Entity> subjects = new ArrayList<>();
      for (int n = 1; n <= 200; n++) {
        String id = String.format(Locale.ROOT, "syn-p-%05d", 1 + (n * 7919) % 200);
        subjects.add(
            catalog
                .subject(EntityType.PROJECTS, id)
                .orElseThrow(() -> new IllegalArgumentException(dir + " has no project " + id)));
      }
      long items = 0;
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long count = 0;
        while (System.nanoTime() < end) {
          for (Entity s : subjects) {
            var request =
                new Recommender.Request(s, EntityType.MENTORS, 10, RequestFilters.NONE, null);
            items += recommender.recommend(request).items().size();
            count++;
          }
        }
        System.out.printf(
            Locale.ROOT,
            "round %d: %.1f µs per recommendation (%,d)%n",
            r,
            (System.nanoTime() - start) / 1e3 / count,
            count);
      }
      System.out.printf(Locale.ROOT, "%,d items recommended%n", items);
    }
  }
}

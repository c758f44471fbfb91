package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.tickets.TicketSla;
import cn.qingdao.peipao.index.tickets.Tickets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Opening a need ticket over N projects and M mentors: the store write (one transaction, audited)
 * plus the ranking of responders, beside the baseline of the same run — the ranking alone, the
 * recommendation {@code Tickets.open} asks for (project → mentors offering the need, top 5). The
 * ratio is what the ticket adds to a recommendation. Usage: {@code java -cp benchmarks.jar
 * cn.qingdao.peipao.benchmarks.TicketOpenBenchmark 100000 10000 2000}.
 */
public final class TicketOpenBenchmark {
  private TicketOpenBenchmark() {}

  public static void main(String[] args) throws Exception {
    int projects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int mentors = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int opens = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    Path dir = Files.createTempDirectory("ticket-bench");
    Catalog catalog = Catalog.open(dir, taxonomy);
    try {
      SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, 7);
      long t0 = System.nanoTime();
      BenchData.load(catalog, EntityType.PROJECTS, gen.projects(projects));
      BenchData.load(catalog, EntityType.MENTORS, gen.mentors(mentors));
      System.out.printf(
          "loaded %,d projects and %,d mentors in %.1f s%n",
          projects, mentors, (System.nanoTime() - t0) / 1e9);
      Recommender recommender =
          new Recommender(
              catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
      Tickets tickets = new Tickets(catalog, taxonomy, recommender, TicketSla.defaults(taxonomy));
      List<String> needs = taxonomy.services().stream().map(s -> s.code()).toList();
      Random rnd = new Random(13);
      // each (project, need) once: a repeat would find the open ticket and write nothing
      String[] ids = new String[opens];
      String[] want = new String[opens];
      for (int i = 0; i < opens; i++) {
        ids[i] = String.format("syn-p-%05d", 1 + (i * 7919) % projects);
        want[i] = needs.get(rnd.nextInt(needs.size()));
      }
      // warm-up on other projects, both paths
      for (int i = 0; i < 500; i++) {
        String id = String.format("syn-p-%05d", 1 + (i * 104729 + 3) % projects);
        rank(catalog, recommender, id, needs.get(i % needs.size()));
        tickets.open(id, needs.get(i % needs.size()), "预热", "hotline", "bench");
      }
      double[] alone = new double[opens];
      double[] open = new double[opens];
      for (int i = 0; i < opens; i++) {
        long t = System.nanoTime();
        rank(catalog, recommender, ids[i], want[i]);
        alone[i] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        tickets.open(ids[i], want[i], "需要帮助", "portal", "bench");
        open[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(alone);
      Arrays.sort(open);
      System.out.printf(
          "baseline: ranking responders alone  p50 %.2f ms  p90 %.2f ms%n",
          alone[opens / 2], alone[opens * 9 / 10]);
      System.out.printf(
          "open a ticket (write + ranking)      p50 %.2f ms  p90 %.2f ms  (%.2fx the baseline"
              + " at p50)%n",
          open[opens / 2], open[opens * 9 / 10], open[opens / 2] / alone[opens / 2]);
    } finally {
      BenchData.close(catalog, dir);
    }
  }

  /** What {@code Tickets.open} ranks: the stored project read, then mentors offering the need. */
  static int rank(Catalog catalog, Recommender recommender, String id, String need) {
    var row = catalog.get(EntityType.PROJECTS, id).orElseThrow();
    Project p =
        ((Project) catalog.reader().read(EntityType.PROJECTS, row.tree()))
            .withServerFields(row.id(), row.version(), row.updatedAt());
    var filters = new RequestFilters(List.of(), List.of(), List.of(), List.of(), List.of(need));
    return recommender
        .recommend(new Recommender.Request(p, EntityType.MENTORS, 5, filters, null))
        .items()
        .size();
  }
}

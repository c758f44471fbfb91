package cn.qingdao.peipao.index;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.allocation.AllocationMode;
import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.growth.GrowthRecord;
import cn.qingdao.peipao.core.growth.RiskAnalyzer;
import cn.qingdao.peipao.core.growth.RiskParams;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.allocate.AllocationRequest;
import cn.qingdao.peipao.index.allocate.Allocations;
import cn.qingdao.peipao.index.allocate.CohortScorer;
import cn.qingdao.peipao.index.feedback.Feedback;
import cn.qingdao.peipao.index.growth.GrowthFiles;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of write in the codebase goes through the catalog's one write lock: while a
 * transaction holds it, an entity write, an import, an allocation draft and publish, a growth
 * write, a feedback event and a meta write each wait for it (none reaches the store on its own, as
 * allocations and growth files once did through a store handed out for writing).
 */
class WritePathTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void everyWriterWaitsForTheOneWriteLock() throws Exception {
    try (Catalog catalog = TestStores.open(dir, TAXONOMY, CLOCK)) {
      SyntheticEcosystem gen = new SyntheticEcosystem(TAXONOMY, 11);
      catalog.importLines(
          EntityType.PROJECTS, gen.projects(20).stream().map(Json::write).iterator(), true, "t");
      catalog.importLines(
          EntityType.MENTORS, gen.mentors(10).stream().map(Json::write).iterator(), true, "t");
      Recommender recommender =
          new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), CLOCK);
      CohortScorer scorer = new CohortScorer(recommender);
      Allocations allocations = new Allocations(catalog, scorer);
      GrowthFiles growth = new GrowthFiles(catalog, new RiskAnalyzer(RiskParams.defaults()));
      Feedback feedback = new Feedback(catalog, scorer);
      List<String> cohort = List.of("syn-p-00001", "syn-p-00002");
      String draft =
          allocations
              .draft(
                  new AllocationRequest(cohort, EntityType.MENTORS, AllocationMode.STABLE, null, 0),
                  "t")
              .id();
      var project = catalog.entity(EntityType.PROJECTS, "syn-p-00005").orElseThrow();

      Map<String, Runnable> writers = new LinkedHashMap<>();
      writers.put("entity put", () -> catalog.put(project, null, "t"));
      writers.put(
          "import",
          () ->
              catalog.importLines(
                  EntityType.PROJECTS,
                  List.of(Json.write(gen.projects(1).get(0))).iterator(),
                  false,
                  "t"));
      writers.put(
          "allocation draft",
          () ->
              allocations.draft(
                  new AllocationRequest(
                      List.of("syn-p-00003"), EntityType.MENTORS, AllocationMode.STABLE, null, 0),
                  "t"));
      writers.put("allocation publish", () -> allocations.publish(draft, "t"));
      writers.put(
          "growth write",
          () ->
              growth.record(
                  "syn-p-00004",
                  List.of(new GrowthRecord(LocalDate.of(2026, 10, 1), Map.of("revenue", 5.0))),
                  "t"));
      writers.put(
          "feedback",
          () ->
              feedback.record(
                  new FeedbackEvent(
                      EntityType.PROJECTS,
                      "syn-p-00006",
                      EntityType.MENTORS,
                      "syn-m-00001",
                      FeedbackAction.CLICK,
                      null,
                      null),
                  "t"));
      writers.put("meta", () -> catalog.putMeta("k", "v"));

      for (Map.Entry<String, Runnable> w : writers.entrySet()) {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder =
            CompletableFuture.runAsync(
                () ->
                    catalog.writeLogged(
                        tx -> {
                          held.countDown();
                          try {
                            release.await(30, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return null;
                        }));
        assertTrue(held.await(10, TimeUnit.SECONDS));
        Thread writer = new Thread(w.getValue(), "writer " + w.getKey());
        writer.start();
        boolean queued = awaitQueued(catalog, writer);
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        writer.join(30_000);
        assertTrue(queued, w.getKey() + " did not wait for the write lock");
      }
      assertNull(catalog.indexProblem());
    }
  }

  /**
   * Waits (bounded) until {@code writer} itself queues on the lock (the index committer queues on
   * it too, once a second); false if the writer finished or blocked elsewhere.
   */
  static boolean awaitQueued(Catalog catalog, Thread writer) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < end) {
      if (catalog.waitsForWriteLock(writer)) return true;
      if (!writer.isAlive()) return false;
      Thread.onSpinWait();
      Thread.sleep(1);
    }
    return false;
  }
}

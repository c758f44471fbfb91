package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.ImportReport;
import cn.qingdao.peipao.index.WriteResult;
import cn.qingdao.peipao.index.store.StoreConfig;
import cn.qingdao.peipao.index.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The shared store against the embedded one, in one run on one machine: (1) import of the same N
 * synthetic project lines into an empty catalog on SQLite ({@code synchronous=FULL}) and on
 * PostgreSQL with its durable defaults (fsync, synchronous commit), until searchable; (2) how long
 * a second node takes to search a write made on the first under a steady write load, against the
 * tail interval that bounds it. Figures only; nothing is asserted.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar cn.qingdao.peipao.benchmarks.ClusterBenchmark
 * [entities=100000] [writesPerSecond=50] [seconds=20]}
 */
public final class ClusterBenchmark {
  private ClusterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int seconds = args.length > 2 ? Math.min(120, Integer.parseInt(args[2])) : 20;
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    List<String> lines =
        new SyntheticEcosystem(taxonomy, 7).projects(n).stream().map(Json::write).toList();
    System.out.printf(
        Locale.ROOT,
        "%d project lines; %d cores; %s%n",
        n,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    PostgresServer pg = PostgresServer.start(true);
    try {
      double sqlite = importRate("SQLite", lines, taxonomy, null);
      StoreConfig store = StoreConfig.postgresql(pg.database("bench"), "postgres", null);
      double postgres = importRate("PostgreSQL", lines, taxonomy, store);
      System.out.printf(
          Locale.ROOT,
          "import: PostgreSQL %.0f/s vs SQLite %.0f/s = %.2fx%n",
          postgres,
          sqlite,
          postgres / sqlite);
      lag(taxonomy, store, rate, seconds);
    } finally {
      pg.stopQuietly();
    }
  }

  private static double importRate(
      String name, List<String> lines, Taxonomy taxonomy, StoreConfig store) throws Exception {
    Path dir = Files.createTempDirectory("cluster-bench");
    Catalog catalog =
        Catalog.open(
            dir,
            store == null ? StoreConfig.EMBEDDED : store,
            taxonomy,
            Clock.systemUTC(),
            Catalog.IndexAhead.REFUSE);
    try {
      long t0 = System.nanoTime();
      ImportReport r = catalog.importLines(EntityType.PROJECTS, lines.iterator(), false, "bench");
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "  %s: %d applied in %.1f s = %.0f entities/s%n",
          name,
          r.applied(),
          s,
          r.applied() / s);
      List<Entity> projects = new ArrayList<>();
      for (int i = 1; i <= 1000; i++)
        catalog
            .entity(EntityType.PROJECTS, String.format("syn-p-%05d", i))
            .ifPresent(projects::add);
      writeLatency(name + ", 50 writes/s after the import", catalog, projects, 50);
      return r.applied() / s;
    } finally {
      BenchData.close(catalog, dir);
    }
  }

  /** Waits until {@code System.nanoTime()} reaches {@code due}: a steady rate, not a burst. */
  private static void waitUntil(long due) {
    while (System.nanoTime() < due) java.util.concurrent.locks.LockSupport.parkNanos(50_000);
  }

  /** Prints the latency of {@code rate} writes a second for 5 s on {@code catalog}. */
  private static void writeLatency(String name, Catalog catalog, List<Entity> projects, int rate) {
    List<Double> ms = new ArrayList<>();
    long t = System.nanoTime();
    for (int i = 0; i < rate * 5; i++) {
      waitUntil(t + i * (1_000_000_000L / rate));
      long t0 = System.nanoTime();
      catalog.put(projects.get(i % projects.size()), null, "bench");
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "  %s: a write acknowledged in p50 %.1f ms, p99 %.1f ms%n",
        name,
        ms.get(ms.size() / 2),
        ms.get((int) (ms.size() * 0.99)));
  }

  /**
   * Node A takes {@code rate} writes a second (updates of imported projects); for each, the time
   * from its acknowledgement until node B's index has applied it.
   */
  private static void lag(Taxonomy taxonomy, StoreConfig store, int rate, int seconds)
      throws Exception {
    Path dirA = Files.createTempDirectory("node-a");
    Path dirB = Files.createTempDirectory("node-b");
    Catalog a = Catalog.open(dirA, store, taxonomy, Clock.systemUTC(), Catalog.IndexAhead.REFUSE);
    List<Entity> projects = new ArrayList<>();
    for (int i = 1; i <= 1000; i++)
      a.entity(EntityType.PROJECTS, String.format("syn-p-%05d", i)).ifPresent(projects::add);
    writeLatency("node A alone", a, projects, rate);
    Catalog b = Catalog.open(dirB, store, taxonomy, Clock.systemUTC(), Catalog.IndexAhead.REFUSE);
    try {
      // the writer acknowledges at a steady rate; a watcher notes when B's index has each write
      var pending = new java.util.concurrent.ConcurrentSkipListMap<Long, Long>();
      List<Double> lags = Collections.synchronizedList(new ArrayList<>());
      var done = new java.util.concurrent.atomic.AtomicBoolean();
      Thread watcher =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!done.get() || !pending.isEmpty()) {
                      long applied = b.syncLag().appliedSeq();
                      long now = System.nanoTime();
                      var seen = pending.headMap(applied, true);
                      for (long ackedAt : seen.values()) lags.add((now - ackedAt) / 1e6);
                      seen.clear();
                      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                    }
                  });
      long period = 1_000_000_000L / rate;
      List<Double> writeMillis = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < rate * seconds; i++) {
        waitUntil(start + i * period);
        long t0 = System.nanoTime();
        WriteResult w = a.put(projects.get(i % projects.size()), null, "bench");
        long t1 = System.nanoTime();
        pending.put(w.stored().seq(), t1);
        writeMillis.add((t1 - t0) / 1e6);
      }
      double achieved = rate * seconds / ((System.nanoTime() - start) / 1e9);
      done.set(true);
      watcher.join(30_000);
      Collections.sort(writeMillis);
      System.out.printf(
          Locale.ROOT,
          "  writes achieved on node A: %.1f/s, each acknowledged in p50 %.1f ms, p99 %.1f ms%n",
          achieved,
          writeMillis.get(writeMillis.size() / 2),
          writeMillis.get((int) (writeMillis.size() * 0.99)));
      Collections.sort(lags);
      System.out.printf(
          Locale.ROOT,
          "catch-up lag, %d writes/s on node A for %d s, until node B's index has each: p50 %.1f"
              + " ms, p99 %.1f ms, max %.1f ms (baseline: the 100 ms tail interval; p50 %.2fx"
              + " of it)%n",
          rate,
          seconds,
          lags.get(lags.size() / 2),
          lags.get((int) (lags.size() * 0.99)),
          lags.get(lags.size() - 1),
          lags.get(lags.size() / 2) / 100.0);
    } finally {
      a.close();
      b.close();
      BenchData.deleteTree(dirA);
      BenchData.deleteTree(dirB);
    }
  }
}

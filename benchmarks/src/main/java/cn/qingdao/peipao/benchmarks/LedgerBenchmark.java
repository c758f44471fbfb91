package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.tickets.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@code GET /stats} for a year over N projects and M tickets: the ledger grouped by month, need
 * and district, each beside the floor of the same run — one SQL {@code GROUP BY} counting the
 * year's tickets by month, which is all a database alone does (no rates, no medians, no places).
 * Median of 7 runs after 2 warm-ups. Usage: {@code java -cp benchmarks.jar
 * cn.qingdao.peipao.benchmarks.LedgerBenchmark 100000 1000000}.
 */
public final class LedgerBenchmark {
  private LedgerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int projects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    Path dir = Files.createTempDirectory("ledger-bench");
    Catalog catalog = Catalog.open(dir, taxonomy);
    try {
      long t0 = System.nanoTime();
      var lines =
          new SyntheticEcosystem(taxonomy, 7)
              .projects(projects).stream().map(Json::write).iterator();
      catalog.importLines(EntityType.PROJECTS, lines, false, "bench");
      System.out.printf("imported %,d projects in %.1f s%n", projects, secs(t0));
      t0 = System.nanoTime();
      List<String> needs = taxonomy.services().stream().map(s -> s.code()).toList();
      Random rnd = new Random(11);
      Instant end = Instant.parse("2026-11-30T00:00:00Z");
      catalog.writeLogged(
          tx -> {
            for (int i = 0; i < tickets; i++) {
              Instant created = end.minus(Duration.ofMinutes(rnd.nextInt(365 * 24 * 60)));
              Instant due = created.plus(Duration.ofHours(72));
              boolean answered = rnd.nextInt(10) < 8;
              Instant first =
                  answered ? created.plus(Duration.ofMinutes(rnd.nextInt(96 * 60))) : null;
              String status = answered ? (rnd.nextBoolean() ? "resolved" : "responded") : "open";
              TicketStore.put(
                  tx,
                  new TicketStore.Row(
                      "t-b" + i,
                      String.format("syn-p-%05d", 1 + rnd.nextInt(projects)),
                      needs.get(rnd.nextInt(needs.size())),
                      "bench",
                      "portal",
                      status,
                      answered ? "mentors" : null,
                      answered ? "syn-m-00001" : null,
                      created,
                      "bench",
                      due,
                      first,
                      status.equals("resolved") ? first.plus(Duration.ofHours(5)) : null,
                      null,
                      null,
                      null,
                      1));
            }
            return null;
          });
      System.out.printf("wrote %,d tickets in %.1f s%n", tickets, secs(t0));
      Ledger ledger = new Ledger(catalog, taxonomy);
      LocalDate from = LocalDate.of(2025, 12, 1);
      LocalDate to = LocalDate.of(2026, 11, 30);
      Ledger.Place all = new Ledger.Place(null, null);
      double floor = median(() -> floor(catalog, from, to));
      System.out.printf("floor: SQL GROUP BY month over the year: %.0f ms%n", floor);
      for (String groupBy : List.of("month", "need", "district")) {
        double ms = median(() -> ledger.report(groupBy, from, to, all).total().needsRaised());
        System.out.printf("ledger by %-8s %.0f ms  (%.2fx the floor)%n", groupBy, ms, ms / floor);
      }
    } finally {
      BenchData.close(catalog, dir);
    }
  }

  /** The year's tickets counted by month in SQL alone. */
  static long floor(Catalog catalog, LocalDate from, LocalDate to) {
    return catalog
        .tickets()
        .countByMonth(
            from.atStartOfDay(Ledger.ZONE).toInstant(),
            to.plusDays(1).atStartOfDay(Ledger.ZONE).toInstant());
  }

  static double median(Supplier<Object> work) {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      long t = System.nanoTime();
      work.get();
      if (i >= 2) ms.add((System.nanoTime() - t) / 1e6);
    }
    double[] a = ms.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a[a.length / 2];
  }

  static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}

package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.events.Registrations;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.spaces.Bookings;
import cn.qingdao.peipao.index.spaces.Spaces;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform's three hot spots, each beside a baseline of the same run: project → events
 * recommendations over N projects and M events (baseline: exhaustive scoring of the same requests),
 * 1,000 concurrent sign-ups for 40 seats (baseline: as many empty durable transactions, the commit
 * floor), and bookings of one room from 8 threads (same baseline). Usage: {@code java -cp
 * benchmarks.jar cn.qingdao.peipao.benchmarks.PlatformBenchmark 100000 10000}.
 */
public final class PlatformBenchmark {
  private PlatformBenchmark() {}

  public static void main(String[] args) throws Exception {
    int projects = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    Path dir = Files.createTempDirectory("platform-bench");
    Catalog catalog = Catalog.open(dir, taxonomy);
    try {
      long t0 = System.nanoTime();
      SyntheticEcosystem gen = new SyntheticEcosystem(taxonomy, 7);
      BenchData.load(catalog, EntityType.PROJECTS, gen.projects(projects));
      BenchData.load(catalog, EntityType.EVENTS, events(taxonomy, events, new Random(5)));
      System.out.printf(
          "loaded %,d projects and %,d events in %.1f s%n",
          projects, events, (System.nanoTime() - t0) / 1e9);
      recommendations(catalog, projects);
      signUps(catalog);
      bookings(catalog);
    } finally {
      BenchData.close(catalog, dir);
    }
  }

  /** 1,000 projects' top-10 events: the fast path beside exhaustive scoring, per request. */
  static void recommendations(Catalog catalog, int projects) {
    Recommender r =
        new Recommender(
            catalog.index(), catalog.reader(), ScoringProfiles.defaults(), Clock.systemUTC());
    List<Entity> subjects = new ArrayList<>();
    for (int i = 0; i < 1_000; i++)
      subjects.add(
          catalog
              .entity(EntityType.PROJECTS, String.format("syn-p-%05d", 1 + (i * 7919) % projects))
              .orElseThrow());
    for (int warm = 0; warm < 3; warm++)
      for (Entity s : subjects) {
        r.recommend(request(s));
        if (warm == 0) r.exhaustive(request(s));
      }
    double[] fast = new double[subjects.size()];
    double[] all = new double[subjects.size()];
    for (int i = 0; i < subjects.size(); i++) {
      long t = System.nanoTime();
      var a = r.recommend(request(subjects.get(i)));
      fast[i] = (System.nanoTime() - t) / 1e6;
      t = System.nanoTime();
      var b = r.exhaustive(request(subjects.get(i)));
      all[i] = (System.nanoTime() - t) / 1e6;
      if (!a.items().stream()
          .map(x -> x.id())
          .toList()
          .equals(b.items().stream().map(x -> x.id()).toList()))
        throw new IllegalStateException("fast path differs for " + subjects.get(i).id());
    }
    Arrays.sort(fast);
    Arrays.sort(all);
    System.out.printf(
        "project → events, top 10: fast p50 %.2f ms p90 %.2f ms; baseline exhaustive p50 %.2f ms"
            + " p90 %.2f ms (%.1fx faster at p50); same ids on all 1,000%n",
        fast[500], fast[900], all[500], all[900], all[500] / fast[500]);
  }

  private static Recommender.Request request(Entity s) {
    return new Recommender.Request(s, EntityType.EVENTS, 10, RequestFilters.NONE, null);
  }

  /** 1,000 sign-ups for one event of 40 seats with a waitlist, from 8 threads. */
  static void signUps(Catalog catalog) throws Exception {
    ObjectNode e = event("ev-bench-40", Instant.now().plus(Duration.ofDays(30)));
    e.put("capacity", 40);
    e.put("waitlist", true);
    catalog.put(catalog.reader().read(EntityType.EVENTS, e), null, "bench");
    Registrations reg = new Registrations(catalog);
    double floor = floor(catalog, 1_000);
    AtomicInteger next = new AtomicInteger();
    long t = System.nanoTime();
    parallel(
        8,
        () -> {
          int i;
          while ((i = next.getAndIncrement()) < 1_000)
            reg.register("ev-bench-40", String.format("syn-p-%05d", 1 + i), "bench");
        });
    double ms = (System.nanoTime() - t) / 1e6;
    var roster = reg.roster("ev-bench-40", x -> true);
    System.out.printf(
        "1,000 sign-ups for 40 seats from 8 threads: %.0f/s; baseline, empty durable commits from"
            + " 8 threads: %.0f/s (sign-ups run at %.2f of it); registered %d, waitlisted %d —"
            + " never over capacity: %s%n",
        1_000 / (ms / 1000),
        1_000 / (floor / 1000),
        floor / ms,
        roster.registered(),
        roster.waitlisted(),
        roster.registered() <= 40 ? "yes" : "NO");
  }

  /** 2,000 bookings of one room from 8 threads: distinct half-hours, and every 10th a clash. */
  static void bookings(Catalog catalog) throws Exception {
    Spaces spaces = new Spaces(catalog);
    Bookings bookings = new Bookings(spaces);
    var park = QingdaoDataset.real(EntityType.PARKS).get(0);
    catalog.put(catalog.reader().read(EntityType.PARKS, park), null, "bench");
    String parkId = park.get("id").asText();
    spaces.replace(
        parkId,
        List.of(new Spaces.SpaceInput("room", "meeting_room", "会议室", 40, null, null, "free")),
        "bench");
    Instant base =
        Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    long t = System.nanoTime();
    parallel(
        8,
        () -> {
          int i;
          while ((i = next.getAndIncrement()) < 2_000) {
            // every 10th asks for the slot before it again: a clash the store must refuse
            int slot = i % 10 == 9 ? i - 1 : i;
            Instant start = base.plus(Duration.ofMinutes(30L * slot));
            try {
              bookings.book(
                  parkId, "room", null, start, start.plus(Duration.ofMinutes(30)), "b", "bench");
            } catch (EntityConflictException x) {
              refused.incrementAndGet();
            }
          }
        });
    double ms = (System.nanoTime() - t) / 1e6;
    double floor = floor(catalog, 2_000);
    var live =
        catalog.spaces().calendar(parkId, "room", base, base.plus(Duration.ofDays(100))).stream()
            .filter(b -> b.status().equals("booked"))
            .toList();
    boolean overlap = false;
    for (int i = 1; i < live.size(); i++)
      if (live.get(i).start().isBefore(live.get(i - 1).end())) overlap = true;
    System.out.printf(
        "2,000 bookings of one room from 8 threads: %.0f/s; baseline, empty durable commits:"
            + " %.0f/s (bookings run at %.2f of it); booked %d, refused %d clashes; any overlap:"
            + " %s%n",
        2_000 / (ms / 1000),
        2_000 / (floor / 1000),
        floor / ms,
        live.size(),
        refused.get(),
        overlap ? "YES" : "no");
  }

  /** Milliseconds for {@code n} empty durable transactions from 8 threads: the write floor. */
  static double floor(Catalog catalog, int n) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long t = System.nanoTime();
    parallel(
        8,
        () -> {
          while (next.getAndIncrement() < n) catalog.writeLogged(tx -> null);
        });
    return (System.nanoTime() - t) / 1e6;
  }

  interface Work {
    void run() throws Exception;
  }

  static void parallel(int threads, Work work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < threads; i++)
      fs.add(
          pool.submit(
              () -> {
                work.run();
                return null;
              }));
    for (Future<?> f : fs) f.get();
    pool.shutdown();
  }

  static ObjectNode event(String id, Instant start) {
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("id", id);
    e.put("name", "基准活动 " + id);
    e.put("kind", "salon");
    e.putObject("location").put("district", "laoshan");
    e.put("start", start.atOffset(ZoneOffset.UTC).toString());
    e.put("end", start.plus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC).toString());
    return e;
  }

  /** Synthetic events over the next 90 days (a tenth past or cancelled), seeded. */
  static List<ObjectNode> events(Taxonomy taxonomy, int n, Random rnd) {
    List<String> sectors = taxonomy.sectors().stream().map(x -> x.code()).toList();
    List<String> needs = taxonomy.services().stream().map(x -> x.code()).toList();
    List<String> districts = taxonomy.districts().stream().map(x -> x.code()).toList();
    List<ObjectNode> out = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 1; i <= n; i++) {
      ObjectNode e =
          event(
              String.format("syn-ev-%05d", i),
              now.plus(Duration.ofHours(rnd.nextInt(24 * 100) - 24 * 10)));
      e.put("kind", Codes.EVENT_KINDS.get(rnd.nextInt(Codes.EVENT_KINDS.size())));
      e.putArray("sectors").add(sectors.get(rnd.nextInt(sectors.size())));
      e.putArray("needs").add(needs.get(rnd.nextInt(needs.size())));
      e.putObject("location").put("district", districts.get(rnd.nextInt(districts.size())));
      e.put("description", "合成活动：融资路演、训练营与行业沙龙");
      if (rnd.nextInt(20) == 0) e.put("status", "cancelled");
      out.add(e);
    }
    return out;
  }
}

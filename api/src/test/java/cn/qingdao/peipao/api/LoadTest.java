package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded loopback load test: concurrent readers (recommendations, search, the calculator) and
 * writers (creating and updating projects) against the real server with keys, for a fixed time.
 * Asserts no error answer and no lost write; prints throughput and p50/p99 per kind. The suite runs
 * a short form; the long form on demand: {@code mvn -pl api test -Dtest=LoadTest -Dload.seconds=30
 * -Dload.readers=8 -Dload.writers=2}.
 */
@Tag("slow")
class LoadTest {
  static final int SECONDS = Integer.getInteger("load.seconds", 3);
  static final int READERS = Integer.getInteger("load.readers", 4);
  static final int WRITERS = Integer.getInteger("load.writers", 2);

  /** The read kinds the readers draw from (comma-separated), e.g. {@code recommend} alone. */
  static final List<String> KINDS =
      List.of(System.getProperty("load.kinds", "recommend,search,calculate").split(","));

  static final List<String> ALL_KINDS = List.of("recommend", "search", "calculate");
  static final String ADMIN = "load-admin-key-0123456789";
  static final String PORTAL = "load-portal-key-0123456789";

  @TempDir Path dir;

  record Sample(String kind, long nanos, int status) {}

  @Test
  void concurrentReadersAndWritersGetNoErrorsAndLoseNoWrite() throws Exception {
    assertTrue(ALL_KINDS.containsAll(KINDS), "load.kinds must be among " + ALL_KINDS);
    ApiKeys keys =
        ApiKeys.read(
            Json.parse(
                "[{\"name\":\"ops\",\"role\":\"admin\",\"key\":\"%s\"},{\"name\":\"portal\",\"role\":\"portal\",\"key\":\"%s\"}]"
                    .formatted(ADMIN, PORTAL)));
    try (TestServer s = TestServer.withDemoData(dir, new KeyAccessControl(keys))) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
      Map<String, Integer> acknowledged = new ConcurrentHashMap<>(); // id → last acknowledged n
      AtomicInteger written = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(READERS + WRITERS);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < READERS; t++) {
        Random r = new Random(t);
        running.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) read(s, r, samples);
                  return null;
                }));
      }
      for (int t = 0; t < WRITERS; t++) {
        int writer = t;
        Random r = new Random(100 + t);
        running.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end)
                    write(s, writer, r, written.incrementAndGet(), acknowledged, samples);
                  return null;
                }));
      }
      for (Future<?> f : running) f.get(SECONDS + 60L, TimeUnit.SECONDS);
      pool.shutdown();

      Map<String, List<Sample>> byKind = new TreeMap<>();
      for (Sample x : samples) byKind.computeIfAbsent(x.kind(), k -> new ArrayList<>()).add(x);
      StringBuilder report =
          new StringBuilder(
              "load: %d s, %d readers, %d writers%n".formatted(SECONDS, READERS, WRITERS));
      List<Sample> errors = new ArrayList<>();
      for (var e : byKind.entrySet()) {
        List<Long> nanos = new ArrayList<>(e.getValue().stream().map(Sample::nanos).toList());
        Collections.sort(nanos);
        report.append(
            "  %-10s %7d requests %8.1f/s  p50 %6.2f ms  p99 %6.2f ms%n"
                .formatted(
                    e.getKey(),
                    nanos.size(),
                    nanos.size() / (double) SECONDS,
                    nanos.get(nanos.size() / 2) / 1e6,
                    nanos.get(Math.min(nanos.size() - 1, (int) (nanos.size() * 0.99))) / 1e6));
        e.getValue().stream().filter(x -> x.status() >= 300).forEach(errors::add);
      }
      report.append(
          "  total      %7d requests %8.1f/s%n"
              .formatted(samples.size(), samples.size() / (double) SECONDS));
      System.out.print(report);
      assertTrue(
          errors.isEmpty(),
          errors.size() + " error answers, e.g. " + errors.stream().limit(5).toList());
      if (WRITERS > 0) assertTrue(acknowledged.size() > 0, "some writes were made");
      // every acknowledged write is in the store, at least as new as acknowledged, and searchable
      for (var a : acknowledged.entrySet()) {
        var row =
            s.catalog
                .get(EntityType.PROJECTS, a.getKey())
                .orElseThrow(() -> new AssertionError("lost " + a.getKey()));
        int n = Json.parse(row.json()).path("employees").asInt();
        assertTrue(n >= a.getValue(), a.getKey() + " went back from " + a.getValue() + " to " + n);
      }
      var counts = s.catalog.counts().get(EntityType.PROJECTS);
      assertEquals(counts[0], counts[1], "the index agrees with the store");
    }
  }

  static void read(TestServer s, Random r, ConcurrentLinkedQueue<Sample> samples) {
    String project = String.format("syn-p-%05d", 1 + r.nextInt(400));
    int kind = ALL_KINDS.indexOf(KINDS.get(r.nextInt(KINDS.size())));
    long t0 = System.nanoTime();
    TestServer.Response a =
        switch (kind) {
          case 0 ->
              s.send(
                  "GET",
                  "/api/v1/projects/" + project + "/recommendations?target=mentors",
                  null,
                  null,
                  "Authorization",
                  "Bearer " + PORTAL);
          case 1 ->
              s.send(
                  "GET",
                  "/api/v1/mentors?q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&size=10",
                  null,
                  null,
                  "Authorization",
                  "Bearer " + PORTAL);
          default ->
              s.json(
                  "POST",
                  "/api/v1/policies/match",
                  "{\"profile\":{\"stage\":\"seed\",\"sectors\":[\"ai\"],\"location\":{\"district\":\"laoshan\"}}}");
        };
    samples.add(new Sample(ALL_KINDS.get(kind), System.nanoTime() - t0, a.status()));
  }

  /** Creates or updates one of the writer's 50 projects; employees grows with every write. */
  static void write(
      TestServer s,
      int writer,
      Random r,
      int n,
      Map<String, Integer> acknowledged,
      ConcurrentLinkedQueue<Sample> samples) {
    String id = "load-" + writer + "-" + r.nextInt(50);
    String body =
        "{\"id\":\"%s\",\"name\":\"负载测试项目 %s\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"employees\":%d,\"location\":{\"district\":\"laoshan\"},\"consent\":{\"mentors\":true,\"parks\":true,\"investors\":true}}"
            .formatted(id, id, n);
    long t0 = System.nanoTime();
    TestServer.Response a =
        s.json("PUT", "/api/v1/projects/" + id, body, "Authorization", "Bearer " + ADMIN);
    samples.add(new Sample("write", System.nanoTime() - t0, a.status() == 201 ? 200 : a.status()));
    if (a.status() == 200 || a.status() == 201) acknowledged.merge(id, n, Math::max);
  }
}

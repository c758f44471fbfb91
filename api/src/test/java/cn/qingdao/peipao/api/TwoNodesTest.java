package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qingdao.peipao.api.http.AccessControl;
import cn.qingdao.peipao.index.store.StoreConfig;
import cn.qingdao.peipao.index.testing.TestStores;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service nodes, each with its own index directory, on one PostgreSQL store, over real HTTP: a
 * write is read back at once on the node that took it and reaches the other within its lag; writes
 * that take capacity (seats, room slots) stay exact when the nodes race; a node started on an empty
 * index directory catches up from the store. Runs in the PostgreSQL tier.
 */
class TwoNodesTest {
  @TempDir static Path dir;
  static TestServer a;
  static TestServer b;
  static StoreConfig store;

  @BeforeAll
  static void start() {
    assumeTrue(
        TestStores.POSTGRESQL, "needs the PostgreSQL tier (-Dmatcher.test.store=postgresql)");
    a = TestServer.withDemoData(dir.resolve("node-a"));
    store = a.catalog.storeConfig();
    assertTrue(store.shared());
    b = new TestServer(TestServer.config(dir.resolve("node-b")), AccessControl.open(), store);
  }

  @AfterAll
  static void stop() {
    if (b != null) b.close();
    if (a != null) a.close();
  }

  static long total(TestServer s, String path) {
    return TestServer.ok(s.get(path)).get("total").asLong();
  }

  /** Milliseconds until {@code s}'s search counts {@code expected} projects (fails after 10 s). */
  static long until(TestServer s, long expected) throws InterruptedException {
    long t0 = System.nanoTime();
    while (total(s, "/api/v1/projects?size=1") != expected) {
      if (System.nanoTime() - t0 > 10_000_000_000L)
        throw new AssertionError(
            "node did not converge: "
                + total(s, "/api/v1/projects?size=1")
                + " != "
                + expected
                + "; health "
                + s.get("/health").body());
      Thread.sleep(5);
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  void aWriteIsSearchableAtOnceOnItsNodeAndSoonOnTheOther() throws Exception {
    long before = total(a, "/api/v1/projects?size=1");
    assertEquals(before, total(b, "/api/v1/projects?size=1"));
    List<Long> lags = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      TestServer writer = i % 2 == 0 ? a : b;
      TestServer other = i % 2 == 0 ? b : a;
      String id = "p-two-nodes-" + i;
      TestServer.Response put =
          writer.json("PUT", "/api/v1/projects/" + id, TestServer.projectJson(id));
      assertEquals(201, put.status(), put.body());
      // read-your-writes: the node that took the write searches it with no wait at all
      assertEquals(before + i + 1, total(writer, "/api/v1/projects?size=1"));
      lags.add(until(other, before + i + 1));
    }
    System.out.println("two nodes: the other node searched each write after " + lags + " ms");
    assertTrue(lags.stream().allMatch(l -> l < 5_000), "lags " + lags);
    // both report the same store, in sync, and agree with it
    for (TestServer s : List.of(a, b)) {
      JsonNode health = TestServer.ok(s.get("/health"));
      assertEquals("ok", health.get("status").asText(), health.toString());
      assertTrue(health.at("/sync/shared").asBoolean(), health.toString());
      assertEquals(health.get("store"), health.get("index"), health.toString());
    }
  }

  @Test
  void nodesRacingForTheLastSeatsAndOneRoomSlotNeverOverfill() throws Exception {
    // an event with 3 seats and no waitlist, created on A; 16 projects sign up through both nodes
    ObjectNode ev = (ObjectNode) TestServer.ok(a.get("/api/v1/events/ev-yuanlai-roadshow"));
    ev.put("id", "ev-two-nodes");
    ev.put("capacity", 3);
    ev.put("waitlist", false);
    ev.remove("version");
    ev.remove("updatedAt");
    assertEquals(201, a.json("PUT", "/api/v1/events/ev-two-nodes", ev.toString()).status());
    List<String> projects = new ArrayList<>();
    for (int i = 1; projects.size() < 16 && i < 200; i++) {
      String p = String.format("syn-p-%05d", i);
      JsonNode project =
          a.get("/api/v1/projects/" + p).status() == 200
              ? a.get("/api/v1/projects/" + p).json()
              : null;
      if (project != null && "active".equals(project.path("status").asText("active")))
        projects.add(p);
    }
    assertEquals(16, projects.size());
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < projects.size(); i++) {
        TestServer node = i % 2 == 0 ? a : b;
        String body = "{\"projectId\":\"" + projects.get(i) + "\"}";
        Callable<Integer> call =
            () -> node.json("POST", "/api/v1/events/ev-two-nodes/registrations", body).status();
        answers.add(pool.submit(call));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : answers) statuses.add(f.get());
      assertEquals(3, statuses.stream().filter(x -> x == 201).count(), statuses.toString());
      assertEquals(13, statuses.stream().filter(x -> x == 409).count(), statuses.toString());
      for (TestServer s : List.of(a, b)) {
        JsonNode roster = TestServer.ok(s.get("/api/v1/events/ev-two-nodes/registrations"));
        assertEquals(3, roster.get("registered").asInt(), roster.toString());
      }

      // one meeting-room slot, 12 bookings from both nodes, overlapping in three ways
      String spaces = "[{\"id\":\"mr\",\"kind\":\"meeting_room\",\"name\":\"会议室\",\"area\":30}]";
      assertEquals(200, a.json("PUT", "/api/v1/parks/k-shaohaihui/spaces", spaces).status());
      Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
      List<Future<Integer>> bookings = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        TestServer node = i % 2 == 0 ? a : b;
        Instant from = start.plus(Duration.ofMinutes(15L * (i % 3)));
        String body =
            "{\"spaceId\":\"mr\",\"start\":\""
                + from
                + "\",\"end\":\""
                + from.plus(Duration.ofMinutes(45))
                + "\",\"purpose\":\"路演彩排\"}";
        Callable<Integer> call =
            () -> node.json("POST", "/api/v1/parks/k-shaohaihui/bookings", body).status();
        bookings.add(pool.submit(call));
      }
      List<Integer> booked = new ArrayList<>();
      for (Future<Integer> f : bookings) booked.add(f.get());
      assertEquals(1, booked.stream().filter(x -> x == 201).count(), booked.toString());
      assertEquals(11, booked.stream().filter(x -> x == 409).count(), booked.toString());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void twoDraftsOfOneCohortPublishedOnTwoNodesAtOnceGiveOnePublication() throws Exception {
    String body =
        "{\"projects\":"
            + AllocationHttpTest.cohort(341, 370)
            + ",\"counterpart\":\"mentors\",\"mode\":\"coverage\"}";
    String first =
        AllocationHttpTest.created(a.json("POST", "/api/v1/allocations", body)).get("id").asText();
    String second =
        AllocationHttpTest.created(b.json("POST", "/api/v1/allocations", body)).get("id").asText();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<TestServer.Response> onA =
          pool.submit(() -> a.json("POST", "/api/v1/allocations/" + first + "/publish", ""));
      Future<TestServer.Response> onB =
          pool.submit(() -> b.json("POST", "/api/v1/allocations/" + second + "/publish", ""));
      List<Integer> statuses = List.of(onA.get().status(), onB.get().status());
      assertEquals(1, statuses.stream().filter(x -> x == 200).count(), statuses.toString());
      assertEquals(1, statuses.stream().filter(x -> x == 409).count(), statuses.toString());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aNodeOnAnEmptyIndexDirectoryCatchesUpFromTheStore() throws Exception {
    try (TestServer c =
        new TestServer(TestServer.config(dir.resolve("node-c")), AccessControl.open(), store)) {
      JsonNode health = TestServer.ok(c.get("/health"));
      assertEquals("ok", health.get("status").asText(), health.toString());
      assertEquals(health.get("store"), health.get("index"), health.toString());
      assertEquals(total(a, "/api/v1/projects?size=1"), total(c, "/api/v1/projects?size=1"));
      assertEquals(total(a, "/api/v1/mentors?size=1"), total(c, "/api/v1/mentors?size=1"));
      assertTrue(c.catalog.startupNote().startsWith("rebuilt the index"), c.catalog.startupNote());
    }
  }
}

package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.qingdao.peipao.api.http.AccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.index.store.StoreConfig;
import cn.qingdao.peipao.index.testing.PostgresServer;
import cn.qingdao.peipao.index.testing.TestStores;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of a deployment with several nodes on PostgreSQL: a node killed with SIGKILL during mixed
 * writes loses nothing it acknowledged while the other keeps serving, and catches up on restart;
 * PostgreSQL restarted under load gives clear 503s while it is away and the nodes recover without a
 * restart. Runs in the PostgreSQL tier.
 */
class NodeFaultsTest {
  static final String ADMIN_KEY = "node-faults-admin-key-0123456789";

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A node in its own JVM on {@code store}, started as an operator would (serve --store). */
  static ServerProcess node(Path dataDir, StoreConfig store) throws IOException {
    return ServerProcess.start(
        Map.of("MATCHER_ADMIN_KEY", ADMIN_KEY, "MATCHER_STORE_USER", store.user()),
        "--data",
        dataDir.toString(),
        "--store",
        store.jdbcUrl());
  }

  int send(String base, String method, String path, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) r.header("Content-Type", "application/json");
    return client.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void aNodeKilledDuringMixedWritesLosesNothingAcknowledgedAndCatchesUpOnRestart()
      throws Exception {
    assumeTrue(TestStores.POSTGRESQL, "needs the PostgreSQL tier");
    StoreConfig store = TestStores.forDir(dir.resolve("shared"));
    try (TestServer b =
        new TestServer(TestServer.config(dir.resolve("node-b")), AccessControl.open(), store)) {
      TestStores.importDemo(b.catalog);
      ObjectNode ev = (ObjectNode) TestServer.ok(b.get("/api/v1/events/ev-yuanlai-roadshow"));
      ev.put("id", "ev-kill");
      ev.put("capacity", 10_000);
      ev.remove("version");
      ev.remove("updatedAt");
      assertEquals(201, b.json("PUT", "/api/v1/events/ev-kill", ev.toString()).status());

      ServerProcess p = node(dir.resolve("node-p"), store);
      Set<String> projects = ConcurrentHashMap.newKeySet();
      Set<String> signedUp = ConcurrentHashMap.newKeySet();
      Map<String, Integer> writes = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int w = t;
        writers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int n = 0; !stop.get(); n++) {
                        String id = "p-kill-" + w + "-" + n;
                        try {
                          int put =
                              send(
                                  p.url(),
                                  "PUT",
                                  "/api/v1/projects/" + id,
                                  TestServer.projectJson(id));
                          writes.merge("PUT " + put, 1, Integer::sum);
                          if (put != 201) continue;
                          projects.add(id); // acknowledged
                          String body = "{\"projectId\":\"" + id + "\"}";
                          if (send(p.url(), "POST", "/api/v1/events/ev-kill/registrations", body)
                              == 201) signedUp.add(id);
                        } catch (Exception e) {
                          writes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                          return; // the node is gone: nothing after this was acknowledged
                        }
                      }
                    }));
      }
      // the other node serves reads throughout: every answer a 200
      Map<Integer, Integer> bStatuses = new TreeMap<>();
      Thread reader =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!stop.get()) {
                      int s = b.get("/api/v1/projects?size=1").status();
                      synchronized (bStatuses) {
                        bStatuses.merge(s, 1, Integer::sum);
                      }
                    }
                  });
      Thread.sleep(3_000);
      p.kill(); // SIGKILL mid-write
      Thread.sleep(300);
      stop.set(true);
      for (Thread t : writers) t.join(15_000);
      reader.join(15_000);
      assertTrue(projects.size() > 10, "writes acknowledged before the kill: " + writes);
      assertEquals(Set.of(200), bStatuses.keySet(), "node B's answers: " + bStatuses);

      // every acknowledged write is in the store, read through the surviving node
      for (String id : projects)
        assertEquals(200, b.get("/api/v1/projects/" + id).status(), "lost " + id);
      JsonNode roster = TestServer.ok(b.get("/api/v1/events/ev-kill/registrations"));
      assertTrue(
          roster.get("registered").asInt() >= signedUp.size(),
          roster.get("registered") + " < " + signedUp.size());

      // B goes on writing while P is down; P, restarted on its own index, catches up with all of it
      for (int i = 0; i < 5; i++)
        assertEquals(
            201,
            b.json(
                    "PUT",
                    "/api/v1/projects/p-while-down-" + i,
                    TestServer.projectJson("p-while-down-" + i))
                .status());
      long expected = TestServer.ok(b.get("/api/v1/projects?size=1")).get("total").asLong();
      ServerProcess again = node(dir.resolve("node-p"), store);
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long seen = -1;
        while (System.nanoTime() < deadline) {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(URI.create(again.url() + "/api/v1/projects?size=1"))
                      .header("Authorization", "Bearer " + ADMIN_KEY)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          seen = Json.parse(r.body()).get("total").asLong();
          if (seen == expected) break;
          Thread.sleep(20);
        }
        assertEquals(expected, seen, "the restarted node's search");
        System.out.printf(
            "kill -9: %d projects and %d sign-ups acknowledged by the killed node, all in the"
                + " store; node B answered %s meanwhile%n",
            projects.size(), signedUp.size(), bStatuses);
      } finally {
        again.kill();
      }
    }
  }

  @Test
  void postgresRestartedUnderLoadGivesClear503sAndTheNodeRecoversByItself() throws Exception {
    assumeTrue(TestStores.POSTGRESQL, "needs the PostgreSQL tier");
    PostgresServer pg = PostgresServer.start(); // its own server: this test stops it
    try {
      StoreConfig store = StoreConfig.postgresql(pg.database("restart"), "postgres", null);
      try (TestServer n =
          new TestServer(TestServer.config(dir.resolve("node")), AccessControl.open(), store)) {
        TestStores.importDemo(n.catalog);
        Map<String, Map<Integer, Integer>> statuses = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        String[] phase = {"before"};
        Thread load =
            Thread.ofPlatform()
                .start(
                    () -> {
                      for (int i = 0; !stop.get(); i++) {
                        String id = "p-restart-" + i;
                        String started = phase[0]; // the phase the request began in
                        int s =
                            n.json("PUT", "/api/v1/projects/" + id, TestServer.projectJson(id))
                                .status();
                        statuses
                            .computeIfAbsent(started, k -> new ConcurrentHashMap<>())
                            .merge(s, 1, Integer::sum);
                      }
                    });
        Thread.sleep(500);
        phase[0] = "stopping";
        pg.stopServer();
        phase[0] = "down";
        // longer than the pool's 3 s connection timeout: a request started while the server is
        // down also ends while it is down
        Thread.sleep(7_000);
        JsonNode down = n.get("/health").json();
        assertEquals(503, n.get("/health").status(), down.toString());
        phase[0] = "restarting";
        pg.startServer();
        // the same node, not restarted, takes writes again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int s = 0;
        while (System.nanoTime() < deadline && s != 201) {
          s = n.json("PUT", "/api/v1/projects/p-after", TestServer.projectJson("p-after")).status();
          if (s != 201) Thread.sleep(100);
        }
        assertEquals(201, s, "a write after PostgreSQL came back");
        phase[0] = "after";
        Thread.sleep(500);
        stop.set(true);
        load.join(30_000);
        System.out.println("PostgreSQL restart under load, answers by phase: " + statuses);
        assertTrue(statuses.get("before").containsKey(201), statuses.toString());
        // while it is away: 503 (nothing written; a request that waited for a connection across
        // the restart may still succeed), never a 500 or another error
        assertTrue(statuses.getOrDefault("down", Map.of()).containsKey(503), statuses.toString());
        assertEquals(Set.of(201), statuses.get("after").keySet(), statuses.toString());
        for (Map<Integer, Integer> m : statuses.values())
          assertTrue(m.keySet().stream().allMatch(x -> x == 201 || x == 503), statuses.toString());
        JsonNode health = TestServer.ok(n.get("/health"));
        assertEquals("ok", health.get("status").asText());
      }
    } finally {
      try {
        pg.stopServer();
      } catch (RuntimeException e) {
        // stopped already
      }
    }
  }

  /**
   * A node frozen mid-write (here: a session holding the cluster-wide write lock and saying
   * nothing) does not stop the others for long: a write waits at most the lock timeout, answers
   * 503, and goes through once the lock is free.
   */
  @Test
  void aWriteWaitingOnAFrozenNodesLockAnswers503InsteadOfHanging() throws Exception {
    assumeTrue(TestStores.POSTGRESQL, "needs the PostgreSQL tier");
    StoreConfig store = TestStores.forDir(dir.resolve("frozen"));
    try (TestServer n =
            new TestServer(TestServer.config(dir.resolve("node")), AccessControl.open(), store);
        java.sql.Connection frozen =
            java.sql.DriverManager.getConnection(store.jdbcUrl(), store.user(), null)) {
      frozen.setAutoCommit(false);
      try (var q = frozen.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        q.setLong(1, cn.qingdao.peipao.index.store.Database.WRITE_LOCK);
        q.executeQuery().close();
      }
      long t0 = System.nanoTime();
      TestServer.Response r =
          n.json("PUT", "/api/v1/projects/p-frozen", TestServer.projectJson("p-frozen"));
      long waited = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(503, r.status(), r.body());
      assertEquals("2", r.header("Retry-After"));
      assertTrue(waited >= 9_000 && waited < 20_000, "waited " + waited + " ms");
      frozen.rollback(); // the frozen node's transaction ends
      assertEquals(
          201,
          n.json("PUT", "/api/v1/projects/p-frozen", TestServer.projectJson("p-frozen")).status());
    }
  }
}

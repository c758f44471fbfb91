package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server process with SIGKILL while a client in this (separate) process streams mixed
 * writes into it — bulk imports, creations, updates, deletions — restarts it, and checks against a
 * model of the acknowledged writes: every acknowledged write is there exactly, the one write in
 * flight at the kill landed whole or not at all, and store and index agree.
 */
@Tag("slow")
class CrashRecoveryTest {
  /** The admin key the server processes are started with (as an operator would set it). */
  static final String ADMIN_KEY = "crash-test-admin-key-0123456789";

  private static final int ROUNDS = 3;
  private static final int BATCH = 50;

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What the acknowledged writes say the store holds: id → employees, or deleted. */
  private final Map<String, Integer> present = new HashMap<>();

  private final Set<String> deleted = new HashSet<>();

  /** The write in flight when the server died: its ids may hold either state. */
  private final Set<String> uncertain = new HashSet<>();

  private List<String> pendingBatch = List.of();
  private int next;
  private int counter = 1;

  @Test
  void killDuringMixedWritesLosesNoAcknowledgedWriteAndLeavesNoHalfWrite() throws Exception {
    Random random = new Random(42);
    int acknowledgedWrites = 0;
    for (int round = 0; round < ROUNDS; round++) {
      ServerProcess server =
          ServerProcess.start(Map.of("MATCHER_ADMIN_KEY", ADMIN_KEY), "--data", dir.toString());
      try {
        verify(server.url());
        uncertain.clear();
        pendingBatch = List.of();
        long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400 + random.nextInt(800));
        int[] done = {0};
        Throwable[] wrong = {null};
        Thread writer =
            Thread.ofVirtual()
                .start(
                    () -> {
                      Random r = new Random(random.nextLong());
                      try {
                        while (true) {
                          writeOne(server.url(), r);
                          done[0]++;
                        }
                      } catch (IOException | InterruptedException died) {
                        // the server died under the write in flight: it stays uncertain
                      } catch (Throwable t) {
                        wrong[0] = t; // a wrong answer while the server was alive
                      }
                    });
        Thread.sleep(Math.max(0, (killAt - System.nanoTime()) / 1_000_000)); // a seeded moment
        server.kill();
        writer.join(30_000);
        assertTrue(!writer.isAlive(), "the writer stopped with the server");
        if (wrong[0] != null) throw new AssertionError("a write got a wrong answer", wrong[0]);
        acknowledgedWrites += done[0];
      } finally {
        server.kill();
      }
    }
    ServerProcess last =
        ServerProcess.start(Map.of("MATCHER_ADMIN_KEY", ADMIN_KEY), "--data", dir.toString());
    try {
      verify(last.url());
    } finally {
      last.kill();
    }
    assertTrue(acknowledgedWrites >= ROUNDS * 5, "acknowledged writes: " + acknowledgedWrites);
    assertTrue(!deleted.isEmpty() && present.size() > BATCH, present.size() + " / " + deleted);
  }

  /** One random write; the model changes only once it is acknowledged. */
  private void writeOne(String url, Random r) throws IOException, InterruptedException {
    int op = present.isEmpty() ? 0 : r.nextInt(10);
    if (op < 3) {
      List<String> ids = new ArrayList<>();
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < BATCH; i++) {
        String id = "crash-" + next++;
        ids.add(id);
        body.append(project(id, 1)).append('\n');
      }
      pendingBatch = ids;
      HttpResponse<String> a =
          send(url + "/api/v1/projects/import", "POST", "application/x-ndjson", body.toString());
      assertEquals(200, a.statusCode(), a.body());
      assertEquals(BATCH, Json.parse(a.body()).get("applied").asInt());
      for (String id : ids) present.put(id, 1);
      pendingBatch = List.of();
    } else if (op < 6) {
      String id = "crash-" + next++;
      uncertain.add(id);
      HttpResponse<String> a =
          send(url + "/api/v1/projects/" + id, "PUT", "application/json", project(id, 1));
      assertEquals(201, a.statusCode(), a.body());
      present.put(id, 1);
      uncertain.remove(id);
    } else if (op < 9) {
      String id = pick(r);
      int value = ++counter;
      uncertain.add(id);
      HttpResponse<String> a =
          send(url + "/api/v1/projects/" + id, "PUT", "application/json", project(id, value));
      assertEquals(200, a.statusCode(), a.body());
      present.put(id, value);
      uncertain.remove(id);
    } else {
      String id = pick(r);
      uncertain.add(id);
      HttpResponse<String> a = send(url + "/api/v1/projects/" + id, "DELETE", null, null);
      assertEquals(204, a.statusCode(), a.body());
      present.remove(id);
      deleted.add(id);
      uncertain.remove(id);
    }
  }

  private String pick(Random r) {
    List<String> ids = new ArrayList<>(present.keySet());
    java.util.Collections.sort(ids);
    return ids.get(r.nextInt(ids.size()));
  }

  private void verify(String url) throws Exception {
    JsonNode health = Json.parse(get(url + "/health").body());
    assertTrue(
        health.get("consistent").asBoolean(), "store and index disagree after restart: " + health);
    int stored = health.get("store").get("projects").asInt();
    int searchable = Json.parse(get(url + "/api/v1/projects?size=0").body()).get("total").asInt();
    assertEquals(stored, searchable, "every stored project is searchable");
    int landed = 0;
    for (String id : pendingBatch)
      if (get(url + "/api/v1/projects/" + id).statusCode() == 200) landed++;
    assertTrue(
        landed == 0 || landed == BATCH, "an interrupted import landed " + landed + " of " + BATCH);
    for (var e : present.entrySet()) {
      HttpResponse<String> r = get(url + "/api/v1/projects/" + e.getKey());
      if (uncertain.contains(e.getKey())) continue;
      assertEquals(200, r.statusCode(), "acknowledged " + e.getKey() + " is missing after restart");
      assertEquals(
          e.getValue().intValue(),
          Json.parse(r.body()).get("employees").asInt(),
          "acknowledged update of " + e.getKey() + " lost");
    }
    for (String id : deleted) {
      if (uncertain.contains(id)) continue;
      assertEquals(
          404, get(url + "/api/v1/projects/" + id).statusCode(), "deleted " + id + " is back");
    }
    // the write in flight: whole or not at all (a creation is there with all its fields or absent)
    for (String id : uncertain) {
      HttpResponse<String> r = get(url + "/api/v1/projects/" + id);
      assertTrue(r.statusCode() == 200 || r.statusCode() == 404, r.body());
      if (r.statusCode() == 200) {
        JsonNode p = Json.parse(r.body());
        assertEquals("崩溃测试项目 " + id, p.get("name").asText());
        present.put(id, p.get("employees").asInt());
        deleted.remove(id);
      } else {
        present.remove(id);
      }
    }
    assertEquals(
        present.size() + landed, stored, "no unacknowledged entity beyond the one in flight");
    for (String id : pendingBatch) if (landed == BATCH) present.put(id, 1);
  }

  private static String project(String id, int employees) {
    return "{\"id\":\""
        + id
        + "\",\"employees\":"
        + employees
        + ",\"name\":\"崩溃测试项目 "
        + id
        + "\",\"description\":\""
        + id
        + "\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}";
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String url, String method, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) b.header("Content-Type", contentType);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}

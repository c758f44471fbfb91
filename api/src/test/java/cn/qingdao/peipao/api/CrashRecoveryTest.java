package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server process with SIGKILL while a client streams bulk imports into it, restarts it,
 * and checks that every acknowledged entity is there and that store and index agree.
 */
class CrashRecoveryTest {
  /** The admin key the server processes are started with (as an operator would set it). */
  static final String ADMIN_KEY = "crash-test-admin-key-0123456789";

  private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:\\d+)");
  private static final int ROUNDS = 3;
  private static final int BATCH = 200;

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void killDuringBulkImportLosesNoAcknowledgedWrite() throws Exception {
    Random random = new Random(42);
    Set<String> acknowledged = new HashSet<>();
    int next = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Server server = Server.start(dir);
      try {
        verify(server.url, acknowledged);
        long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300 + random.nextInt(700));
        while (System.nanoTime() < killAt) {
          List<String> ids = new ArrayList<>();
          StringBuilder body = new StringBuilder();
          for (int i = 0; i < BATCH; i++) {
            String id = "crash-" + next++;
            ids.add(id);
            body.append(project(id)).append('\n');
          }
          HttpResponse<String> r = post(server.url + "/api/v1/projects/import", body.toString());
          assertEquals(200, r.statusCode(), r.body());
          assertEquals(BATCH, Json.parse(r.body()).get("applied").asInt());
          acknowledged.addAll(ids);
        }
        // One more import in flight when the process dies: it may or may not land, but never half.
        Thread inFlight =
            Thread.ofVirtual()
                .start(
                    () -> {
                      StringBuilder body = new StringBuilder();
                      for (int i = 0; i < BATCH; i++)
                        body.append(project("inflight-" + i)).append('\n');
                      try {
                        post(server.url + "/api/v1/projects/import", body.toString());
                      } catch (Exception expected) {
                        // the server died under it
                      }
                    });
        Thread.sleep(random.nextInt(50));
        server.kill();
        inFlight.join(10_000);
      } finally {
        server.kill();
      }
    }
    Server last = Server.start(dir);
    try {
      verify(last.url, acknowledged);
    } finally {
      last.kill();
    }
    assertTrue(acknowledged.size() >= BATCH * ROUNDS, "each round acknowledged at least one batch");
  }

  private void verify(String url, Set<String> acknowledged) throws Exception {
    JsonNode health = Json.parse(get(url + "/health").body());
    assertTrue(
        health.get("consistent").asBoolean(), "store and index disagree after restart: " + health);
    int stored = health.get("store").get("projects").asInt();
    int inflight =
        Json.parse(get(url + "/api/v1/projects?size=0&q=inflight").body()).get("total").asInt();
    assertTrue(
        inflight == 0 || inflight == BATCH,
        "an interrupted import must be all or nothing per batch, found " + inflight);
    assertTrue(
        stored >= acknowledged.size(),
        "stored " + stored + " < acknowledged " + acknowledged.size());
    for (String id : acknowledged) {
      HttpResponse<String> r = get(url + "/api/v1/projects/" + id);
      assertEquals(200, r.statusCode(), "acknowledged " + id + " is missing after restart");
    }
    int searchable = Json.parse(get(url + "/api/v1/projects?size=0").body()).get("total").asInt();
    assertEquals(stored, searchable, "every stored project is searchable");
  }

  private static String project(String id) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\"崩溃测试项目 "
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

  private HttpResponse<String> post(String url, String ndjson)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-ndjson")
            .header("Authorization", "Bearer " + ADMIN_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(ndjson, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The service in its own JVM, started as a user would (serve --port 0), killed with SIGKILL. */
  private record Server(Process process, String url) {
    static Server start(Path dataDir) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-Xmx512m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "cn.qingdao.peipao.api.cli.Main",
                  "serve",
                  "--port",
                  "0",
                  "--no-demo",
                  "--rate",
                  "100000",
                  "--burst",
                  "100000",
                  "--data",
                  dataDir.toString())
              .redirectErrorStream(true);
      pb.environment().put("MATCHER_ADMIN_KEY", ADMIN_KEY);
      Process p = pb.start();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      StringBuilder seen = new StringBuilder();
      String line;
      while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
        seen.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          Thread.ofVirtual().start(() -> out.lines().forEach(l -> {}));
          return new Server(p, m.group(1));
        }
      }
      p.destroyForcibly();
      throw new IllegalStateException("server did not start:\n" + seen);
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly(); // SIGKILL on Unix: no shutdown hook runs
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}

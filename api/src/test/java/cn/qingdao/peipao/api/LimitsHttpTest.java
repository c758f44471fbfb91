package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-key rate limits, import line length, and clients too slow to finish their request. */
class LimitsHttpTest {
  static final String A = "first-key-0123456789abcdef";
  static final String B = "second-key-0123456789abcdef";

  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    ApiKeys keys =
        ApiKeys.read(
            Json.parse(
                "[{\"name\":\"a\",\"role\":\"admin\",\"key\":\"%s\"},{\"name\":\"b\",\"role\":\"portal\",\"key\":\"%s\"}]"
                    .formatted(A, B)));
    // 5 requests at once, then one every 10 s; a connection idle 1.5 s while a request is read
    Limits limits = new Limits(1 << 20, 4 << 20, 2048, 100, 200, 1500, 0, 0.1, 5);
    s = new TestServer(TestServer.config(dir).withLimits(limits), new KeyAccessControl(keys));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Response get(String path, String key) {
    return s.send("GET", path, null, null, "Authorization", "Bearer " + key);
  }

  @Test
  void eachKeyHasItsOwnBucketAndA429SaysWhenToRetry() {
    for (int i = 0; i < 5; i++) assertEquals(200, get("/api/v1/parks", B).status());
    TestServer.Response limited = get("/api/v1/parks", B);
    assertEquals(429, limited.status(), limited.body());
    assertTrue(limited.header("Content-Type").startsWith("application/problem+json"));
    long retry = Long.parseLong(limited.header("Retry-After"));
    assertTrue(retry >= 1 && retry <= 10, "Retry-After " + retry);
    // anonymous callers are limited per address, the calculator included (other tests of this
    // class may have spent some of the address's tokens already)
    StringBuilder statuses = new StringBuilder();
    for (int i = 0; i < 8; i++)
      statuses
          .append(s.json("POST", "/api/v1/policies/match", "{\"profile\":{}}").status())
          .append(' ');
    assertTrue(statuses.toString().matches("(200 ){0,5}(429 ){3,8}"), "burst of 5: " + statuses);
    // the public routes count against the same address: a flood of /health is throttled too
    assertEquals(429, s.get("/health").status());
  }

  @Test
  void overlongImportLinesAreNamedAndNothingIsImported() {
    String line =
        "{\"id\":\"x-1\",\"name\":\"短\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}";
    String tooLong =
        "{\"id\":\"x-2\",\"name\":\"长\",\"description\":\""
            + "很".repeat(1000)
            + "\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}";
    TestServer.Response r =
        s.send(
            "POST",
            "/api/v1/projects/import",
            "application/x-ndjson",
            (line + "\n" + tooLong + "\n").getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer " + A);
    assertEquals(400, r.status(), r.body());
    assertEquals(java.util.List.of("lines[2]"), HttpApiTest.fields(r));
    assertEquals(0, s.catalog.counts().get(EntityType.PROJECTS)[0], "nothing imported");
  }

  @Test
  void aClientThatStopsSendingItsBodyIsCutOff() throws Exception {
    int port = Integer.parseInt(s.base.substring(s.base.lastIndexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/policies/match HTTP/1.1\r\nHost: localhost\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"profile\":")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.toMillis() < 10_000, "cut off after " + took);
      assertTrue(answer.isEmpty() || !answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.isEmpty() || !answer.contains(" 500 "), answer);
    }
  }
}

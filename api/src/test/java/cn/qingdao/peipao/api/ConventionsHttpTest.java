package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP conventions an integrator relies on: Allow on 405, 406 for an Accept the API cannot honour,
 * request ids, liveness and readiness, Prometheus metrics, and the list of allocations.
 */
class ConventionsHttpTest {
  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void aWrongMethodSaysWhichAreAllowed() {
    TestServer.Response r = s.send("PATCH", "/api/v1/projects/syn-p-00001", null, null);
    assertEquals(405, r.status(), r.body());
    assertEquals("DELETE, GET, HEAD, PUT", r.header("Allow"));
    TestServer.Response feedback = s.send("PUT", "/api/v1/feedback", null, null);
    assertEquals(405, feedback.status());
    assertEquals("GET, HEAD, POST", feedback.header("Allow"));
  }

  @Test
  void anAcceptTheApiCannotHonourIs406() {
    TestServer.Response xml =
        s.send("GET", "/api/v1/taxonomy", null, null, "Accept", "application/xml");
    assertEquals(406, xml.status(), xml.body());
    assertTrue(xml.header("Content-Type").startsWith("application/problem+json"));
    for (String ok :
        List.of("application/json", "*/*", "application/*;q=0.5", "text/html, application/json"))
      assertEquals(200, s.send("GET", "/api/v1/taxonomy", null, null, "Accept", ok).status(), ok);
    assertEquals(
        406,
        s.send("GET", "/api/v1/taxonomy", null, null, "Accept", "application/json;q=0").status());
  }

  @Test
  void everyAnswerCarriesARequestId() {
    TestServer.Response given =
        s.send("GET", "/health", null, null, "X-Request-Id", "portal-7f3a.2");
    assertEquals("portal-7f3a.2", given.header("X-Request-Id"));
    TestServer.Response made = s.send("GET", "/api/v1/nothing", null, null);
    assertNotNull(made.header("X-Request-Id"));
    TestServer.Response unsafe =
        s.send("GET", "/health", null, null, "X-Request-Id", "a b<script>");
    assertTrue(!"a b<script>".equals(unsafe.header("X-Request-Id")));
  }

  @Test
  void livenessAndReadinessAreSeparate() {
    assertEquals("live", TestServer.ok(s.get("/health/live")).get("status").asText());
    assertEquals("ok", TestServer.ok(s.get("/health/ready")).get("status").asText());
  }

  @Test
  void metricsAreServedInPrometheusFormat() {
    s.get("/api/v1/projects?q=海洋".replace("海洋", "%E6%B5%B7%E6%B4%8B"));
    TestServer.Response m = s.get("/metrics");
    assertEquals(200, m.status(), m.body());
    assertTrue(m.header("Content-Type").startsWith("text/plain"), m.header("Content-Type"));
    String text = m.body();
    assertTrue(text.contains("http_server_requests_seconds_bucket"), "latency histograms");
    assertTrue(text.contains("route=\"/api/v1/projects\""), "by route pattern, not by path");
    assertTrue(text.contains("matcher_store_seq"), "the store's write sequence");
    assertTrue(text.contains("jvm_memory_used_bytes"), "the JVM");
    assertTrue(!text.contains("syn-p-"), "no ids in labels");
  }

  @Test
  void allocationsAreListedNewestFirstWithTotalAndNextLink() {
    String body = "{\"projects\":[\"%s\"],\"counterpart\":\"mentors\"}";
    String first =
        s.json("POST", "/api/v1/allocations", body.formatted("syn-p-00011"))
            .json()
            .get("id")
            .asText();
    String second =
        s.json("POST", "/api/v1/allocations", body.formatted("syn-p-00012"))
            .json()
            .get("id")
            .asText();
    assertEquals(200, s.json("POST", "/api/v1/allocations/" + second + "/publish", "{}").status());
    JsonNode drafts = TestServer.ok(s.get("/api/v1/allocations?status=draft"));
    assertTrue(drafts.get("total").asLong() >= 1);
    for (JsonNode a : drafts.get("items")) assertEquals("draft", a.get("status").asText());
    JsonNode published = TestServer.ok(s.get("/api/v1/allocations?status=published&limit=1"));
    assertEquals(second, published.at("/items/0/id").asText());
    assertTrue(published.at("/items/0").hasNonNull("stats"), published.toString());
    TestServer.Response page = s.get("/api/v1/allocations?limit=1");
    assertEquals(200, page.status());
    assertTrue(
        page.header("Link").contains("offset=1&limit=1>; rel=\"next\""), page.headers().toString());
    assertTrue(page.body().contains(first) || page.body().contains(second));
    assertEquals(400, s.get("/api/v1/allocations?status=old").status());
  }

  @Test
  void crossOriginCallsAreAnsweredOnlyForConfiguredOrigins() throws Exception {
    // off by default: no CORS headers, a preflight is not allowed
    TestServer.Response plain =
        s.send("GET", "/api/v1/taxonomy", null, null, "Origin", "https://portal.example.gov.cn");
    assertEquals(null, plain.header("Access-Control-Allow-Origin"));
    try (TestServer cors =
        new TestServer(
            TestServer.config(dir.resolve("cors"))
                .withCorsOrigins(List.of("https://portal.example.gov.cn")))) {
      TestServer.Response preflight =
          cors.send(
              "OPTIONS",
              "/api/v1/projects",
              null,
              null,
              "Origin",
              "https://portal.example.gov.cn",
              "Access-Control-Request-Method",
              "GET",
              "Access-Control-Request-Headers",
              "authorization");
      assertTrue(preflight.status() < 300, preflight.status() + " " + preflight.body());
      assertEquals(
          "https://portal.example.gov.cn", preflight.header("Access-Control-Allow-Origin"));
      TestServer.Response get =
          cors.send(
              "GET", "/api/v1/taxonomy", null, null, "Origin", "https://portal.example.gov.cn");
      assertEquals("https://portal.example.gov.cn", get.header("Access-Control-Allow-Origin"));
      TestServer.Response other =
          cors.send("GET", "/api/v1/taxonomy", null, null, "Origin", "https://evil.example");
      assertEquals(null, other.header("Access-Control-Allow-Origin"));
    }
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> TestServer.config(dir).withCorsOrigins(List.of("*")));
  }

  @Test
  void everyListPagesTheSameWayWithTotalAndANextLink() {
    // search keeps page and size, and links the next page
    TestServer.Response search = s.get("/api/v1/projects?district=laoshan&size=2");
    assertEquals(200, search.status());
    assertTrue(search.json().get("total").asLong() > 2);
    assertTrue(
        search.header("Link").contains("page=2")
            && search.header("Link").contains("district=laoshan"),
        search.header("Link"));
    // the others take offset and limit and answer total, offset and limit
    for (String list :
        List.of(
            "/api/v1/alerts?limit=1",
            "/api/v1/policies/pol-cdb-personal/recommendations?limit=1",
            "/api/v1/allocations?limit=1")) {
      TestServer.Response r = s.get(list);
      JsonNode page = TestServer.ok(r);
      assertTrue(page.has("total") && page.has("offset") && page.has("limit"), list + ": " + page);
      if (page.get("total").asLong() > 1)
        assertTrue(r.header("Link").contains("offset=1&limit=1"), list + ": " + r.header("Link"));
    }
    for (int i = 0; i < 3; i++)
      s.json(
          "POST",
          "/api/v1/feedback",
          "{\"subjectType\":\"projects\",\"subjectId\":\"syn-p-00001\",\"targetType\":\"mentors\","
              + "\"targetId\":\"syn-m-00001\",\"action\":\"click\"}");
    TestServer.Response feedback = s.get("/api/v1/feedback?action=click&limit=2");
    JsonNode f = TestServer.ok(feedback);
    assertTrue(f.get("total").asLong() >= 3, f.toString());
    assertEquals(2, f.get("items").size());
    assertTrue(feedback.header("Link").contains("action=click"), feedback.header("Link"));
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

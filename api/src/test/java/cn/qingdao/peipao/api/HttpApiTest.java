package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract, through a real server on a free port. */
class HttpApiTest {
  static final String PROJECT =
      "{\"id\":\"h-1\",\"name\":\"海洋大模型数据标注平台\",\"description\":\"面向海洋观测数据的垂直领域大模型\","
          + "\"sectors\":[\"ai\",\"marine\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"},"
          + "\"needs\":[\"finance\"],\"consent\":{\"mentors\":true}}";

  @TempDir Path dir;
  TestServer s;

  @BeforeEach
  void start() {
    s = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  static void assertProblem(TestServer.Response r, int status) {
    assertEquals(status, r.status(), r.body());
    assertTrue(
        r.header("Content-Type").startsWith("application/problem+json"), r.header("Content-Type"));
    JsonNode p = r.json();
    assertEquals(status, p.get("status").asInt());
    assertNotNull(p.get("title").asText());
    assertFalse(p.get("detail").asText().isBlank());
    assertTrue(p.get("errors").isArray());
    assertFalse(r.body().contains("Exception"), "no stack traces or exception names: " + r.body());
  }

  static List<String> fields(TestServer.Response r) {
    List<String> out = new ArrayList<>();
    r.json().get("errors").forEach(e -> out.add(e.get("field").asText()));
    return out;
  }

  @Test
  void healthAndTaxonomyAnswer() {
    JsonNode h = s.get("/health").json();
    assertEquals("ok", h.get("status").asText());
    assertTrue(h.get("consistent").asBoolean());
    JsonNode t = s.get("/api/v1/taxonomy").json();
    assertEquals(13, t.get("sectors").size());
    assertEquals("人工智能", t.get("sectors").get(1).get("name").asText());
    assertEquals("崂山区", t.get("districts").get(3).get("name").asText());
    assertEquals(4, t.get("stages").size());
    // Shandong: the province, 16 cities, 151 counties; Qingdao's carry their short code
    assertEquals(168, t.get("places").size());
    assertEquals("370000", t.get("places").get(0).get("adcode").asText());
    assertEquals(
        16,
        java.util.stream.StreamSupport.stream(t.get("places").spliterator(), false)
            .filter(p -> p.get("level").asText().equals("CITY"))
            .count());
    assertEquals(
        "laoshan",
        java.util.stream.StreamSupport.stream(t.get("places").spliterator(), false)
            .filter(p -> p.get("adcode").asText().equals("370212"))
            .findFirst()
            .orElseThrow()
            .get("district")
            .asText());
    // the answer and its documented schema agree, field by field, both ways
    JsonNode schema = s.get("/openapi.json").json().at("/components/schemas/Taxonomy");
    assertSameFields(t, schema);
    assertSameFields(t.get("codes"), schema.at("/properties/codes"));
  }

  /**
   * Every field of {@code answer} is declared in {@code schema}, and every declared one is sent.
   */
  static void assertSameFields(JsonNode answer, JsonNode schema) {
    java.util.Set<String> sent = new java.util.TreeSet<>();
    answer.fieldNames().forEachRemaining(sent::add);
    java.util.Set<String> declared = new java.util.TreeSet<>();
    schema.get("properties").fieldNames().forEachRemaining(declared::add);
    assertEquals(declared, sent, "the schema and the answer name the same fields");
  }

  @Test
  void createReadReplaceDeleteWithVersions() {
    TestServer.Response created = s.json("POST", "/api/v1/projects", PROJECT);
    assertEquals(201, created.status(), created.body());
    assertEquals("\"1\"", created.header("ETag"));
    assertEquals("/api/v1/projects/h-1", created.header("Location"));
    assertEquals(1, created.json().get("version").asInt());
    assertNotNull(created.json().get("updatedAt"));
    assertEquals("active", created.json().get("status").asText());

    assertProblem(s.json("POST", "/api/v1/projects", PROJECT), 409);
    assertEquals(200, s.get("/api/v1/projects/h-1").status());

    String renamed = PROJECT.replace("海洋大模型数据标注平台", "港口物流调度");
    assertProblem(s.json("PUT", "/api/v1/projects/h-1", renamed, "If-Match", "\"7\""), 412);
    assertProblem(s.json("PUT", "/api/v1/projects/h-1", renamed, "If-Match", "W/\"1\""), 400);
    String noId = renamed.replace("\"id\":\"h-1\",", "");
    assertProblem(s.json("PUT", "/api/v1/projects/no-such", noId, "If-Match", "*"), 412);
    TestServer.Response replaced =
        s.json("PUT", "/api/v1/projects/h-1", renamed, "If-Match", "\"1\"");
    assertEquals(200, replaced.status(), replaced.body());
    assertEquals(2, replaced.json().get("version").asInt());
    TestServer.Response any = s.json("PUT", "/api/v1/projects/h-1", renamed, "If-Match", "*");
    assertEquals(200, any.status(), "If-Match: * holds for an existing entity: " + any.body());
    assertEquals(3, any.json().get("version").asInt());
    // read-your-writes: the next search sees the new name (调度) and not the old one (标注); words
    // that are not sector terms, which would also find the sector's other entities
    assertEquals(1, s.get("/api/v1/projects?q=%E8%B0%83%E5%BA%A6").json().get("total").asInt());
    assertEquals(0, s.get("/api/v1/projects?q=%E6%A0%87%E6%B3%A8").json().get("total").asInt());

    TestServer.Response putNew =
        s.json("PUT", "/api/v1/projects/h-2", PROJECT.replace("\"id\":\"h-1\",", ""));
    assertEquals(201, putNew.status(), putNew.body());
    assertEquals("h-2", putNew.json().get("id").asText());
    assertProblem(s.json("PUT", "/api/v1/projects/h-3", PROJECT), 400);

    assertProblem(s.send("DELETE", "/api/v1/projects/h-1", null, null, "If-Match", "1"), 412);
    assertEquals(204, s.send("DELETE", "/api/v1/projects/h-1", null, null).status());
    assertProblem(s.get("/api/v1/projects/h-1"), 404);
    assertProblem(s.send("DELETE", "/api/v1/projects/h-1", null, null), 404);
    assertEquals(0, s.get("/api/v1/projects?q=%E8%B0%83%E5%BA%A6").json().get("total").asInt());
  }

  @Test
  void invalidEntitiesGetEveryProblemWithItsFieldPath() {
    TestServer.Response r =
        s.json(
            "POST",
            "/api/v1/projects",
            "{\"name\":\"\",\"sectors\":[\"ai\",\"nope\"],\"stage\":\"teen\",\"location\":{\"district\":\"xx\",\"lat\":36.1},"
                + "\"fundingNeed\":-5,\"employees\":1.5,\"founder\":{\"groups\":[\"alien\"]},\"colour\":\"red\"}");
    assertProblem(r, 400);
    assertEquals(
        List.of(
                "name",
                "sectors[1]",
                "stage",
                "location.district",
                "location.lon",
                "founder.groups[0]",
                "fundingNeed",
                "employees",
                "colour")
            .stream()
            .sorted()
            .toList(),
        fields(r).stream().sorted().toList());
    assertTrue(r.body().contains("must be one of seed, startup, growth, mature"));
    assertTrue(r.body().contains("unknown district 'xx'"));
  }

  @Test
  void transportErrorsAreProblemDocuments() {
    assertProblem(
        s.send("POST", "/api/v1/projects", "text/plain", PROJECT.getBytes(StandardCharsets.UTF_8)),
        415);
    assertProblem(
        s.send("POST", "/api/v1/projects", null, PROJECT.getBytes(StandardCharsets.UTF_8)), 415);
    assertProblem(s.json("POST", "/api/v1/projects", "{\"name\": "), 400);
    assertProblem(s.json("POST", "/api/v1/projects", "[1,2]"), 400);
    assertProblem(s.json("POST", "/api/v1/projects", "{\"name\":\"a\",\"name\":\"b\"}"), 400);
    assertProblem(
        s.send(
            "POST",
            "/api/v1/projects",
            "application/json",
            new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}),
        400);
    assertProblem(
        s.json("POST", "/api/v1/projects", "{\"name\":\"" + "海".repeat(400_000) + "\"}"), 413);
    assertProblem(s.get("/api/v1/unicorns"), 404);
    assertProblem(
        s.send(
            "PATCH",
            "/api/v1/projects/h-1",
            "application/json",
            "{}".getBytes(StandardCharsets.UTF_8)),
        405);
    assertProblem(s.get("/api/v1/projects/..%2F..%2Fetc%2Fpasswd"), 400);
    assertProblem(s.json("PUT", "/api/v1/projects/h-1", PROJECT, "If-Match", "soon"), 400);
  }

  @Test
  void importReportsEachBadLineAndAtomicAppliesNothing() throws Exception {
    byte[] body =
        Files.readAllBytes(Path.of("..", "datasets", "fixtures", "projects-with-errors.jsonl"));
    TestServer.Response atomic = s.ndjson("/api/v1/projects/import?atomic=true", body);
    assertProblem(atomic, 400);
    assertTrue(fields(atomic).contains("lines[2].stage"), fields(atomic).toString());
    assertTrue(fields(atomic).contains("lines[4]"), fields(atomic).toString());
    assertEquals(0, s.get("/health").json().get("store").get("projects").asInt());

    TestServer.Response r = s.ndjson("/api/v1/projects/import", body);
    assertEquals(200, r.status(), r.body());
    JsonNode report = r.json();
    assertEquals(4, report.get("received").asInt());
    assertEquals(2, report.get("applied").asInt());
    assertEquals(2, report.get("rejected").asInt());
    assertEquals(2, report.get("errors").get(0).get("line").asInt());
    assertEquals(4, report.get("errors").get(1).get("line").asInt());
    assertEquals(2, s.get("/api/v1/projects").json().get("total").asInt());
    assertProblem(s.send("POST", "/api/v1/projects/import", "application/json", body), 415);
    assertProblem(s.ndjson("/api/v1/projects/import?atomic=maybe", body), 400);
  }

  @Test
  void importLargerThanTheLimitIs413AndWritesNothing() throws Exception {
    s.close();
    s = new TestServer(TestServer.config(dir).withLimits(4096, 8192));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 200; i++) b.append(PROJECT.replace("h-1", "big-" + i)).append('\n');
    assertProblem(
        s.ndjson("/api/v1/projects/import", b.toString().getBytes(StandardCharsets.UTF_8)), 413);
    assertEquals(0, s.get("/health").json().get("storeSeq").asInt());
  }

  @Test
  void searchValidatesParametersAndPagesDeterministically() {
    s.ndjson("/api/v1/projects/import", readFixture("projects.jsonl"));
    assertProblem(s.get("/api/v1/projects?size=1000"), 400);
    assertProblem(s.get("/api/v1/projects?page=0"), 400);
    assertProblem(s.get("/api/v1/projects?page=200&size=100"), 400);
    assertProblem(s.get("/api/v1/projects?kind=bank"), 400);
    assertProblem(s.get("/api/v1/projects?q=" + "a".repeat(300)), 400);
    assertProblem(s.get("/api/v1/mentors?status=active"), 400);
    JsonNode all = s.get("/api/v1/projects?size=100").json();
    assertEquals(10, all.get("total").asInt());
    JsonNode p1 = s.get("/api/v1/projects?size=3&page=1").json();
    JsonNode p4 = s.get("/api/v1/projects?size=3&page=4").json();
    assertEquals("fx-p-01", p1.get("items").get(0).get("id").asText());
    assertEquals(1, p4.get("items").size());
    assertEquals("fx-p-10", p4.get("items").get(0).get("id").asText());
    JsonNode narrowed = s.get("/api/v1/projects?district=shinan,shibei&stage=seed").json();
    assertEquals(2, narrowed.get("total").asInt());
    assertEquals(2, narrowed.get("facets").get("stage").get("seed").asInt());
  }

  @Test
  void openApiDocumentListsEveryRoute() {
    JsonNode doc = s.get("/openapi.json").json();
    assertEquals("3.1.0", doc.get("openapi").asText());
    for (App.Route route :
        App.routes(ApiConfig.defaults(), Services.of(s.catalog, TestServer.TAXONOMY))) {
      JsonNode path = doc.get("paths").get(route.path());
      assertNotNull(path, "OpenAPI lacks " + route.path());
      JsonNode op = path.get(route.method().name().toLowerCase());
      assertNotNull(op, "OpenAPI lacks " + route.method() + " " + route.path());
      String where = route.method() + " " + route.path();
      assertTrue(op.path("tags").size() == 1, where + ": one tag");
      assertTrue(op.hasNonNull("summary"), where + ": a summary");
      assertTrue(op.path("responses").has("429"), where + ": 429");
      // security as access control sees the route: anonymous only where the route is public
      boolean anonymous =
          route.operation() == cn.qingdao.peipao.api.http.Operation.PUBLIC
              || route.operation() == cn.qingdao.peipao.api.http.Operation.CALCULATE;
      boolean documentedAnonymous = false;
      for (JsonNode req : op.path("security")) documentedAnonymous |= req.isEmpty();
      assertEquals(anonymous, documentedAnonymous, where + ": anonymous access as documented");
      if (!anonymous)
        for (String status : List.of("401", "403", "503"))
          assertTrue(op.path("responses").has(status), where + ": " + status);
    }
    // servers names the address the caller reached, not a fixed host
    assertEquals(s.base, doc.at("/servers/0/url").asText());
  }

  private static byte[] readFixture(String name) {
    try {
      return Files.readAllBytes(Path.of("..", "datasets", "fixtures", name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

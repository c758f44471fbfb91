package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cohort allocation over HTTP on the demo data: drafts in both modes, publishing, assignments. */
class AllocationHttpTest {
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

  static String cohort(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> String.format("\"syn-p-%05d\"", i))
        .collect(Collectors.joining(",", "[", "]"));
  }

  static JsonNode created(TestServer.Response r) {
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  @Test
  void aCohortOf200GoesToMentorsInBothModes() {
    String body =
        "{\"projects\":" + cohort(1, 200) + ",\"counterpart\":\"mentors\",\"mode\":\"%s\"}";
    JsonNode stable = created(s.json("POST", "/api/v1/allocations", body.formatted("stable")));
    JsonNode cover = created(s.json("POST", "/api/v1/allocations", body.formatted("coverage")));
    assertEquals("draft", stable.get("status").asText());
    assertEquals(0, stable.at("/stats/blockingPairs").asLong());
    assertEquals(200, stable.at("/stats/projects").asInt());
    int stableAssigned = stable.at("/stats/assigned").asInt();
    int coverAssigned = cover.at("/stats/assigned").asInt();
    assertTrue(coverAssigned >= stableAssigned, coverAssigned + " < " + stableAssigned);
    assertTrue(stableAssigned > 100, "the demo mentors serve most of the cohort");
    JsonNode first = cover.get("assignments").get(0);
    assertTrue(first.get("score").asDouble() >= 0.3);
    assertTrue(first.get("components").has("reciprocal"));
    assertTrue(first.get("reasons").size() > 0);
    for (JsonNode u : cover.get("unassigned")) {
      assertTrue(u.get("reasons").get(0).asText().startsWith("无"), u.toString());
    }
    // stored, and read back as shown
    assertEquals(cover, TestServer.ok(s.get("/api/v1/allocations/" + cover.get("id").asText())));
  }

  @Test
  void publishingCreatesAssignmentsThatCanBeListedAndEnded() {
    String body =
        "{\"projects\":" + cohort(301, 340) + ",\"counterpart\":\"mentors\",\"mode\":\"coverage\"}";
    JsonNode draft = created(s.json("POST", "/api/v1/allocations", body));
    JsonNode later = created(s.json("POST", "/api/v1/allocations", body));
    String id = draft.get("id").asText();
    JsonNode published =
        TestServer.ok(s.json("POST", "/api/v1/allocations/" + id + "/publish", ""));
    assertEquals("published", published.get("status").asText());
    assertEquals(409, s.json("POST", "/api/v1/allocations/" + id + "/publish", "").status());
    TestServer.Response stale =
        s.json("POST", "/api/v1/allocations/" + later.get("id").asText() + "/publish", "");
    assertEquals(409, stale.status(), stale.body());
    assertTrue(stale.json().get("detail").asText().contains("stale"), stale.body());

    JsonNode a = published.get("assignments").get(0);
    String mentor = a.get("counterpartId").asText();
    JsonNode ofMentor = TestServer.ok(s.get("/api/v1/mentors/" + mentor + "/assignments"));
    assertTrue(ofMentor.get("total").asInt() >= 1);
    JsonNode ofProject =
        TestServer.ok(s.get("/api/v1/projects/" + a.get("projectId").asText() + "/assignments"));
    assertEquals(a.get("assignmentId").asText(), ofProject.at("/items/0/id").asText());
    assertEquals(mentor, ofProject.at("/items/0/counterpartId").asText());

    // the same cohort again: its projects are already assigned
    JsonNode again = created(s.json("POST", "/api/v1/allocations", body));
    assertEquals(published.get("assignments").size(), again.get("alreadyAssigned").size());

    String asg = a.get("assignmentId").asText();
    JsonNode ended = TestServer.ok(s.json("POST", "/api/v1/assignments/" + asg + "/end", ""));
    assertEquals("ended", ended.get("status").asText());
    assertEquals(409, s.json("POST", "/api/v1/assignments/" + asg + "/end", "").status());
    JsonNode all =
        TestServer.ok(
            s.get("/api/v1/projects/" + a.get("projectId").asText() + "/assignments?status=all"));
    assertEquals("ended", all.at("/items/0/status").asText());
    assertEquals(
        0,
        TestServer.ok(s.get("/api/v1/projects/" + a.get("projectId").asText() + "/assignments"))
            .get("total")
            .asInt());
  }

  @Test
  void aFilterSelectsTheCohort() {
    JsonNode parks =
        created(
            s.json(
                "POST",
                "/api/v1/allocations",
                "{\"filter\":{\"district\":[\"laoshan\"]},\"counterpart\":\"parks\",\"mode\":\"coverage\"}"));
    assertTrue(parks.at("/stats/projects").asInt() > 0);
    assertEquals("parks", parks.get("counterpart").asText());
  }

  @Test
  void badRequestsNameTheField() {
    record Case(String body, String field) {}
    for (Case c :
        List.of(
            new Case("{\"counterpart\":\"mentors\"}", "projects"),
            new Case(
                "{\"projects\":[\"syn-p-00001\"],\"filter\":{},\"counterpart\":\"mentors\"}",
                "projects"),
            new Case("{\"projects\":[],\"counterpart\":\"mentors\"}", "projects"),
            new Case(
                "{\"projects\":[\"syn-p-00001\",\"nope\"],\"counterpart\":\"mentors\"}",
                "projects[1]"),
            new Case(
                "{\"projects\":[\"syn-p-00001\"],\"counterpart\":\"investors\"}", "counterpart"),
            new Case(
                "{\"projects\":[\"syn-p-00001\"],\"counterpart\":\"mentors\",\"mode\":\"fair\"}",
                "mode"),
            new Case(
                "{\"projects\":[\"syn-p-00001\"],\"counterpart\":\"mentors\",\"minScore\":2}",
                "minScore"),
            new Case(
                "{\"projects\":[\"syn-p-00001\"],\"counterpart\":\"mentors\",\"profile\":\"nope\"}",
                "profile"),
            new Case(
                "{\"filter\":{\"district\":[\"atlantis\"]},\"counterpart\":\"parks\"}",
                "filter.district[0]"),
            new Case(
                "{\"filter\":{\"colour\":[\"red\"]},\"counterpart\":\"parks\"}",
                "filter.colour"))) {
      TestServer.Response r = s.json("POST", "/api/v1/allocations", c.body());
      assertEquals(400, r.status(), c.body() + " → " + r.body());
      assertTrue(HttpApiTest.fields(r).contains(c.field()), c.body() + " → " + r.body());
    }
    assertEquals(404, s.get("/api/v1/allocations/alloc-nope").status());
    assertEquals(404, s.json("POST", "/api/v1/assignments/asg-nope/end", "").status());
    assertEquals(404, s.get("/api/v1/mentors/nope/assignments").status());
    assertEquals(400, s.get("/api/v1/projects/syn-p-00001/assignments?status=old").status());
  }
}

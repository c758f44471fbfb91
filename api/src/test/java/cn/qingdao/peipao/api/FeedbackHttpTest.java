package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback over HTTP: rejected pairs leave the subject's recommendations, accepts pair up. */
class FeedbackHttpTest {
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

  static TestServer.Response event(String subject, String target, String action, String more) {
    return s.json(
        "POST",
        "/api/v1/feedback",
        "{\"subjectType\":\"projects\",\"subjectId\":\"%s\",\"targetType\":\"mentors\",\"targetId\":\"%s\",\"action\":\"%s\"%s}"
            .formatted(subject, target, action, more));
  }

  static List<String> mentorsFor(String project) {
    List<String> out = new ArrayList<>();
    for (JsonNode i :
        TestServer.ok(
                s.get("/api/v1/projects/" + project + "/recommendations?target=mentors&limit=100"))
            .get("items")) out.add(i.get("id").asText());
    return out;
  }

  @Test
  void aRejectedMentorIsNotRecommendedAgainUntilAccepted() {
    String p = "syn-p-00112";
    List<String> before = mentorsFor(p);
    String first = before.get(0);
    assertEquals(201, event(p, first, "reject", ",\"profile\":\"default\",\"rank\":1").status());
    List<String> after = mentorsFor(p);
    assertTrue(!after.contains(first), first + " still recommended: " + after);
    assertEquals(before.get(1), after.get(0));
    // another project still gets it
    assertTrue(mentorsFor("syn-p-00113").size() > 0);
    JsonNode listed = TestServer.ok(s.get("/api/v1/feedback?subjectId=" + p + "&action=reject"));
    assertEquals(first, listed.at("/items/0/targetId").asText());
  }

  @Test
  void anAcceptPairsTheProjectWithTheMentorOnce() {
    String p = "syn-p-00120";
    String m = mentorsFor(p).get(0);
    JsonNode accepted = event(p, m, "accept", "").json();
    assertTrue(accepted.has("assignmentId"), accepted.toString());
    JsonNode ofProject = TestServer.ok(s.get("/api/v1/projects/" + p + "/assignments"));
    assertEquals(m, ofProject.at("/items/0/counterpartId").asText());
    JsonNode shown =
        TestServer.ok(s.get("/api/v1/projects/" + p + "/recommendations?target=mentors&limit=100"));
    for (JsonNode i : shown.get("items"))
      if (i.get("id").asText().equals(m)) assertEquals("assigned", i.get("relation").asText());
    JsonNode again = event(p, m, "accept", "").json();
    assertEquals("已建立陪跑关系", again.get("note").asText(), again.toString());
    assertEquals(
        1, TestServer.ok(s.get("/api/v1/projects/" + p + "/assignments")).get("total").asInt());
    // one mentor at a time, as allocation decides: a second mentor's accept is recorded, unpaired
    String m2 = mentorsFor(p).stream().filter(x -> !x.equals(m)).findFirst().orElseThrow();
    JsonNode second = event(p, m2, "accept", "").json();
    assertTrue(!second.has("assignmentId"), second.toString());
    assertTrue(second.get("note").asText().contains(m), second.toString());
    JsonNode firstAgain = event(p, m, "accept", "").json();
    assertEquals("已建立陪跑关系", firstAgain.get("note").asText(), firstAgain.toString());
    assertEquals(
        1, TestServer.ok(s.get("/api/v1/projects/" + p + "/assignments")).get("total").asInt());
  }

  @Test
  void anAcceptedInvestorIsShownAsAnExistingRelation() {
    String p = "syn-p-00140";
    JsonNode first =
        TestServer.ok(s.get("/api/v1/projects/" + p + "/recommendations?target=investors&limit=5"));
    String i = first.at("/items/0/id").asText();
    assertTrue(!first.at("/items/0").has("relation"));
    TestServer.Response r =
        s.json(
            "POST",
            "/api/v1/feedback",
            "{\"subjectType\":\"projects\",\"subjectId\":\"%s\",\"targetType\":\"investors\",\"targetId\":\"%s\",\"action\":\"accept\"}"
                .formatted(p, i));
    assertEquals("recorded as an accepted relation", r.json().get("note").asText());
    JsonNode after =
        TestServer.ok(s.get("/api/v1/projects/" + p + "/recommendations?target=investors&limit=5"));
    assertEquals(i, after.at("/items/0/id").asText());
    assertEquals("accepted", after.at("/items/0/relation").asText());
  }

  @Test
  void profilesReportTheFeedbackTheyEarned() {
    for (int i = 0; i < 4; i++)
      assertEquals(
          201,
          event(
                  "syn-p-00130",
                  "syn-m-0000" + (i + 1),
                  "impression",
                  ",\"profile\":\"default\",\"rank\":" + (i + 1))
              .status());
    assertEquals(
        201,
        event("syn-p-00130", "syn-m-00001", "click", ",\"profile\":\"default\",\"rank\":1")
            .status());
    JsonNode profiles = TestServer.ok(s.get("/api/v1/profiles"));
    JsonNode mine = null;
    for (JsonNode p : profiles.get("items"))
      if (p.get("direction").asText().equals("project-mentors")
          && p.get("name").asText().equals("default")) mine = p;
    assertTrue(mine != null, profiles.toString());
    assertTrue(mine.at("/feedback/impression").asInt() >= 4, mine.toString());
    assertTrue(mine.at("/feedback/clickThrough").asDouble() > 0, mine.toString());
    assertTrue(mine.get("weights").has("sector"));
  }

  @Test
  void badEventsNameTheField() {
    assertTrue(
        HttpApiTest.fields(event("syn-p-00001", "syn-m-00001", "like", "")).contains("action"));
    assertTrue(
        HttpApiTest.fields(event("syn-p-00001", "syn-m-00001", "click", ",\"rank\":0"))
            .contains("rank"));
    TestServer.Response wrongWay =
        s.json(
            "POST",
            "/api/v1/feedback",
            "{\"subjectType\":\"policies\",\"subjectId\":\"pol-cdb-personal\",\"targetType\":\"mentors\",\"targetId\":\"syn-m-00001\",\"action\":\"click\"}");
    assertTrue(HttpApiTest.fields(wrongWay).contains("targetType"), wrongWay.body());
    assertEquals(404, event("syn-p-00001", "no-such-mentor", "click", "").status());
    assertEquals(400, s.get("/api/v1/feedback?action=like").status());
  }

  @Test
  void anUnknownProfileIsABadRequestNamingIt() {
    TestServer.Response r = event("syn-p-00130", "syn-m-00001", "click", ",\"profile\":\"nosuch\"");
    assertEquals(400, r.status(), r.body());
    assertTrue(r.body().contains("profile") && r.body().contains("nosuch"), r.body());
    // the shipped ones, with or without their version, are fine
    assertEquals(
        201, event("syn-p-00130", "syn-m-00001", "click", ",\"profile\":\"text-heavy\"").status());
    assertEquals(
        201, event("syn-p-00130", "syn-m-00001", "click", ",\"profile\":\"default@1\"").status());
  }
}

package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.model.EntityType;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people did, over HTTP: after projects like a subject met a mentor (the project side's
 * positive feedback; its accept or a published allocation counts the same), the subject's
 * recommendations give that mentor a related value, rank it higher and say why; a subject nothing
 * is known of keeps its ranking.
 */
class RelatedHttpTest {
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

  static JsonNode recommendations(String project, String target) {
    return TestServer.ok(
        s.get("/api/v1/projects/" + project + "/recommendations?target=" + target + "&limit=100"));
  }

  static List<String> ids(JsonNode answer) {
    List<String> out = new ArrayList<>();
    for (JsonNode i : answer.get("items")) out.add(i.get("id").asText());
    return out;
  }

  static JsonNode item(JsonNode answer, String id) {
    for (JsonNode i : answer.get("items")) if (i.get("id").asText().equals(id)) return i;
    throw new AssertionError(id + " not in " + ids(answer));
  }

  @Test
  void projectsLikeTheSubjectThatAcceptedAMentorRaiseItAndSaySo() {
    // five projects alike (the same sector, district and stage); rel-p-0 asks
    for (int i = 0; i <= 4; i++)
      assertEquals(
          201,
          s.json("PUT", "/api/v1/projects/rel-p-" + i, TestServer.projectJson("rel-p-" + i))
              .status());
    String sector = TestServer.ok(s.get("/api/v1/projects/rel-p-0")).at("/sectors/0").asText();
    String cold = null;
    for (int i = 150; cold == null; i++) {
      String id = String.format("syn-p-%05d", i);
      JsonNode p = TestServer.ok(s.get("/api/v1/projects/" + id));
      if (!p.at("/sectors/0").asText().equals(sector)) cold = id;
    }
    List<String> coldOrder = ids(recommendations(cold, "mentors"));
    JsonNode before = recommendations("rel-p-0", "mentors");
    List<String> order = ids(before);
    assertTrue(order.size() > 30, "enough mentors to choose from: " + order.size());
    String chosen = order.get(25);
    assertEquals(0.0, item(before, chosen).at("/components/related").asDouble(), order.toString());
    for (int i = 1; i <= 4; i++)
      assertEquals(
          201,
          s.json(
                  "POST",
                  "/api/v1/feedback",
                  "{\"subjectType\":\"projects\",\"subjectId\":\"rel-p-%d\",\"targetType\":\"mentors\",\"targetId\":\"%s\",\"action\":\"meeting_held\"}"
                      .formatted(i, chosen))
              .status());
    s.services.relations().refresh(EntityType.MENTORS); // as the next rebuild would
    JsonNode after = recommendations("rel-p-0", "mentors");
    JsonNode m = item(after, chosen);
    assertEquals(1.0, m.at("/components/related").asDouble(), m.toString());
    assertTrue(m.get("reasons").toString().contains("与您相似的项目曾由该导师辅导"), m.get("reasons").toString());
    assertTrue(
        ids(after).indexOf(chosen) < 25,
        "ranked higher than 26th: " + ids(after).indexOf(chosen) + " " + m);
    // the ranking and components are those of the reference (every mentor scored exactly)
    for (JsonNode i : after.get("items"))
      if (!i.get("id").asText().equals(chosen))
        assertTrue(i.at("/components/related").asDouble() < 1.0, i.toString());
    // a project of another sector, with no relation of its own: nothing related, same order
    assertEquals(coldOrder, ids(recommendations(cold, "mentors")));
    for (JsonNode i : recommendations(cold, "mentors").get("items"))
      assertEquals(0.0, i.at("/components/related").asDouble(), i.toString());
  }
}

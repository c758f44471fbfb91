package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events over HTTP on the demo's series: validation names the field, search narrows by start date
 * and status, a project is recommended only events it can still sign up for (when and where in the
 * reasons), and an event is recommended projects to invite.
 */
class EventsHttpTest {
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

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

  static ObjectNode event() {
    ObjectNode e =
        (ObjectNode) Json.parse(TestServer.ok(s.get("/api/v1/events/ev-malanhua-camp")).toString());
    e.remove("version");
    e.remove("updatedAt");
    e.put("id", "ev-test-" + System.nanoTime());
    return e;
  }

  @Test
  void badTimesAreNamed() {
    String[][] cases = {
      {"end", "2020-01-01T09:00:00+08:00"},
      {"registrationDeadline", "2099-01-01T09:00:00+08:00"},
      {"start", "明天上午"},
      {"capacity", "0"},
    };
    for (String[] c : cases) {
      ObjectNode e = event();
      if (c[0].equals("capacity")) e.put("capacity", 0);
      else e.put(c[0], c[1]);
      TestServer.Response r = s.json("POST", "/api/v1/events", Json.write(e));
      assertEquals(400, r.status(), r.body());
      assertEquals(c[0], r.json().at("/errors/0/field").asText(), r.body());
    }
    assertEquals(201, s.json("POST", "/api/v1/events", Json.write(event())).status());
  }

  @Test
  void searchNarrowsByStartDateAndStatus() {
    LocalDate today = LocalDate.now(BEIJING);
    JsonNode week =
        TestServer.ok(s.get("/api/v1/events?size=100&from=" + today + "&to=" + today.plusDays(7)));
    assertTrue(week.get("total").asInt() > 0);
    for (JsonNode h : week.get("items")) {
      LocalDate start =
          java.time.OffsetDateTime.parse(h.at("/entity/start").asText())
              .atZoneSameInstant(BEIJING)
              .toLocalDate();
      assertFalse(start.isBefore(today) || start.isAfter(today.plusDays(7)), h.toString());
    }
    JsonNode cancelled = TestServer.ok(s.get("/api/v1/events?status=cancelled"));
    assertEquals(1, cancelled.get("total").asInt());
    assertEquals(400, s.get("/api/v1/mentors?from=" + today).status());
    assertEquals(400, s.get("/api/v1/events?from=" + today + "&to=" + today.minusDays(1)).status());
  }

  @Test
  void aProjectIsRecommendedOnlyEventsItCanStillJoin() {
    Set<String> seen = new HashSet<>();
    for (int i = 1; i <= 40; i++) {
      String p = String.format("syn-p-%05d", i);
      TestServer.Response r =
          s.get("/api/v1/projects/" + p + "/recommendations?target=events&limit=20");
      if (r.status() != 200) continue; // an inactive project gets none
      for (JsonNode item : r.json().get("items")) {
        String id = item.get("id").asText();
        seen.add(id);
        JsonNode e = TestServer.ok(s.get("/api/v1/events/" + id));
        assertEquals("open", e.get("status").asText(), id);
        Instant deadline =
            java.time.OffsetDateTime.parse(e.get("registrationDeadline").asText()).toInstant();
        assertTrue(
            !deadline
                .atZone(java.time.ZoneOffset.UTC)
                .toLocalDate()
                .isBefore(LocalDate.now(java.time.ZoneOffset.UTC)),
            id + " closed its sign-up");
        assertTrue(item.get("components").has("time"), item.toString());
        assertTrue(item.get("components").has("organiser"), item.toString());
        assertTrue(
            item.get("reasons").toString().matches(".*(今天|明天|\\d+ 天后).*"),
            item.get("reasons").toString());
      }
    }
    assertFalse(seen.isEmpty());
    for (String never : Set.of("ev-cancelled", "ev-past-lesson", "ev-salon-closed"))
      assertFalse(seen.contains(never), never + " was recommended");
  }

  @Test
  void aSignUpTakesASeatAndLeavesTheProjectsRecommendations() {
    // the project's best event, signed up for over HTTP, is no longer recommended to it
    String project = null;
    String best = null;
    for (int i = 1; i <= 40 && best == null; i++) {
      String p = String.format("syn-p-%05d", i);
      TestServer.Response r = s.get("/api/v1/projects/" + p + "/recommendations?target=events");
      if (r.status() == 200 && r.json().get("items").size() > 0) {
        project = p;
        best = r.json().at("/items/0/id").asText();
      }
    }
    String body = "{\"projectId\":\"" + project + "\"}";
    TestServer.Response signed = s.json("POST", "/api/v1/events/" + best + "/registrations", body);
    assertEquals(201, signed.status(), signed.body());
    assertEquals(409, s.json("POST", "/api/v1/events/" + best + "/registrations", body).status());
    JsonNode after =
        TestServer.ok(
            s.get("/api/v1/projects/" + project + "/recommendations?target=events&limit=100"));
    for (JsonNode item : after.get("items")) assertFalse(item.get("id").asText().equals(best));
    JsonNode roster = TestServer.ok(s.get("/api/v1/events/" + best + "/registrations"));
    assertEquals(1, roster.get("registered").asInt());
    assertEquals(
        1,
        TestServer.ok(s.get("/api/v1/projects/" + project + "/registrations"))
            .get("total")
            .asInt());
    // cancelled and past events refuse sign-ups
    assertEquals(409, s.json("POST", "/api/v1/events/ev-cancelled/registrations", body).status());
    assertEquals(409, s.json("POST", "/api/v1/events/ev-past-lesson/registrations", body).status());
    assertEquals(
        409, s.json("POST", "/api/v1/events/ev-salon-closed/registrations", body).status());
    // an event people signed up for is cancelled, not deleted under them
    assertEquals(409, s.send("DELETE", "/api/v1/events/" + best, null, null).status());
    // its seat cannot be cut away: a capacity below the seats taken is refused
    ObjectNode cut = (ObjectNode) TestServer.ok(s.get("/api/v1/events/" + best));
    cut.remove("version");
    cut.remove("updatedAt");
    cut.put("capacity", 1);
    String second = null;
    for (JsonNode h : TestServer.ok(s.get("/api/v1/projects?status=active&size=5")).get("items"))
      if (second == null && !h.get("id").asText().equals(project)) second = h.get("id").asText();
    assertEquals(
        201,
        s.json(
                "POST",
                "/api/v1/events/" + best + "/registrations",
                "{\"projectId\":\"" + second + "\"}")
            .status());
    TestServer.Response refused = s.json("PUT", "/api/v1/events/" + best, Json.write(cut));
    assertEquals(409, refused.status(), refused.body());
    assertTrue(refused.json().get("detail").asText().startsWith("capacity:"), refused.body());
    assertEquals(
        200,
        s.send("DELETE", "/api/v1/events/" + best + "/registrations/" + project, null, null)
            .status());
  }

  @Test
  void anEventIsRecommendedProjectsToInvite() {
    JsonNode r =
        TestServer.ok(s.get("/api/v1/events/ev-yuanlai-roadshow/recommendations?limit=10"));
    assertTrue(r.get("items").size() > 0);
    for (JsonNode item : r.get("items")) assertTrue(item.get("id").asText().startsWith("syn-p-"));
    // a cancelled event invites no one
    assertEquals(
        0,
        TestServer.ok(s.get("/api/v1/events/ev-cancelled/recommendations")).get("total").asInt());
  }
}

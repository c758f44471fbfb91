package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ticket's whole life over HTTP, each step by the role that takes it: the founder raises a need,
 * the admin assigns a mentor who offers it, the mentor answers and resolves, the founder rates and
 * closes, and reopens; every other role is refused or told nothing, every illegal move is a 409.
 */
class TicketHttpTest {
  @TempDir static Path dir;
  static TestServer s;
  static String project;
  static String mentor;
  static String otherMentor;
  static String noFinance;

  static final String ADMIN = "admin-ticket-key-0123456789";
  static final String PORTAL = "portal-ticket-key-0123456789";
  static final String FOUNDER = "founder-ticket-key-0123456789";
  static final String MENTOR = "mentor-ticket-key-0123456789";
  static final String OTHER = "other-mentor-ticket-key-0123456789";
  static final String PARK = "park-ticket-key-0123456789";

  @BeforeAll
  static void start() {
    List<ObjectNode> projects = QingdaoDataset.demo(EntityType.PROJECTS, TestServer.TAXONOMY);
    project =
        projects.stream()
            .filter(p -> p.path("status").asText("active").equals("active"))
            .filter(p -> p.path("consent").path("mentors").asBoolean())
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();
    List<String> finance = new ArrayList<>();
    for (ObjectNode m : QingdaoDataset.demo(EntityType.MENTORS, TestServer.TAXONOMY)) {
      boolean offers = m.get("services").toString().contains("\"finance\"");
      if (offers) finance.add(m.get("id").asText());
      else if (noFinance == null) noFinance = m.get("id").asText();
    }
    mentor = finance.get(0);
    otherMentor = finance.get(1);
    String keys =
        """
        [{"name":"ops","role":"admin","key":"%s"},{"name":"portal","role":"portal","key":"%s"},
         {"name":"founder","role":"founder","key":"%s","entity":"%s"},
         {"name":"mentor","role":"mentor","key":"%s","entity":"%s"},
         {"name":"other","role":"mentor","key":"%s","entity":"%s"},
         {"name":"park","role":"park","key":"%s","entity":"k-shaohaihui"}]"""
            .formatted(ADMIN, PORTAL, FOUNDER, project, MENTOR, mentor, OTHER, otherMentor, PARK);
    s = TestServer.withDemoData(dir, new KeyAccessControl(ApiKeys.read(Json.parse(keys))));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Response as(String key, String method, String path, String body) {
    return s.send(
        method,
        path,
        body == null ? null : "application/json",
        body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "Authorization",
        "Bearer " + key);
  }

  static JsonNode ok(TestServer.Response r, int status) {
    assertEquals(status, r.status(), r.body());
    return r.json();
  }

  @Test
  void aNeedIsAnsweredResolvedRatedClosedAndReopenedEachByItsRole() {
    String raise =
        "{\"projectId\":\"" + project + "\",\"need\":\"finance\",\"text\":\"需要一笔创业担保贷款\"}";
    JsonNode opened = ok(as(FOUNDER, "POST", "/api/v1/tickets", raise), 201);
    String id = opened.at("/ticket/id").asText();
    assertEquals("founder", opened.at("/ticket/channel").asText());
    assertEquals("open", opened.at("/ticket/status").asText());
    assertEquals("金融助力陪跑团", opened.get("team").asText());
    assertFalse(opened.get("candidates").isEmpty(), "ranked responders with reasons");
    // the same need again is the same ticket
    assertEquals(
        id, ok(as(FOUNDER, "POST", "/api/v1/tickets", raise), 200).at("/ticket/id").asText());
    // a founder key raises needs for its own project only
    String others = raise.replace(project, "syn-p-00399");
    assertEquals(403, as(FOUNDER, "POST", "/api/v1/tickets", others).status());
    assertEquals(403, as(PARK, "GET", "/api/v1/tickets", null).status());

    String t = "/api/v1/tickets/" + id;
    // only an admin assigns, and only someone who offers the need
    assertEquals(403, as(PORTAL, "POST", t + "/assign", assign(mentor)).status());
    TestServer.Response wrong = as(ADMIN, "POST", t + "/assign", assign(noFinance));
    assertEquals(400, wrong.status(), wrong.body());
    assertEquals(List.of("responder.id"), HttpApiTest.fields(wrong));
    assertEquals(
        409, as(ADMIN, "POST", t + "/respond", "{\"text\":\"x\"}").status(), "not assigned");
    JsonNode assigned = ok(as(ADMIN, "POST", t + "/assign", assign(mentor)), 200);
    assertEquals(mentor, assigned.at("/responder/id").asText());

    // the mentor sees it in its queue; another mentor neither sees nor answers it
    assertTrue(ok(as(MENTOR, "GET", "/api/v1/tickets", null), 200).toString().contains(id));
    assertFalse(ok(as(OTHER, "GET", "/api/v1/tickets", null), 200).toString().contains(id));
    assertEquals(404, as(OTHER, "GET", t, null).status());
    assertEquals(404, as(OTHER, "POST", t + "/respond", "{\"text\":\"我来\"}").status());
    assertEquals(403, as(FOUNDER, "POST", t + "/respond", "{\"text\":\"x\"}").status());

    JsonNode answered = ok(as(MENTOR, "POST", t + "/respond", "{\"text\":\"已联系农商银行\"}"), 200);
    assertEquals("responded", answered.get("status").asText());
    assertTrue(answered.has("firstResponseAt"));
    assertEquals(409, as(FOUNDER, "POST", t + "/rate", "{\"rating\":5}").status(), "not resolved");
    ok(as(MENTOR, "POST", t + "/resolve", "{\"outcome\":\"已获批30万元\"}"), 200);
    TestServer.Response outOfRange = as(FOUNDER, "POST", t + "/rate", "{\"rating\":6}");
    assertEquals(400, outOfRange.status());
    assertEquals(List.of("rating"), HttpApiTest.fields(outOfRange));
    assertEquals(
        5, ok(as(FOUNDER, "POST", t + "/rate", "{\"rating\":5}"), 200).get("rating").asInt());
    assertEquals("closed", ok(as(FOUNDER, "POST", t + "/close", null), 200).get("status").asText());
    // a new round: back to its responder, unanswered, with a new due time
    JsonNode reopened = ok(as(FOUNDER, "POST", t + "/reopen", "{\"reason\":\"还需要担保\"}"), 200);
    assertEquals("assigned", reopened.get("status").asText());
    assertFalse(reopened.has("firstResponseAt"), reopened.toString());
    assertFalse(reopened.has("rating"), reopened.toString());
    assertEquals(409, as(MENTOR, "POST", t + "/resolve", "{\"outcome\":\"x\"}").status());

    // every move, who and when
    JsonNode full = ok(as(PORTAL, "GET", t, null), 200);
    List<String> moves = new ArrayList<>();
    full.get("events")
        .forEach(e -> moves.add(e.get("action").asText() + ":" + e.get("actor").asText()));
    assertEquals(
        List.of(
            "open:founder",
            "assign:ops",
            "respond:mentor",
            "resolve:mentor",
            "rate:founder",
            "close:founder",
            "reopen:founder"),
        moves);
  }

  @Test
  void badInputNamesItsField() {
    TestServer.Response r =
        as(
            ADMIN,
            "POST",
            "/api/v1/tickets",
            "{\"projectId\":\"" + project + "\",\"need\":\"money\"}");
    assertEquals(400, r.status());
    assertTrue(HttpApiTest.fields(r).containsAll(List.of("text")), r.body());
    TestServer.Response need =
        as(
            ADMIN,
            "POST",
            "/api/v1/tickets",
            "{\"projectId\":\"" + project + "\",\"need\":\"money\",\"text\":\"x\"}");
    assertEquals(List.of("need"), HttpApiTest.fields(need));
    assertEquals(
        404,
        as(
                ADMIN,
                "POST",
                "/api/v1/tickets",
                "{\"projectId\":\"nope\",\"need\":\"finance\",\"text\":\"x\"}")
            .status());
    assertEquals(404, as(ADMIN, "GET", "/api/v1/tickets/t-none", null).status());
    assertEquals(400, as(ADMIN, "GET", "/api/v1/tickets?status=lost", null).status());
  }

  @Test
  void aMentorLogsSessionsAndItsPerformanceIsComputedFromTheRows() {
    String sessions = "/api/v1/mentors/" + mentor + "/sessions";
    String yesterday = java.time.LocalDate.now().minusDays(1).toString();
    String body =
        "{\"projectId\":\""
            + project
            + "\",\"date\":\""
            + yesterday
            + "\",\"hours\":1.5,\"topic\":\"融资路演辅导\",\"outcome\":\"修改了商业计划书\"}";
    assertEquals(201, as(MENTOR, "POST", sessions, body).status());
    assertEquals(201, as(MENTOR, "POST", sessions, body.replace("1.5", "2")).status());
    assertEquals(403, as(OTHER, "POST", sessions, body).status(), "another mentor's log");
    TestServer.Response future =
        as(MENTOR, "POST", sessions, body.replace(yesterday, "2099-01-01"));
    assertEquals(List.of("date"), HttpApiTest.fields(future));
    TestServer.Response tooLong = as(MENTOR, "POST", sessions, body.replace("1.5", "25"));
    assertEquals(List.of("hours"), HttpApiTest.fields(tooLong));
    JsonNode log = ok(as(PORTAL, "GET", sessions, null), 200);
    assertEquals(3.5, log.get("hours").asDouble(), 1e-9);

    // a ticket answered, resolved and rated: the figures follow from the rows
    String raise =
        "{\"projectId\":\""
            + project
            + "\",\"need\":\"finance\",\"text\":\"贷款\",\"channel\":\"hotline\"}";
    String id = ok(as(ADMIN, "POST", "/api/v1/tickets", raise), 201).at("/ticket/id").asText();
    String t = "/api/v1/tickets/" + id;
    ok(as(ADMIN, "POST", t + "/assign", assign(mentor)), 200);
    ok(as(MENTOR, "POST", t + "/respond", "{\"text\":\"在办\"}"), 200);
    ok(as(MENTOR, "POST", t + "/resolve", "{\"outcome\":\"已放款\"}"), 200);
    ok(as(FOUNDER, "POST", t + "/rate", "{\"rating\":4}"), 200);
    JsonNode perf = ok(as(MENTOR, "GET", "/api/v1/mentors/" + mentor + "/performance", null), 200);
    assertTrue(perf.get("ticketsAnswered").asInt() >= 1, perf.toString());
    assertTrue(perf.get("ticketsResolved").asInt() >= 1, perf.toString());
    assertEquals(2, perf.get("sessions").asInt());
    assertEquals(3.5, perf.get("sessionHours").asDouble(), 1e-9);
    assertTrue(perf.get("projectsAccompanied").asInt() >= 1);
    assertTrue(perf.at("/firstResponseHours/p50").asDouble() >= 0);
    assertEquals(1.0, perf.get("onTimeRate").asDouble(), 1e-9, "answered within the SLA");
    assertTrue(perf.get("ratings").asInt() >= 1);
    assertEquals(
        403, as(OTHER, "GET", "/api/v1/mentors/" + mentor + "/performance", null).status());
  }

  static String assign(String id) {
    return "{\"responder\":{\"type\":\"mentors\",\"id\":\"" + id + "\"}}";
  }
}

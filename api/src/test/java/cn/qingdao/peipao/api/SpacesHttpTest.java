package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 青创通 场地 over real HTTP with real keys: a park stocks its inventory and the park's free area
 * follows; founders book rooms for their projects, see whose bookings are theirs only, cancel them;
 * twelve clients racing for one slot get one booking; bad input is a 400 naming the field; a
 * move-in accepted by the park makes the project its tenant and takes the area off the market.
 */
class SpacesHttpTest {
  static final String PARK = "k-shaohaihui";
  static final String PARK_KEY = "park-spaces-key-0123456789";
  static final String FOUNDER_KEY = "founder-spaces-key-0123456789";
  static final String OTHER_FOUNDER_KEY = "founder2-spaces-key-0123456789";
  static final String ADMIN_KEY = "admin-spaces-key-0123456789";
  static final String PROJECT = "syn-p-00003";
  static final String OTHER_PROJECT = "syn-p-00004";

  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    String keys =
        "[{\"name\":\"park\",\"role\":\"park\",\"entity\":\""
            + PARK
            + "\",\"key\":\""
            + PARK_KEY
            + "\"},{\"name\":\"f1\",\"role\":\"founder\",\"entity\":\""
            + PROJECT
            + "\",\"key\":\""
            + FOUNDER_KEY
            + "\"},{\"name\":\"f2\",\"role\":\"founder\",\"entity\":\""
            + OTHER_PROJECT
            + "\",\"key\":\""
            + OTHER_FOUNDER_KEY
            + "\"},{\"name\":\"root\",\"role\":\"admin\",\"key\":\""
            + ADMIN_KEY
            + "\"}]";
    s = TestServer.withDemoData(dir, new KeyAccessControl(ApiKeys.read(Json.parse(keys))));
    TestServer.Response r =
        as(
            PARK_KEY,
            "PUT",
            "/api/v1/parks/" + PARK + "/spaces",
            "[{\"id\":\"o-1\",\"kind\":\"office\",\"name\":\"101\",\"area\":80,\"monthlyRent\":4000},"
                + "{\"id\":\"o-2\",\"kind\":\"office\",\"name\":\"102\",\"area\":40,\"status\":\"occupied\"},"
                + "{\"id\":\"mr\",\"kind\":\"meeting_room\",\"name\":\"会议室\",\"area\":30},"
                + "{\"id\":\"hall\",\"kind\":\"roadshow_hall\",\"name\":\"路演厅\",\"area\":300}]");
    assertEquals(200, r.status(), r.body());
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Response as(String key, String method, String path, String body) {
    return s.as(key, method, path, body);
  }

  static String slot(Instant start, int minutes, String project) {
    return "{\"spaceId\":\"mr\","
        + (project == null ? "" : "\"projectId\":\"" + project + "\",")
        + "\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plus(Duration.ofMinutes(minutes))
        + "\",\"purpose\":\"融资路演彩排\"}";
  }

  @Test
  void theInventoryIsWhatParkMatchingSees() {
    JsonNode inv = TestServer.ok(as(PARK_KEY, "GET", "/api/v1/parks/" + PARK + "/spaces", null));
    assertEquals(4, inv.get("spaces").asInt());
    JsonNode park = TestServer.ok(as(ADMIN_KEY, "GET", "/api/v1/parks/" + PARK, null));
    assertEquals(inv.get("areaAvailable").asLong(), park.get("areaAvailable").asLong());
  }

  @Test
  void foundersBookTheirOwnAndSeeOnlyTheirOwn() {
    Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
    TestServer.Response mine =
        as(FOUNDER_KEY, "POST", "/api/v1/parks/" + PARK + "/bookings", slot(start, 60, PROJECT));
    assertEquals(201, mine.status(), mine.body());
    String id = mine.json().get("id").asText();
    // another's project: refused, naming the field
    TestServer.Response theirs =
        as(
            FOUNDER_KEY,
            "POST",
            "/api/v1/parks/" + PARK + "/bookings",
            slot(start.plus(Duration.ofHours(2)), 60, OTHER_PROJECT));
    assertEquals(403, theirs.status());
    assertTrue(theirs.json().get("detail").asText().startsWith("projectId:"));
    // an overlap names the booking in the way
    TestServer.Response clash =
        as(
            OTHER_FOUNDER_KEY,
            "POST",
            "/api/v1/parks/" + PARK + "/bookings",
            slot(start.plus(Duration.ofMinutes(30)), 60, OTHER_PROJECT));
    assertEquals(409, clash.status());
    assertTrue(clash.json().get("detail").asText().contains(id), clash.body());
    String day = start.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
    String calendar = "/api/v1/parks/" + PARK + "/bookings?from=" + day + "&to=" + day;
    JsonNode own = TestServer.ok(as(FOUNDER_KEY, "GET", calendar, null)).get("items");
    JsonNode other = TestServer.ok(as(OTHER_FOUNDER_KEY, "GET", calendar, null)).get("items");
    assertEquals(PROJECT, find(own, id).get("projectId").asText());
    assertTrue(
        find(other, id).path("projectId").isMissingNode()
            || find(other, id).get("projectId").isNull());
    assertEquals(
        1,
        TestServer.ok(as(FOUNDER_KEY, "GET", "/api/v1/projects/" + PROJECT + "/bookings", null))
            .get("total")
            .asInt());
    // the other founder cannot cancel it (it does not exist for that key); its founder can, once
    assertEquals(
        404,
        as(OTHER_FOUNDER_KEY, "DELETE", "/api/v1/parks/" + PARK + "/bookings/" + id, null)
            .status());
    assertEquals(
        200, as(FOUNDER_KEY, "DELETE", "/api/v1/parks/" + PARK + "/bookings/" + id, null).status());
    assertEquals(
        409, as(FOUNDER_KEY, "DELETE", "/api/v1/parks/" + PARK + "/bookings/" + id, null).status());
    // the freed slot can be booked again
    assertEquals(
        201,
        as(
                OTHER_FOUNDER_KEY,
                "POST",
                "/api/v1/parks/" + PARK + "/bookings",
                slot(start, 60, OTHER_PROJECT))
            .status());
  }

  static JsonNode find(JsonNode items, String id) {
    for (JsonNode b : items) if (b.get("id").asText().equals(id)) return b;
    throw new AssertionError("booking " + id + " not in " + items);
  }

  @Test
  void twelveClientsRacingForOneSlotGetOneBooking() throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(9)).truncatedTo(ChronoUnit.HOURS);
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int shift = i % 3;
      Callable<Integer> call =
          () ->
              as(
                      PARK_KEY,
                      "POST",
                      "/api/v1/parks/" + PARK + "/bookings",
                      slot(start.plus(Duration.ofMinutes(15L * shift)), 45, null)
                          .replace("\"mr\"", "\"hall\""))
                  .status();
      answers.add(pool.submit(call));
    }
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : answers) statuses.add(f.get());
    pool.shutdown();
    assertEquals(1, statuses.stream().filter(x -> x == 201).count(), statuses.toString());
    assertEquals(11, statuses.stream().filter(x -> x == 409).count(), statuses.toString());
  }

  /**
   * Found by a black-box pass: answers to one key named projects it may not know — whom a freed
   * seat went to, who is a tenant of which office. Now each is told only to those who may know.
   */
  @Test
  void noAnswerNamesAnotherFoundersProject() {
    String ev = "/api/v1/events/ev-yuanlai-roadshow/registrations";
    assertEquals(201, as(FOUNDER_KEY, "POST", ev, "{\"projectId\":\"" + PROJECT + "\"}").status());
    int filled = 1;
    for (int i = 20; filled < 12; i++) {
      String p = String.format("syn-p-%05d", i);
      if (as(ADMIN_KEY, "POST", ev, "{\"projectId\":\"" + p + "\"}").status() == 201) filled++;
    }
    assertEquals(
        "waitlisted",
        as(OTHER_FOUNDER_KEY, "POST", ev, "{\"projectId\":\"" + OTHER_PROJECT + "\"}")
            .json()
            .get("status")
            .asText());
    JsonNode cancelled = TestServer.ok(as(FOUNDER_KEY, "DELETE", ev + "/" + PROJECT, null));
    assertEquals("registered", cancelled.at("/promoted/status").asText());
    assertTrue(
        cancelled.at("/promoted/projectId").isMissingNode()
            || cancelled.at("/promoted/projectId").isNull(),
        cancelled.toString());
    // the promoted founder sees its own seat
    assertEquals(
        "registered",
        TestServer.ok(
                as(
                    OTHER_FOUNDER_KEY,
                    "GET",
                    "/api/v1/projects/" + OTHER_PROJECT + "/registrations",
                    null))
            .at("/items/0/status")
            .asText());
    // the inventory hides tenants from keys that may not know them
    for (JsonNode x :
        TestServer.ok(as(OTHER_FOUNDER_KEY, "GET", "/api/v1/parks/" + PARK + "/spaces", null))
            .get("items"))
      assertTrue(
          x.path("tenantProjectId").isMissingNode() || x.get("tenantProjectId").isNull(),
          x.toString());
    assertEquals(404, as(ADMIN_KEY, "GET", "/api/v1/projects/nope/bookings", null).status());
    assertEquals(
        400,
        as(ADMIN_KEY, "GET", "/api/v1/parks/" + PARK + "/bookings?spaceId=nope", null).status());
  }

  @Test
  void badInputNamesTheField() {
    Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.HOURS);
    String path = "/api/v1/parks/" + PARK + "/bookings";
    String[][] cases = {
      {slot(start, 60, null).replace(start.toString(), "明天上午"), "start", "400"},
      {
        slot(start, 60, null)
            .replace(
                start.plus(Duration.ofMinutes(60)).toString(),
                start.minus(Duration.ofHours(1)).toString()),
        "end",
        "400"
      },
      {slot(start, 60, null).replace("\"mr\"", "\"nope\""), "spaceId", "400"},
      {slot(start, 60 * 30, null), "end", "400"},
      {slot(start, 60, null).replace("\"mr\"", "\"o-1\""), null, "409"},
      {slot(Instant.now().minus(Duration.ofDays(1)), 60, null), null, "409"},
    };
    for (String[] c : cases) {
      TestServer.Response r = as(PARK_KEY, "POST", path, c[0]);
      assertEquals(Integer.parseInt(c[2]), r.status(), c[0] + " -> " + r.body());
      if (c[1] != null) assertEquals(c[1], r.json().at("/errors/0/field").asText(), r.body());
    }
  }

  @Test
  void anAcceptedMoveInMakesATenantAndTakesTheAreaOffTheMarket() {
    TestServer.Response applied =
        as(
            FOUNDER_KEY,
            "POST",
            "/api/v1/parks/" + PARK + "/applications",
            "{\"projectId\":\""
                + PROJECT
                + "\",\"kinds\":[\"office\"],\"area\":60,\"note\":\"团队8人\"}");
    assertEquals(201, applied.status(), applied.body());
    String app = applied.json().get("id").asText();
    JsonNode pending =
        TestServer.ok(
            as(PARK_KEY, "GET", "/api/v1/parks/" + PARK + "/applications?status=pending", null));
    assertTrue(pending.get("items").toString().contains(app));
    long before =
        TestServer.ok(as(ADMIN_KEY, "GET", "/api/v1/parks/" + PARK, null))
            .get("areaAvailable")
            .asLong();
    TestServer.Response accepted =
        as(
            PARK_KEY,
            "POST",
            "/api/v1/parks/" + PARK + "/applications/" + app + "/decision",
            "{\"decision\":\"accept\",\"spaceIds\":[\"o-1\"]}");
    assertEquals(200, accepted.status(), accepted.body());
    assertEquals(
        before - 80,
        TestServer.ok(as(ADMIN_KEY, "GET", "/api/v1/parks/" + PARK, null))
            .get("areaAvailable")
            .asLong());
    JsonNode assignments =
        TestServer.ok(as(FOUNDER_KEY, "GET", "/api/v1/projects/" + PROJECT + "/assignments", null));
    assertTrue(assignments.toString().contains(PARK), assignments.toString());
    // now a tenant: the park reads its growth file and alert while the project consents to parks
    for (boolean consents : new boolean[] {true, false}) {
      var project =
          (com.fasterxml.jackson.databind.node.ObjectNode)
              TestServer.ok(as(ADMIN_KEY, "GET", "/api/v1/projects/" + PROJECT, null));
      project.remove("version");
      project.remove("updatedAt");
      project.withObject("consent").put("parks", consents);
      assertEquals(
          200, as(ADMIN_KEY, "PUT", "/api/v1/projects/" + PROJECT, Json.write(project)).status());
      for (String what : new String[] {"growth", "alerts"})
        assertEquals(
            consents ? 200 : 404,
            as(PARK_KEY, "GET", "/api/v1/projects/" + PROJECT + "/" + what, null).status(),
            what + " with consent " + consents);
    }
    // a project that is no tenant does not exist for the park key here
    assertEquals(
        404, as(PARK_KEY, "GET", "/api/v1/projects/" + OTHER_PROJECT + "/growth", null).status());
    assertEquals(
        409,
        as(
                PARK_KEY,
                "POST",
                "/api/v1/parks/" + PARK + "/applications/" + app + "/decision",
                "{\"decision\":\"decline\",\"reason\":\"x\"}")
            .status());
  }
}

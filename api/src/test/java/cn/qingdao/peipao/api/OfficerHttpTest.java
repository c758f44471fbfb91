package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An officer key bound to 崂山区 (370212) over the demo with its synthetic year: every answer it gets
 * from any route that lists projects names no project outside its region (a walker looks at every
 * string of the answer, so a new field cannot leak one), its ledger equals the admin's ledger of
 * that district, and what it writes stays in the region. The RoleMatrixTest checks which routes it
 * may call at all.
 */
class OfficerHttpTest {
  static final String OFFICER = "officer-laoshan-key-0123456789";
  static final String CITY_OFFICER = "officer-qingdao-key-0123456789";
  static final String ADMIN = "admin-officer-test-key-0123456789";

  @TempDir static Path dir;
  static TestServer s;
  static String mentor;
  static String assignedMentor;
  static String recommendedMentor;
  static String policy;

  @BeforeAll
  static void start() {
    String keys =
        "[{\"name\":\"崂山区人社局\",\"role\":\"officer\",\"region\":\"370212\",\"key\":\""
            + OFFICER
            + "\"},{\"name\":\"青岛市人社局\",\"role\":\"officer\",\"region\":\"370200\",\"key\":\""
            + CITY_OFFICER
            + "\"},{\"name\":\"root\",\"role\":\"admin\",\"key\":\""
            + ADMIN
            + "\"}]";
    s = TestServer.withFullDemo(dir, new KeyAccessControl(ApiKeys.read(Json.parse(keys))));
    // cohorts: one of the whole city published (mentors then accompany projects in and out of
    // 崂山区), one of 崂山区 only and one of the whole city left as drafts
    String published =
        as(
                ADMIN,
                "POST",
                "/api/v1/allocations",
                "{\"filter\":{\"sector\":[\"ai\",\"ngit\"]},\"counterpart\":\"mentors\"}")
            .json()
            .get("id")
            .asText();
    assertEquals(
        200, as(ADMIN, "POST", "/api/v1/allocations/" + published + "/publish", "").status());
    for (String body :
        List.of(
            "{\"filter\":{\"district\":[\"laoshan\"]},\"counterpart\":\"mentors\"}",
            "{\"filter\":{\"sector\":[\"ai\"]},\"counterpart\":\"parks\"}"))
      assertEquals(201, as(ADMIN, "POST", "/api/v1/allocations", body).status());
    mentor = mostSpread("/api/v1/mentors/%s/sessions", "syn-m-%05d", 60);
    recommendedMentor =
        mostSpread("/api/v1/mentors/%s/recommendations?limit=100", "syn-m-%05d", 120);
    assignedMentor = mostSpread("/api/v1/mentors/%s/assignments?status=all", "syn-m-%05d", 120);
    policy = mostSpreadPolicy();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Response as(String key, String method, String path, String body) {
    return s.as(key, method, path, body);
  }

  static JsonNode get(String key, String path) {
    return TestServer.ok(as(key, "GET", path, null));
  }

  /** Every stored project named anywhere in {@code json}, with whether it is in 崂山区. */
  static Map<String, Boolean> projectsIn(JsonNode json) {
    Map<String, Boolean> out = new java.util.TreeMap<>();
    walk(json, out);
    return out;
  }

  private static void walk(JsonNode n, Map<String, Boolean> out) {
    if (n.isTextual()) {
      s.catalog
          .entity(EntityType.PROJECTS, n.textValue())
          .ifPresent(e -> out.put(e.id(), "laoshan".equals(((Project) e).location().district())));
    } else if (n.isContainerNode()) {
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) walk(it.next(), out);
    }
  }

  /** The mentor (of the first {@code n}) whose answer names projects both in and out of 崂山区. */
  static String mostSpread(String route, String idFormat, int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> String.format(idFormat, i))
        .filter(
            id -> {
              var in = projectsIn(get(ADMIN, String.format(route, id))).values();
              return in.contains(true) && in.contains(false);
            })
        .findFirst()
        .orElseThrow();
  }

  static String mostSpreadPolicy() {
    for (JsonNode p : get(ADMIN, "/api/v1/policies?size=100").get("items")) {
      String id = p.get("id").asText();
      TestServer.Response r = as(ADMIN, "GET", "/api/v1/policies/" + id + "/outreach", null);
      var in = projectsIn(r.json()).values();
      if (in.contains(true) && in.contains(false)) return id;
    }
    throw new IllegalStateException("no policy with outreach in and out of 崂山区");
  }

  /** Every GET route that lists projects or names them, as the admin and the officer call it. */
  static List<String> listingRoutes() {
    List<String> routes =
        new ArrayList<>(
            List.of(
                "/api/v1/projects?size=100",
                "/api/v1/projects?size=100&sector=ai",
                "/api/v1/mentors/" + recommendedMentor + "/recommendations?limit=100",
                "/api/v1/mentors/" + assignedMentor + "/assignments?status=all",
                "/api/v1/mentors/" + mentor + "/sessions",
                "/api/v1/parks/k-shaohaihui/recommendations?limit=100",
                "/api/v1/investors/i-qrcb-shinan/recommendations?limit=100",
                "/api/v1/policies/" + policy + "/recommendations?limit=100",
                "/api/v1/policies/" + policy + "/outreach",
                "/api/v1/alerts?limit=100",
                "/api/v1/tickets?limit=200",
                "/api/v1/tickets?limit=200&overdue=true"));
    for (JsonNode a : get(ADMIN, "/api/v1/allocations").get("items"))
      routes.add("/api/v1/allocations/" + a.get("id").asText());
    return routes;
  }

  @Test
  void noAnswerToTheOfficerNamesAProjectOutsideItsRegion() {
    List<String> failures = new ArrayList<>();
    Set<String> expectedAllocations = new TreeSet<>();
    for (String route : listingRoutes()) {
      Map<String, Boolean> admin = projectsIn(get(ADMIN, route));
      TestServer.Response r = as(OFFICER, "GET", route, null);
      if (route.startsWith("/api/v1/allocations/")) {
        // an allocation with a project elsewhere does not exist for it; one of its region does
        boolean mine = !admin.containsValue(false);
        if (mine) expectedAllocations.add(route.substring(route.lastIndexOf('/') + 1));
        if (r.status() != (mine ? 200 : 404))
          failures.add(route + ": expected " + (mine ? 200 : 404) + ", got " + r.status());
        continue;
      }
      Map<String, Boolean> officer = projectsIn(TestServer.ok(r));
      Set<String> outside = new TreeSet<>();
      officer.forEach(
          (id, in) -> {
            if (!in) outside.add(id);
          });
      if (!outside.isEmpty()) failures.add(route + " names " + outside);
      // the test means something only where the admin's answer mixes both
      if (admin.containsValue(true) && !officer.containsValue(true))
        failures.add(route + ": the officer sees none of the admin's 崂山区 projects " + admin);
      if (!admin.containsValue(false))
        failures.add(route + ": the admin's answer names no project elsewhere; pick another");
    }
    Set<String> listed = new TreeSet<>();
    for (JsonNode a : get(OFFICER, "/api/v1/allocations").get("items"))
      listed.add(a.get("id").asText());
    // the 崂山区 draft (and the officer's own cohort, when that test ran first)
    assertFalse(expectedAllocations.isEmpty(), "no cohort is 崂山区's only");
    assertEquals(expectedAllocations, listed, "the officer's list of allocations");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void itsLedgerIsTheAdminsLedgerOfItsDistrict() {
    for (String groupBy : List.of("month", "need", "sector")) {
      JsonNode officer = get(OFFICER, "/api/v1/stats?groupBy=" + groupBy);
      JsonNode admin = get(ADMIN, "/api/v1/stats?groupBy=" + groupBy + "&district=laoshan");
      JsonNode all = get(ADMIN, "/api/v1/stats?groupBy=" + groupBy);
      assertEquals(withoutTook(admin), withoutTook(officer), groupBy);
      assertFalse(withoutTook(all).equals(withoutTook(officer)), "the region narrowed nothing");
      // the city officer asking for the district gets the same
      assertEquals(
          withoutTook(admin),
          withoutTook(get(CITY_OFFICER, "/api/v1/stats?groupBy=" + groupBy + "&district=laoshan")));
    }
  }

  static JsonNode withoutTook(JsonNode n) {
    ObjectNode o = n.deepCopy();
    o.remove("tookMs");
    return o;
  }

  @Test
  void askingForAnotherPlaceIsA403NamingTheField() {
    for (String route :
        List.of("/api/v1/stats", "/api/v1/projects", "/api/v1/alerts", "/api/v1/tickets")) {
      for (String q : List.of("city=370100", "district=shinan")) {
        TestServer.Response r = as(OFFICER, "GET", route + "?" + q, null);
        assertEquals(403, r.status(), route + "?" + q + ": " + r.body());
        assertTrue(
            r.json().get("detail").asText().startsWith(q.substring(0, q.indexOf('=')) + ":"),
            r.body());
      }
      assertEquals(403, as(CITY_OFFICER, "GET", route + "?city=370100", null).status(), route);
      assertEquals(200, as(CITY_OFFICER, "GET", route + "?district=shinan", null).status(), route);
    }
  }

  @Test
  void itActsInItsRegionAndNowhereElse() {
    String in = firstProject(true);
    String out = firstProject(false);
    // a ticket: opened, assigned, answered and closed in the region; elsewhere refused
    TestServer.Response opened =
        as(
            OFFICER,
            "POST",
            "/api/v1/tickets",
            "{\"projectId\":\""
                + in
                + "\",\"need\":\"finance\",\"text\":\"走访发现融资需求\",\"channel\":\"visit\"}");
    assertTrue(opened.status() == 201 || opened.status() == 200, opened.body());
    String ticket = opened.json().at("/ticket/id").asText();
    String responder = opened.json().at("/candidates/0/id").asText();
    assertEquals(
        200,
        as(
                OFFICER,
                "POST",
                "/api/v1/tickets/" + ticket + "/assign",
                "{\"responder\":{\"type\":\"mentors\",\"id\":\"" + responder + "\"}}")
            .status());
    TestServer.Response refused =
        as(
            OFFICER,
            "POST",
            "/api/v1/tickets",
            "{\"projectId\":\"" + out + "\",\"need\":\"finance\",\"text\":\"x\"}");
    assertEquals(403, refused.status(), refused.body());
    assertTrue(refused.json().get("detail").asText().startsWith("projectId:"), refused.body());
    // an edit that would move its project away is refused, an edit in place goes through
    ObjectNode project = (ObjectNode) get(OFFICER, "/api/v1/projects/" + in);
    project.remove("version");
    project.remove("updatedAt");
    ((ObjectNode) project.get("location")).put("district", "shinan");
    ((ObjectNode) project.get("location")).remove("city");
    TestServer.Response moved = as(OFFICER, "PUT", "/api/v1/projects/" + in, Json.write(project));
    assertEquals(403, moved.status(), moved.body());
    // a cohort by filter holds only the region's projects, and the officer may publish it
    TestServer.Response draft =
        as(
            OFFICER,
            "POST",
            "/api/v1/allocations",
            "{\"filter\":{\"sector\":[\"life_health\",\"marine\",\"future\"]},\"counterpart\":\"mentors\"}");
    assertEquals(201, draft.status(), draft.body());
    Map<String, Boolean> cohort = projectsIn(draft.json());
    assertFalse(cohort.isEmpty());
    assertFalse(cohort.containsValue(false), "cohort " + cohort);
    String id = draft.json().get("id").asText();
    assertEquals(200, as(OFFICER, "POST", "/api/v1/allocations/" + id + "/publish", "").status());
    // the same draft is hidden from nobody with the right: the admin reads it
    assertEquals(200, as(ADMIN, "GET", "/api/v1/allocations/" + id, null).status());
    // outreach for a project elsewhere is refused, naming the field
    TestServer.Response outreach =
        as(
            OFFICER,
            "POST",
            "/api/v1/policies/" + policy + "/outreach",
            "{\"projectId\":\"" + out + "\",\"status\":\"contacted\"}");
    assertEquals(403, outreach.status(), outreach.body());
  }

  static String firstProject(boolean inLaoshan) {
    for (JsonNode h : get(ADMIN, "/api/v1/projects?size=100&status=active").get("items")) {
      boolean in = "laoshan".equals(h.at("/entity/location/district").asText());
      if (in == inLaoshan) return h.get("id").asText();
    }
    throw new IllegalStateException("no active project " + (inLaoshan ? "in" : "outside") + " 崂山区");
  }

  @Test
  void meNamesTheRegion() {
    JsonNode me = get(OFFICER, "/api/v1/me");
    assertEquals("officer", me.get("role").asText());
    assertEquals("370212", me.get("region").asText());
    assertEquals("崂山区", me.get("regionName").asText());
  }
}

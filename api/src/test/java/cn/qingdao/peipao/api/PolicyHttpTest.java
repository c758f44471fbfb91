package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy calculator, policy → people and project → policies over HTTP on the demo data. */
class PolicyHttpTest {
  @TempDir static Path dir;
  static TestServer s;

  static final String GRADUATE =
      """
      {"profile":{"name":"应届生的种子期公司","sectors":["ai"],"stage":"seed","employees":4,
        "registeredAt":"2026-06-01","location":{"district":"shibei"},"inPark":true,
        "founder":{"groups":["college_graduate"],"graduationYear":2025}}}""";

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static JsonNode ok(TestServer.Response r) {
    return TestServer.ok(r);
  }

  static JsonNode item(JsonNode answer, String id) {
    for (JsonNode it : answer.get("items")) if (it.get("id").asText().equals(id)) return it;
    return null;
  }

  static List<String> errorFields(TestServer.Response r) {
    return HttpApiTest.fields(r);
  }

  @Test
  void aGraduateFoundersLoansEligibleAndWhatTheSmallFirmLoanStillNeeds() {
    JsonNode answer = ok(s.json("POST", "/api/v1/policies/match", GRADUATE));
    JsonNode personal = item(answer, "pol-cdb-personal");
    assertEquals("eligible", personal.get("verdict").asText());
    assertEquals(300000, personal.get("benefit").get("maxAmount").asInt());
    assertEquals(1.0, personal.get("benefit").get("interestSubsidyRate").asDouble());
    assertTrue(personal.get("source").asText().contains("sources/003"));
    assertTrue(personal.get("application").get("channel").asText().contains("创贷驿站"));
    for (JsonNode c : personal.get("conditions")) {
      assertEquals("met", c.get("result").asText());
      // a condition of the policy (not its region) says which sentence states it
      if (!c.get("field").asText().equals("location.region"))
        assertTrue(c.get("quote").asText().contains("园区企业符合条件的"), c.toString());
    }
    JsonNode smallFirm = item(answer, "pol-cdb-smallfirm");
    assertEquals("partial", smallFirm.get("verdict").asText());
    assertEquals(
        List.of("属于小微企业"), Json.mapper().convertValue(smallFirm.get("unknown"), List.class));
    assertEquals(0, smallFirm.get("unmet").size());
    // a yearly selection is never "eligible", and says why
    JsonNode partner = item(answer, "pol-rural-partner-award");
    assertEquals("partial", partner.get("verdict").asText());
    assertEquals("competitive", partner.get("selection").asText());
    assertTrue(partner.get("unknown").get(0).asText().startsWith("需经评选"));
    // Operator-only and expired policies never reach a founder.
    assertEquals(null, item(answer, "pol-park-incubation-subsidy"));
    assertEquals(null, item(answer, "pol-angel-fund-guidance"));
    assertEquals(null, item(answer, "pol-key-group-tax-relief"), "expired 2025-12-31");
    // Eligible first, then partial, then ineligible.
    List<String> verdicts = new ArrayList<>();
    answer.get("items").forEach(i -> verdicts.add(i.get("verdict").asText()));
    List<String> sorted = new ArrayList<>(verdicts);
    sorted.sort(
        java.util.Comparator.comparingInt(List.of("eligible", "partial", "ineligible")::indexOf));
    assertEquals(sorted, verdicts);
    assertEquals(
        answer.get("counts").get("eligible").asInt(),
        verdicts.stream().filter("eligible"::equals).count());
  }

  @Test
  void theCalculatorJudgesAsOfAGivenDayAndGivesNumericGaps() {
    ObjectNode body = (ObjectNode) Json.parse(GRADUATE);
    ((ObjectNode) body.get("profile")).putArray("tags").add("重点群体");
    body.put("date", "2025-06-01");
    JsonNode before = ok(s.json("POST", "/api/v1/policies/match", Json.write(body)));
    assertEquals("eligible", item(before, "pol-key-group-tax-relief").get("verdict").asText());
    assertEquals("tax", item(before, "pol-key-group-tax-relief").at("/benefit/type").asText());
    body.remove("date");
    assertEquals(
        null,
        item(
            ok(s.json("POST", "/api/v1/policies/match", Json.write(body))),
            "pol-key-group-tax-relief"),
        "expired on 2025-12-31");
    // a numeric limit (no shipped policy has one: the sources state none) gives its gap
    String staffCap =
        """
        {"id":"pol-test-staff-cap","name":"小团队补贴（测试）","issuer":"测试","category":"subsidy",
         "audience":"founder","benefit":{"type":"subsidy","text":"t"},"source":"测试",
         "eligibility":{"all":[{"field":"employees","op":"lte","value":50,"label":"员工不超过50人"}]}}""";
    assertEquals(201, s.json("POST", "/api/v1/policies", staffCap).status());
    ((ObjectNode) body.get("profile")).put("employees", 500);
    JsonNode big = ok(s.json("POST", "/api/v1/policies/match", Json.write(body)));
    JsonNode capped = item(big, "pol-test-staff-cap");
    assertEquals("ineligible", capped.get("verdict").asText());
    assertEquals("员工人数 500 > 上限 50", capped.get("conditions").get(0).get("gap").asText());
    body.put("includeIneligible", false);
    JsonNode trimmed = ok(s.json("POST", "/api/v1/policies/match", Json.write(body)));
    trimmed.get("items").forEach(i -> assertFalse(i.get("verdict").asText().equals("ineligible")));
  }

  @Test
  void anEmptyProfileIsUnknownEverywhereAndNothingIsStored() {
    long projects = ok(s.get("/api/v1/projects")).get("total").asLong();
    JsonNode answer = ok(s.json("POST", "/api/v1/policies/match", "{\"profile\":{}}"));
    for (JsonNode it : answer.get("items")) {
      String v = it.get("verdict").asText();
      assertFalse(v.equals("ineligible"), "nothing is known against it: " + it);
    }
    assertEquals(projects, ok(s.get("/api/v1/projects")).get("total").asLong());
  }

  @Test
  void badCalculatorInputNamesTheField() {
    TestServer.Response r =
        s.json(
            "POST",
            "/api/v1/policies/match",
            "{\"profile\":{\"stage\":\"teen\",\"founder\":{\"groups\":[\"alien\"]}},\"date\":\"tomorrow\"}");
    assertEquals(400, r.status(), r.body());
    assertEquals(
        Set.of("profile.stage", "profile.founder.groups[0]", "date"),
        new HashSet<>(errorFields(r)));
    TestServer.Response missing = s.json("POST", "/api/v1/policies/match", "{\"profil\":{}}");
    assertEquals(400, missing.status());
    assertTrue(errorFields(missing).containsAll(List.of("profil", "profile")), missing.body());
  }

  @Test
  void policyRulesAreValidatedWhenWritten() {
    String bad =
        """
        {"id":"pol-bad","name":"坏规则","issuer":"测试","category":"loan","audience":"founder",
         "benefit":{"type":"loan","text":"t"},"source":"测试",
         "eligibility":{"all":[{"field":"employees","op":"intersects","value":[1],"label":"x"},
           {"any":[{"field":"founder.groups","op":"intersects","value":["alien"],"label":"y"}]}]}}""";
    TestServer.Response r = s.json("POST", "/api/v1/policies", bad);
    assertEquals(400, r.status(), r.body());
    assertEquals(
        List.of("eligibility.all[0].op", "eligibility.all[1].any[0].value[0]"), errorFields(r));
    assertEquals(404, s.get("/api/v1/policies/pol-bad").status(), "nothing half-written");
  }

  @Test
  void policyToPeopleIsWhatTheCalculatorSaysOfEveryActiveProject() {
    JsonNode people =
        ok(s.get("/api/v1/policies/pol-cdb-personal/recommendations?verdict=eligible&limit=1000"));
    Set<String> listed = new HashSet<>();
    people.get("items").forEach(i -> listed.add(i.get("id").asText()));
    assertEquals(people.get("eligible").asInt(), listed.size());
    assertTrue(listed.size() > 20, "the demo has many founders in parks: " + listed.size());
    Set<String> judged = new HashSet<>();
    for (ObjectNode p : QingdaoDataset.demo(EntityType.PROJECTS, TestServer.TAXONOMY)) {
      if (p.has("status") && !p.get("status").asText().equals("active")) continue;
      JsonNode answer =
          ok(s.json("POST", "/api/v1/policies/match", "{\"profile\":" + Json.write(p) + "}"));
      JsonNode personal = item(answer, "pol-cdb-personal");
      if (personal.get("verdict").asText().equals("eligible")) judged.add(p.get("id").asText());
    }
    assertEquals(judged, listed);
  }

  @Test
  void policyToPeopleListsEligibleThenPartialWithWhatTheyLack() {
    JsonNode people =
        ok(s.get("/api/v1/policies/pol-cdb-smallfirm/recommendations?limit=1000&district=laoshan"));
    assertTrue(
        people.get("eligible").asInt() > 0 && people.get("partial").asInt() > 0, people.toString());
    boolean seenPartial = false;
    for (JsonNode it : people.get("items")) {
      assertEquals("laoshan", it.get("district").asText());
      if (it.get("verdict").asText().equals("partial")) {
        seenPartial = true;
        assertTrue(it.get("unmet").size() + it.get("unknown").size() > 0, it.toString());
      } else {
        assertFalse(seenPartial, "eligible before partial");
      }
    }
    assertEquals(404, s.get("/api/v1/policies/pol-nope/recommendations").status());
    assertEquals(
        409, s.get("/api/v1/policies/pol-park-incubation-subsidy/recommendations").status());
    TestServer.Response bad =
        s.get("/api/v1/policies/pol-cdb-smallfirm/recommendations?verdict=ineligible");
    assertEquals(400, bad.status());
    assertEquals(List.of("verdict"), errorFields(bad));
  }

  @Test
  void projectToPoliciesUsesTheEngine() {
    String id =
        QingdaoDataset.demo(EntityType.PROJECTS, TestServer.TAXONOMY).get(0).get("id").asText();
    JsonNode strict =
        ok(s.get("/api/v1/projects/" + id + "/recommendations?target=policies&limit=100"));
    for (JsonNode it : strict.get("items")) assertEquals("eligible", it.get("verdict").asText());
    JsonNode wide =
        ok(
            s.get(
                "/api/v1/projects/"
                    + id
                    + "/recommendations?target=policies&limit=100&includePartial=true"));
    assertTrue(wide.get("items").size() > strict.get("items").size(), wide.toString());
    boolean seenPartial = false;
    for (JsonNode it : wide.get("items")) {
      String v = it.get("verdict").asText();
      assertFalse(v.equals("ineligible"));
      if (v.equals("partial")) seenPartial = true;
      else assertFalse(seenPartial, "eligible before partial");
    }
    TestServer.Response bad =
        s.get("/api/v1/projects/" + id + "/recommendations?target=mentors&includePartial=true");
    assertEquals(400, bad.status());
    assertEquals(List.of("includePartial"), errorFields(bad));
  }

  @Test
  void aFounderInJinanIsToldNoQingdaoPolicyFits() {
    String jinan = GRADUATE.replace("\"shibei\"", "\"370102\"");
    assertTrue(jinan.contains("370102"), "the profile is placed in Jinan");
    JsonNode answer = ok(s.json("POST", "/api/v1/policies/match", jinan));
    int qingdao = 0;
    for (JsonNode item : answer.get("items")) {
      var policy =
          (cn.qingdao.peipao.core.model.Policy)
              s.catalog
                  .entity(cn.qingdao.peipao.core.model.EntityType.POLICIES, item.get("id").asText())
                  .orElseThrow();
      if (!policy.regions().contains("370200")) continue;
      qingdao++;
      assertTrue(
          !item.path("verdict").asText().equals("eligible"),
          item.get("id").asText() + " is a Qingdao policy: " + item);
    }
    assertTrue(qingdao >= 5, "Qingdao policies judged: " + qingdao);
    JsonNode personal = null;
    for (JsonNode item : answer.get("items"))
      if (item.get("id").asText().equals("pol-cdb-personal")) personal = item;
    assertTrue(personal != null, answer.toString());
    assertTrue(personal.get("verdict").asText().equals("ineligible"), personal.toString());
    assertTrue(personal.toString().contains("适用区域：青岛市"), personal.toString());
  }

  @Test
  void anActiveParkAssignmentMakesAProjectAParkFirm() {
    String project =
        """
        {"id":"ip-1","name":"园区入驻测试","sectors":["ai"],"stage":"seed","employees":3,
         "location":{"district":"shibei"},"needs":["space"],"consent":{"parks":true},
         "founder":{"groups":["college_graduate"],"graduationYear":2025}}""";
    assertEquals(201, s.json("POST", "/api/v1/projects", project).status());
    String policies = "/api/v1/projects/ip-1/recommendations?target=policies&includePartial=true";
    assertEquals("partial", item(ok(s.get(policies)), "pol-cdb-personal").get("verdict").asText());
    TestServer.Response drafted =
        s.json(
            "POST",
            "/api/v1/allocations",
            "{\"projects\":[\"ip-1\"],\"counterpart\":\"parks\",\"mode\":\"coverage\",\"minScore\":0}");
    assertEquals(201, drafted.status(), drafted.body());
    JsonNode draft = drafted.json();
    assertEquals(1, draft.get("assignments").size(), draft.toString());
    TestServer.Response published =
        s.json("POST", "/api/v1/allocations/" + draft.get("id").asText() + "/publish", "{}");
    assertEquals(200, published.status(), published.body());
    assertEquals("eligible", item(ok(s.get(policies)), "pol-cdb-personal").get("verdict").asText());
    JsonNode people =
        ok(s.get("/api/v1/policies/pol-cdb-personal/recommendations?verdict=eligible&limit=1000"));
    assertTrue(people.toString().contains("\"ip-1\""), "policy → people sees the derived fact");
  }
}

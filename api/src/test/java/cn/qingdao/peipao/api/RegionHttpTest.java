package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All of Shandong over HTTP: places at both levels, region scopes, the city filter and facet. */
class RegionHttpTest {
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

  static JsonNode ok(TestServer.Response r) {
    return TestServer.ok(r);
  }

  static JsonNode created(TestServer.Response r) {
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  static String project(String id, String location) {
    return """
        {"id":"%s","name":"区域测试项目","sectors":["ai"],"stage":"seed","location":%s,
         "needs":["finance"],"inPark":true,"consent":{"mentors":true,"parks":true,"investors":true},
         "founder":{"groups":["college_graduate"],"graduationYear":2025}}"""
        .formatted(id, location);
  }

  @Test
  void aCountyAnywhereInShandongIsStoredWithItsCityAndFoundByCity() {
    JsonNode jinan =
        created(
            s.json("POST", "/api/v1/projects", project("rg-jinan", "{\"district\":\"370102\"}")));
    assertEquals("370100", jinan.at("/location/city").asText());
    JsonNode laoshan =
        created(
            s.json("POST", "/api/v1/projects", project("rg-laoshan", "{\"district\":\"370212\"}")));
    assertEquals("laoshan", laoshan.at("/location/district").asText(), "Qingdao by short code");
    assertEquals("370200", laoshan.at("/location/city").asText());
    TestServer.Response contradiction =
        s.json(
            "POST",
            "/api/v1/projects",
            project("rg-bad", "{\"district\":\"laoshan\",\"city\":\"370100\"}"));
    assertEquals(400, contradiction.status());
    assertEquals(List.of("location.city"), HttpApiTest.fields(contradiction));
    assertEquals(404, s.get("/api/v1/projects/rg-bad").status(), "nothing half-written");

    JsonNode inJinan = ok(s.get("/api/v1/projects?city=370100&size=50"));
    Set<String> ids = new HashSet<>();
    inJinan.get("items").forEach(i -> ids.add(i.get("id").asText()));
    assertEquals(Set.of("rg-jinan"), ids);
    JsonNode facets = ok(s.get("/api/v1/projects?size=0")).get("facets").get("city");
    assertTrue(facets.toString().contains("370100") && facets.toString().contains("370200"));
    TestServer.Response badCity = s.get("/api/v1/projects?city=370102");
    assertEquals(400, badCity.status());
    assertEquals(List.of("city"), HttpApiTest.fields(badCity));
  }

  @Test
  void aFounderInJinanIsEligibleForNoQingdaoPolicyAndACityAloneIsNotACounty() {
    String county =
        """
        {"id":"rg-pol-lixia","name":"历下区测试政策","issuer":"测试","category":"subsidy",
         "audience":"founder","benefit":{"type":"subsidy","text":"t"},"source":"测试",
         "regions":["370102"]}""";
    assertEquals(201, s.json("POST", "/api/v1/policies", county).status());
    for (String location :
        List.of(
            "{\"district\":\"370102\"}", "{\"city\":\"370100\"}", "{\"district\":\"laoshan\"}")) {
      JsonNode answer =
          ok(
              s.json(
                  "POST",
                  "/api/v1/policies/match",
                  "{\"profile\":" + project("x", location) + "}"));
      for (JsonNode it : answer.get("items")) {
        String regions =
            ok(s.get("/api/v1/policies/" + it.get("id").asText())).get("regions").toString();
        String verdict = it.get("verdict").asText();
        if (regions.contains("370200") && !location.contains("laoshan"))
          assertEquals("ineligible", verdict, location + " " + it);
        if (it.get("id").asText().equals("rg-pol-lixia"))
          assertEquals(
              switch (location) {
                case "{\"district\":\"370102\"}" -> "eligible";
                case "{\"city\":\"370100\"}" -> "partial"; // which county of 济南 is not known
                default -> "ineligible";
              },
              verdict,
              location);
      }
    }
  }

  @Test
  void recommendationsTakeTheCityFilterAndFarPlacesScoreLow() {
    created(s.json("POST", "/api/v1/projects", project("rg-yantai", "{\"district\":\"370602\"}")));
    JsonNode mentors =
        ok(s.get("/api/v1/projects/rg-yantai/recommendations?target=mentors&explain=true&limit=5"));
    assertFalse(mentors.get("items").isEmpty());
    for (JsonNode m : mentors.get("items"))
      assertTrue(m.at("/components/location").asDouble() < 0.01, "烟台 is far from 青岛: " + m);
    JsonNode none =
        ok(s.get("/api/v1/projects/rg-yantai/recommendations?target=mentors&city=370100"));
    assertEquals(0, none.get("items").size(), "no mentor is in 济南");
    JsonNode qingdao =
        ok(s.get("/api/v1/projects/rg-yantai/recommendations?target=mentors&city=370200"));
    assertFalse(qingdao.get("items").isEmpty());
    TestServer.Response bad =
        s.get("/api/v1/projects/rg-yantai/recommendations?target=mentors&city=99");
    assertEquals(400, bad.status());
    assertEquals(List.of("city"), HttpApiTest.fields(bad));
  }
}

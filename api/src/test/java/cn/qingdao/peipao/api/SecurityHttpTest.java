package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.store.ReadAudit;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys and roles, consent and masked contact data, and the record of personal-data reads. */
class SecurityHttpTest {
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final String PORTAL = "portal-key-0123456789abcdef";
  static final String MENTOR = "mentor-key-0123456789abcdef";
  static final String PARK = "park-key-0123456789abcdef";
  static final String MENTOR_ID = "syn-m-00001";

  @TempDir static Path dir;
  static TestServer s;
  static String consenting;
  static String refusing;

  @BeforeAll
  static void start() {
    ApiKeys keys =
        ApiKeys.read(
            Json.parse(
                """
                [{"name":"ops","role":"admin","key":"%s"},
                 {"name":"city portal","role":"portal","key":"%s"},
                 {"name":"mentor one","role":"mentor","entity":"%s","sha256":"%s"},
                 {"name":"shaohaihui","role":"park","entity":"k-shaohaihui","key":"%s"}]"""
                    .formatted(ADMIN, PORTAL, MENTOR_ID, ApiKeys.digest(MENTOR), PARK)));
    s = TestServer.withDemoData(dir, new KeyAccessControl(keys));
    consenting = project(p -> p.consent().mentors() && p.contact() != null);
    refusing = project(p -> !p.consent().mentors());
  }

  static String project(Predicate<Project> test) {
    return IntStream.rangeClosed(1, 400)
        .mapToObj(i -> String.format("syn-p-%05d", i))
        .filter(id -> test.test((Project) s.catalog.entity(EntityType.PROJECTS, id).orElseThrow()))
        .findFirst()
        .orElseThrow();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Response get(String path, String key) {
    return key == null
        ? s.get(path)
        : s.send("GET", path, null, null, "Authorization", "Bearer " + key);
  }

  static TestServer.Response post(String path, String body, String key) {
    return key == null
        ? s.json("POST", path, body)
        : s.json("POST", path, body, "Authorization", "Bearer " + key);
  }

  static void status(int expected, TestServer.Response r) {
    assertEquals(expected, r.status(), r.body());
    if (expected >= 400)
      assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.body());
  }

  @Test
  void anonymousCallersGetOnlyThePublicPartsAndTheCalculator() {
    status(200, get("/health", null));
    status(200, get("/api/v1/taxonomy", null));
    status(200, post("/api/v1/policies/match", "{\"profile\":{\"stage\":\"seed\"}}", null));
    status(401, get("/api/v1/projects", null));
    status(401, get("/api/v1/projects/" + consenting, null));
    status(401, get("/api/v1/mentors/" + MENTOR_ID + "/recommendations", null));
    status(401, post("/api/v1/projects", "{}", null));
    status(401, post("/api/v1/allocations", "{}", null));
    // a wrong key is refused, never taken as anonymous
    status(401, get("/health", "not-a-key"));
    status(401, s.send("GET", "/api/v1/taxonomy", null, null, "Authorization", "Basic abc"));
  }

  @Test
  void thePortalReadsAndRecommendsButDoesNotWrite() {
    JsonNode page = get("/api/v1/projects/" + consenting, PORTAL).json();
    String phone = page.at("/contact/phone").asText();
    assertTrue(phone.matches("1\\d{10}"), "the project's own page shows the contact: " + phone);
    JsonNode found = get("/api/v1/projects?q=" + consenting + "&size=100", PORTAL).json();
    for (JsonNode item : found.get("items")) {
      String masked = item.at("/entity/contact/phone").asText();
      assertTrue(masked.isEmpty() || masked.matches("\\d{3}\\*{4}\\d{4}"), masked);
    }
    status(200, get("/api/v1/projects/" + consenting + "/recommendations?target=mentors", PORTAL));
    status(403, post("/api/v1/projects", "{}", PORTAL));
    status(200, get("/api/v1/alerts", PORTAL));
    status(200, get("/api/v1/profiles", PORTAL));
    status(403, post("/api/v1/projects/" + consenting + "/growth", "{}", PORTAL));
    status(403, post("/api/v1/allocations", "{}", PORTAL));
    List<ReadAudit.Entry> reads = s.catalog.readAudit().of(EntityType.PROJECTS, consenting, 10);
    assertTrue(
        reads.stream().anyMatch(e -> e.actor().equals("city portal") && e.role().equals("portal")),
        reads.toString());
  }

  @Test
  void aMentorKeyActsOnlyForItsMentorAndSeesConsentingProjectsMasked() {
    status(200, get("/api/v1/mentors/" + MENTOR_ID + "/recommendations", MENTOR));
    status(403, get("/api/v1/mentors/syn-m-00002/recommendations", MENTOR));
    status(403, get("/api/v1/projects/" + consenting + "/recommendations", MENTOR));
    status(403, post("/api/v1/recommendations", "{\"target\":\"mentors\",\"profile\":{}}", MENTOR));
    status(200, get("/api/v1/mentors/" + MENTOR_ID + "/assignments", MENTOR));
    status(403, get("/api/v1/mentors/syn-m-00002/assignments", MENTOR));
    status(403, get("/api/v1/projects?q=AI", MENTOR));
    status(403, get("/api/v1/alerts", MENTOR));
    status(403, get("/api/v1/profiles", MENTOR));
    // a mentor reads the growth of the projects it accompanies; another's does not exist for it
    status(404, get("/api/v1/projects/" + consenting + "/growth", MENTOR));
    status(200, get("/api/v1/parks", MENTOR));
    status(403, post("/api/v1/projects", "{}", MENTOR));
    status(
        403,
        s.json("PUT", "/api/v1/mentors/" + MENTOR_ID, "{}", "Authorization", "Bearer " + MENTOR));

    JsonNode seen = get("/api/v1/projects/" + consenting, MENTOR).json();
    assertTrue(seen.at("/contact/phone").asText().matches("\\d{3}\\*{4}\\d{4}"), seen.toString());
    assertTrue(seen.at("/contact/email").asText().contains("***@"), seen.toString());
    assertFalse(seen.at("/contact/name").asText().isEmpty());
    // a project that did not consent to mentors does not exist for a mentor key
    TestServer.Response hidden = get("/api/v1/projects/" + refusing, MENTOR);
    status(404, hidden);
    assertEquals(
        get("/api/v1/projects/no-such-project", MENTOR).json().get("title"),
        hidden.json().get("title"));
    // its own recommendations list only consenting projects (the engine's hard constraint)
    for (JsonNode item :
        get("/api/v1/mentors/" + MENTOR_ID + "/recommendations?limit=100", MENTOR)
            .json()
            .get("items")) {
      Project p =
          (Project) s.catalog.entity(EntityType.PROJECTS, item.get("id").asText()).orElseThrow();
      assertTrue(p.consent().mentors(), item.get("id").asText());
    }
  }

  @Test
  void theAdminDoesEverythingAndItsReadsOfPersonalDataAreRecorded() {
    int before = s.catalog.readAudit().of(EntityType.PROJECTS, refusing, 100).size();
    JsonNode page = get("/api/v1/projects/" + refusing, ADMIN).json();
    assertTrue(page.at("/contact/phone").asText().matches("1\\d{10}"));
    List<ReadAudit.Entry> reads = s.catalog.readAudit().of(EntityType.PROJECTS, refusing, 100);
    assertEquals(before + 1, reads.size());
    assertEquals("ops", reads.get(0).actor());
    assertEquals("GET /api/v1/projects/" + refusing, reads.get(0).via());
    status(
        201,
        post(
            "/api/v1/projects",
            "{\"name\":\"新项目\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}",
            ADMIN));
    status(200, get("/api/v1/mentors/syn-m-00002/assignments", ADMIN));
  }

  @Test
  void aKeyFileWithMistakesIsRefusedEntryByEntry() {
    var e =
        assertThrows(
            ValidationException.class,
            () ->
                ApiKeys.read(
                    Json.parse(
                        """
                        [{"name":"a","role":"root","key":"0123456789abcdef"},
                         {"name":"b","role":"mentor","key":"0123456789abcdef0"},
                         {"name":"c","role":"portal","key":"short"},
                         {"name":"d","role":"admin","key":"0123456789abcdefX","sha256":"ab"}]""")));
    List<String> fields = e.errors().stream().map(f -> f.field()).toList();
    assertTrue(fields.contains("[0].role"), fields.toString());
    assertTrue(fields.contains("[1].entity"), fields.toString());
    assertTrue(fields.contains("[2].key"), fields.toString());
    assertTrue(fields.contains("[3].key"), fields.toString());
  }
}

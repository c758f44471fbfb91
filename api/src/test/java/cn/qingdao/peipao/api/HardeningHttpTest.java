package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.AssignmentStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holes a black-box attack found, each with the request that opened it: feedback as a back door
 * to assignments, method override, HEAD, CONNECT, broken bodies and query strings, headers, what a
 * mentor key may read, and key files that would confuse callers.
 */
class HardeningHttpTest {
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final String PORTAL = "portal-key-0123456789abcdef";
  static final String MENTOR = "mentor-key-0123456789abcdef";
  static final String MENTOR2 = "mentor2-key-0123456789abcdef";
  static final String MENTOR_ID = "syn-m-00001";
  static final String FOUNDER = "founder-key-0123456789abcdef";
  static final String FOUNDER_PROJECT = "syn-p-00007";

  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    ApiKeys keys =
        ApiKeys.read(
            Json.parse(
                """
                [{"name":"ops","role":"admin","key":"%s"},
                 {"name":"city portal","role":"portal","key":"%s"},
                 {"name":"mentor one","role":"mentor","entity":"%s","key":"%s"},
                 {"name":"mentor two","role":"mentor","entity":"syn-m-00002","key":"%s"},
                 {"name":"founder seven","role":"founder","entity":"%s","key":"%s"}]"""
                    .formatted(
                        ADMIN, PORTAL, MENTOR_ID, MENTOR, MENTOR2, FOUNDER_PROJECT, FOUNDER)));
    s = TestServer.withDemoData(dir, new KeyAccessControl(keys));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static TestServer.Response as(String key, String method, String path, String body) {
    return body == null
        ? s.send(method, path, null, null, "Authorization", "Bearer " + key)
        : s.json(method, path, body, "Authorization", "Bearer " + key);
  }

  /** Projects of the demo data with no assignment yet that pass {@code test}, by id. */
  static List<String> projects(Predicate<Project> test) {
    return IntStream.rangeClosed(1, 400)
        .mapToObj(i -> String.format("syn-p-%05d", i))
        .filter(
            id -> {
              Project p = (Project) s.catalog.entity(EntityType.PROJECTS, id).orElseThrow();
              return test.test(p)
                  && s.catalog.assignments().assignmentsOf(EntityType.PROJECTS, id, true).isEmpty();
            })
        .toList();
  }

  /** A mentor that serves every district and has room: only the project can fail a rule. */
  static String unscopedMentor(int skip) {
    return IntStream.rangeClosed(3, 120)
        .mapToObj(i -> String.format("syn-m-%05d", i))
        .filter(
            id -> {
              Mentor m = (Mentor) s.catalog.entity(EntityType.MENTORS, id).orElseThrow();
              return m.serviceDistricts().isEmpty() && m.capacity() > 2;
            })
        .skip(skip)
        .findFirst()
        .orElseThrow();
  }

  /** A project the mentor key's own recommendations offer, with no assignment yet. */
  static String recommendedTo(String key, String mentor) {
    for (JsonNode item :
        as(key, "GET", "/api/v1/mentors/" + mentor + "/recommendations?limit=50", null)
            .json()
            .get("items")) {
      String id = item.get("id").asText();
      if (s.catalog.assignments().assignmentsOf(EntityType.PROJECTS, id, true).isEmpty()) return id;
    }
    throw new IllegalStateException("no unassigned project recommended to " + mentor);
  }

  static String accept(String project, String mentor) {
    return "{\"subjectType\":\"projects\",\"subjectId\":\""
        + project
        + "\",\"targetType\":\"mentors\",\"targetId\":\""
        + mentor
        + "\",\"action\":\"accept\"}";
  }

  static void setStatus(String project, String status) {
    ObjectNode json = (ObjectNode) s.catalog.get(EntityType.PROJECTS, project).orElseThrow().tree();
    json.put("status", status);
    s.catalog.put(s.catalog.reader().read(EntityType.PROJECTS, json), null, "test");
  }

  @Test
  void feedbackMakesAnAssignmentOnlyForTheRightCallerUnderAllocationsRules() {
    String a = recommendedTo(MENTOR, MENTOR_ID);
    String b =
        projects(p -> "active".equals(p.status()) && p.consent().mentors() && !p.id().equals(a))
            .get(0);
    String free = unscopedMentor(0);
    // the portal records what it saw, never a decision or an outcome of one pair (every action)
    for (cn.qingdao.peipao.core.feedback.FeedbackAction action :
        cn.qingdao.peipao.core.feedback.FeedbackAction.values()) {
      boolean word =
          action.positive() || action == cn.qingdao.peipao.core.feedback.FeedbackAction.REJECT;
      TestServer.Response portal =
          as(
              PORTAL,
              "POST",
              "/api/v1/feedback",
              accept(a, "syn-m-00003").replace("\"accept\"", "\"" + action.code() + "\""));
      // a park's or an investor's outcome on a mentor pair is bad input before any role
      boolean misplaced =
          action == cn.qingdao.peipao.core.feedback.FeedbackAction.MOVED_IN
              || action == cn.qingdao.peipao.core.feedback.FeedbackAction.LOAN_GRANTED;
      assertEquals(
          misplaced ? 400 : word ? 403 : 201, portal.status(), action + ": " + portal.body());
    }
    // a mentor key only on its own pair
    assertEquals(403, as(MENTOR, "POST", "/api/v1/feedback", accept(a, "syn-m-00003")).status());
    JsonNode own = as(MENTOR, "POST", "/api/v1/feedback", accept(a, MENTOR_ID)).json();
    assertTrue(own.hasNonNull("assignmentId"), own.toString());
    // one active mentor per project: another mentor's accept records the event, assigns nothing
    JsonNode second = as(MENTOR2, "POST", "/api/v1/feedback", accept(a, "syn-m-00002")).json();
    assertNull(second.get("assignmentId"), second.toString());
    assertTrue(second.get("note").asText().contains(MENTOR_ID), second.toString());
    assertEquals(1, s.catalog.assignments().assignmentsOf(EntityType.PROJECTS, a, true).size());

    // a closed project gets no mentor, not even from the admin
    setStatus(b, "closed");
    JsonNode closed = as(ADMIN, "POST", "/api/v1/feedback", accept(b, free)).json();
    assertNull(closed.get("assignmentId"), closed.toString());
    assertTrue(closed.get("note").asText().contains("项目不在服务中"), closed.toString());
    // and a mentor key cannot even tell that it exists
    assertEquals(404, as(MENTOR, "POST", "/api/v1/feedback", accept(b, MENTOR_ID)).status());

    // a project that consents to no mentor gets none
    String refusing = projects(p -> "active".equals(p.status()) && !p.consent().mentors()).get(0);
    JsonNode noConsent = as(ADMIN, "POST", "/api/v1/feedback", accept(refusing, free)).json();
    assertNull(noConsent.get("assignmentId"), noConsent.toString());
    assertTrue(noConsent.get("note").asText().contains("未同意"), noConsent.toString());
  }

  @Test
  void aMentorKeyReadsActiveConsentingProjectsAndItsOwnAssignedOnes() {
    List<String> consenting = projects(p -> "active".equals(p.status()) && p.consent().mentors());
    String paused = consenting.get(5);
    String assigned = consenting.get(6);
    setStatus(paused, "paused");
    assertEquals(404, as(MENTOR, "GET", "/api/v1/projects/" + paused, null).status());
    s.catalog.writeLogged(
        tx -> {
          AssignmentStore.insert(
              tx,
              new Assignment(
                  "asg-hardening",
                  assigned,
                  EntityType.MENTORS,
                  MENTOR_ID,
                  null,
                  null,
                  Instant.now(),
                  "test",
                  null,
                  null));
          return null;
        });
    setStatus(assigned, "failed");
    assertEquals(200, as(MENTOR, "GET", "/api/v1/projects/" + assigned, null).status());
    assertEquals(404, as(MENTOR2, "GET", "/api/v1/projects/" + assigned, null).status());
  }

  @Test
  void aMethodOverrideHeaderIsIgnored() {
    for (String h : List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")) {
      TestServer.Response r =
          s.send(
              "GET",
              "/api/v1/projects/syn-p-00010",
              null,
              null,
              "Authorization",
              "Bearer " + ADMIN,
              h,
              "DELETE");
      assertEquals(200, r.status(), h + ": " + r.body());
    }
    assertTrue(s.catalog.get(EntityType.PROJECTS, "syn-p-00010").isPresent());
  }

  @Test
  void headAnswersWhatGetWouldWithoutABody() {
    for (String path : List.of("/health", "/api/v1/taxonomy", "/api/v1/projects/syn-p-00011")) {
      TestServer.Response get = as(ADMIN, "GET", path, null);
      TestServer.Response head = as(ADMIN, "HEAD", path, null);
      assertEquals(get.status(), head.status(), path);
      assertEquals(get.header("Content-Type"), head.header("Content-Type"), path);
      assertEquals("", head.body(), path);
    }
    assertEquals(401, s.send("HEAD", "/api/v1/projects/syn-p-00011", null, null).status());
    assertEquals(404, as(ADMIN, "HEAD", "/api/v1/nothing/here", null).status());
  }

  @Test
  void answersCarryTheSecurityHeaders() {
    TestServer.Response anon = s.send("GET", "/api/v1/projects/syn-p-00001", null, null);
    assertEquals(401, anon.status());
    assertTrue(anon.header("WWW-Authenticate").startsWith("Bearer"), anon.headers().toString());
    TestServer.Response read = as(ADMIN, "GET", "/api/v1/projects/syn-p-00001", null);
    assertEquals("no-store", read.header("Cache-Control"));
    assertEquals("nosniff", read.header("X-Content-Type-Options"));
    assertEquals("nosniff", s.get("/health").header("X-Content-Type-Options"));
  }

  @Test
  void keyFilesMayNotConfuseOneCallerWithAnother() {
    String k = "0123456789abcdefghij";
    assertField("[0].name", "[{\"name\":\"admin\",\"role\":\"portal\",\"key\":\"" + k + "\"}]");
    assertField("[0].name", "[{\"name\":\"Anonymous\",\"role\":\"portal\",\"key\":\"" + k + "\"}]");
    assertField(
        "[1].name",
        "[{\"name\":\"p\",\"role\":\"portal\",\"key\":\""
            + k
            + "1\"},"
            + "{\"name\":\"p\",\"role\":\"portal\",\"key\":\""
            + k
            + "2\"}]");
    assertField(
        "[0].key", "[{\"name\":\"p\",\"role\":\"portal\",\"key\":\"钥匙0123456789abcdefg\"}]");
    assertField(
        "[0].key", "[{\"name\":\"p\",\"role\":\"portal\",\"key\":\"with space 0123456789\"}]");
    ValidationException missing =
        assertThrows(
            ValidationException.class,
            () ->
                ApiKeys.read(
                    Json.parse(
                        "[{\"name\":\"m\",\"role\":\"mentor\",\"entity\":\"no-such\",\"key\":\""
                            + k
                            + "\"}]"),
                    (type, id) -> s.catalog.get(type, id).isPresent(),
                    region -> true));
    assertEquals("[0].entity", missing.errors().get(0).field());
  }

  static void assertField(String field, String keyFile) {
    ValidationException e =
        assertThrows(ValidationException.class, () -> ApiKeys.read(Json.parse(keyFile)));
    assertTrue(
        e.errors().stream().anyMatch(x -> x.field().equals(field)), field + " in " + e.errors());
  }

  /** Sends raw bytes and reads the answer until the server closes or 5 s pass. */
  static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", s.app.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) out.write(buf, 0, n);
        out.write("<closed>".getBytes(StandardCharsets.UTF_8));
      } catch (SocketTimeoutException e) {
        out.write("<open>".getBytes(StandardCharsets.UTF_8));
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void brokenRequestsAreRefusedAtOnceAndTheConnectionClosed() throws IOException {
    String connect = raw("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    assertTrue(connect.startsWith("HTTP/1.1 405"), connect);
    assertTrue(connect.contains("application/problem+json"), connect);
    assertTrue(connect.endsWith("<closed>"), connect);

    long t = System.nanoTime();
    String huge =
        raw(
            "POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + ADMIN
                + "\r\nContent-Type: application/json\r\nContent-Length: 99999999\r\n\r\n");
    assertTrue(huge.startsWith("HTTP/1.1 413"), huge);
    assertTrue(huge.endsWith("<closed>"), "answered without waiting for the body: " + huge);
    assertTrue(System.nanoTime() - t < 4_000_000_000L, "answered at once");

    String chunked =
        raw(
            "POST /api/v1/projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + ADMIN
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "ZZZ\r\nabc\r\n0\r\n\r\n");
    assertTrue(chunked.startsWith("HTTP/1.1 400"), chunked);
    assertTrue(chunked.contains("application/problem+json"), chunked);
  }

  @Test
  void queryStringsWithBadEscapesOrRepeatedParametersAreRefusedByName() throws IOException {
    for (String q : List.of("q=%C0%AF", "q=%ED%A0%80", "district=laoshan&district=shinan")) {
      TestServer.Response r = as(ADMIN, "GET", "/api/v1/projects?" + q, null);
      assertEquals(400, r.status(), q + ": " + r.body());
      assertTrue(r.json().at("/errors/0/field").asText().matches("district|q"), r.body());
    }
    // escapes a well-behaved client refuses to send at all
    for (String q : List.of("district=%zz", "district=%4", "district=laoshan%")) {
      String answer =
          raw(
              "GET /api/v1/projects?"
                  + q
                  + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                  + ADMIN
                  + "\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 400"), q + ": " + answer);
      assertTrue(answer.contains("application/problem+json"), q + ": " + answer);
    }
    assertEquals(200, as(ADMIN, "GET", "/api/v1/projects?district=laoshan,shinan", null).status());
  }

  @Test
  void idsOfDotsAloneAndFutureGrowthAreRefused() {
    for (String id : List.of(".", "..", "...")) {
      TestServer.Response r =
          as(
              ADMIN,
              "POST",
              "/api/v1/projects",
              "{\"id\":\"" + id + "\"," + BadInputFuzzTest.PROJECT.substring(1));
      assertEquals(400, r.status(), id + ": " + r.body());
    }
    TestServer.Response future =
        as(
            ADMIN,
            "POST",
            "/api/v1/projects/syn-p-00001/growth",
            "{\"date\":\"" + java.time.LocalDate.now().plusDays(2) + "\",\"revenue\":5}");
    assertEquals(400, future.status(), future.body());
    assertEquals("date", future.json().at("/errors/0/field").asText());
  }

  @Test
  void aMentorReadingAlertsIsToldWhatItMayDo() {
    TestServer.Response r = as(MENTOR, "GET", "/api/v1/alerts", null);
    assertEquals(403, r.status());
    assertTrue(!r.body().contains("writes need an admin key"), r.body());
    assertTrue(r.body().contains("growth files and alerts"), r.body());
  }

  @Test
  void aFounderEditsItsProjectWithoutLosingItsContactOrOverrulingOfficers() {
    ObjectNode json =
        (ObjectNode) s.catalog.get(EntityType.PROJECTS, FOUNDER_PROJECT).orElseThrow().tree();
    json.putObject("contact")
        .put("name", "程轩")
        .put("phone", "13812345678")
        .put("email", "founder@example.com");
    json.put("status", "active");
    s.catalog.put(s.catalog.reader().read(EntityType.PROJECTS, json), null, "test");
    TestServer.Response own = as(FOUNDER, "GET", "/api/v1/projects/" + FOUNDER_PROJECT, null);
    assertEquals(200, own.status());
    assertEquals("13812345678", own.json().at("/contact/phone").asText(), own.body());
    // written back as read, the contact is kept exactly
    ObjectNode back = (ObjectNode) own.json();
    back.put("description", "更新后的介绍");
    TestServer.Response put =
        as(FOUNDER, "PUT", "/api/v1/projects/" + FOUNDER_PROJECT, Json.write(back));
    assertEquals(200, put.status(), put.body());
    JsonNode stored = s.catalog.get(EntityType.PROJECTS, FOUNDER_PROJECT).orElseThrow().tree();
    assertEquals("程轩", stored.at("/contact/name").asText());
    assertEquals("founder@example.com", stored.at("/contact/email").asText());
    // the status and the second-incubation mark are an officer's
    back.put("status", "paused");
    TestServer.Response status =
        as(FOUNDER, "PUT", "/api/v1/projects/" + FOUNDER_PROJECT, Json.write(back));
    assertEquals(403, status.status(), status.body());
    assertEquals("status", status.json().at("/errors/0/field").asText());
    back.put("status", "active");
    back.putArray("tags").add("二次孵化");
    TestServer.Response mark =
        as(FOUNDER, "PUT", "/api/v1/projects/" + FOUNDER_PROJECT, Json.write(back));
    assertEquals(403, mark.status(), mark.body());
    assertEquals("tags", mark.json().at("/errors/0/field").asText());
    // another project's contact stays masked for everyone but the admin
    assertEquals(404, as(FOUNDER, "GET", "/api/v1/projects/syn-p-00008", null).status());
  }

  @Test
  void deletingAProjectOrAMentorEndsItsAssignments() {
    String project = recommendedTo(MENTOR2, "syn-m-00002");
    JsonNode accepted =
        as(MENTOR2, "POST", "/api/v1/feedback", accept(project, "syn-m-00002")).json();
    assertTrue(accepted.hasNonNull("assignmentId"), accepted.toString());
    assertEquals(204, as(ADMIN, "DELETE", "/api/v1/projects/" + project, null).status());
    for (JsonNode a :
        as(ADMIN, "GET", "/api/v1/mentors/syn-m-00002/assignments", null).json().get("items"))
      assertTrue(!a.get("projectId").asText().equals(project), a.toString());
    // recreated under the same id, paused and consenting to no one: the mentor sees nothing
    String recreated =
        "{\"name\":\"全新项目\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"status\":\"paused\","
            + "\"location\":{\"district\":\"laoshan\"}}";
    assertEquals(201, as(ADMIN, "PUT", "/api/v1/projects/" + project, recreated).status());
    assertEquals(404, as(MENTOR2, "GET", "/api/v1/projects/" + project, null).status());
    assertEquals(
        0,
        as(ADMIN, "GET", "/api/v1/projects/" + project + "/assignments", null)
            .json()
            .get("total")
            .asInt());

    // a deleted mentor no longer holds its projects
    String ghost = "ghost-mentor";
    ObjectNode m =
        (ObjectNode) s.catalog.get(EntityType.MENTORS, "syn-m-00003").orElseThrow().tree();
    m.put("id", ghost);
    m.remove("serviceDistricts");
    m.put("capacity", 5);
    assertEquals(201, as(ADMIN, "PUT", "/api/v1/mentors/" + ghost, Json.write(m)).status());
    String held = recommendedTo(ADMIN, ghost);
    assertTrue(
        as(ADMIN, "POST", "/api/v1/feedback", accept(held, ghost))
            .json()
            .hasNonNull("assignmentId"));
    assertEquals(204, as(ADMIN, "DELETE", "/api/v1/mentors/" + ghost, null).status());
    assertTrue(s.catalog.assignments().assignmentsOf(EntityType.PROJECTS, held, true).isEmpty());
  }

  @Test
  void headersNoRouteCanHonourAreRefused() throws IOException {
    String body = BadInputFuzzTest.PROJECT;
    assertEquals(
        415,
        s.send(
                "POST",
                "/api/v1/projects",
                "application/json; charset=latin1",
                body.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + ADMIN)
            .status());
    assertEquals(
        415,
        s.send(
                "POST",
                "/api/v1/projects",
                "application/json",
                body.getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + ADMIN,
                "Content-Encoding",
                "gzip")
            .status());
    String twice =
        raw(
            "GET /api/v1/parks HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + MENTOR
                + "\r\nAuthorization: Bearer "
                + ADMIN
                + "\r\n\r\n");
    assertTrue(twice.startsWith("HTTP/1.1 400"), twice);
    String rawByte =
        new String(
            ("GET /api/v1/parks?q=\u00ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Authorization: Bearer "
                    + ADMIN
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1),
            StandardCharsets.ISO_8859_1);
    String answer = raw(rawByte);
    assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    long t = System.nanoTime();
    String huge =
        raw(
            "POST /api/v1/policies/match HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 3000000000\r\n\r\n{}");
    assertTrue(huge.startsWith("HTTP/1.1 413"), huge);
    assertTrue(System.nanoTime() - t < 4_000_000_000L);
  }

  @Test
  void anonymousHealthSaysHowItIsNotWhatItHolds() {
    JsonNode anonymous = s.get("/health").json();
    assertEquals("ok", anonymous.get("status").asText());
    assertTrue(!anonymous.has("store") && !anonymous.has("storeSeq"), anonymous.toString());
    JsonNode admin = as(ADMIN, "GET", "/health", null).json();
    assertTrue(admin.has("store") && admin.has("storeSeq"), admin.toString());
  }

  @Test
  void anAllocationSaysConsentWhenConsentIsWhatIsMissing() {
    String refusing = projects(p -> "active".equals(p.status()) && !p.consent().mentors()).get(1);
    JsonNode draft =
        as(
                ADMIN,
                "POST",
                "/api/v1/allocations",
                "{\"projects\":[\"" + refusing + "\"],\"counterpart\":\"mentors\",\"minScore\":0}")
            .json();
    String reason = draft.at("/unassigned/0/reasons/0").asText();
    assertTrue(reason.contains("未同意"), draft.toString());
  }

  @Test
  void aDraftWhosePairNoLongerPassesItsRulesIsNotPublished() {
    String project = recommendedTo(ADMIN, "syn-m-00005");
    TestServer.Response draft =
        as(
            ADMIN,
            "POST",
            "/api/v1/allocations",
            "{\"projects\":[\"" + project + "\"],\"counterpart\":\"mentors\",\"minScore\":0}");
    assertEquals(201, draft.status(), draft.body());
    assertTrue(draft.json().get("assignments").size() == 1, draft.body());
    setStatus(project, "closed");
    TestServer.Response publish =
        as(
            ADMIN,
            "POST",
            "/api/v1/allocations/" + draft.json().get("id").asText() + "/publish",
            "{}");
    assertEquals(409, publish.status(), publish.body());
    assertTrue(publish.body().contains("项目不在服务中"), publish.body());
  }
}

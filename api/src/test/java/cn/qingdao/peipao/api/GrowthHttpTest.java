package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Project;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Growth records and risk alerts over HTTP on the demo data. */
class GrowthHttpTest {
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

  /** Monthly records of revenue ending last month, as a JSON array. */
  static String monthly(double... revenue) {
    LocalDate start = LocalDate.now().withDayOfMonth(1).minusMonths(revenue.length);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < revenue.length; i++)
      out.add(
          "{\"date\":\"%s\",\"revenue\":%s,\"employees\":12}"
              .formatted(start.plusMonths(i), revenue[i]));
    return "[" + String.join(",", out) + "]";
  }

  static TestServer.Response post(String project, String body) {
    return s.json("POST", "/api/v1/projects/" + project + "/growth", body);
  }

  @Test
  void aFallingRevenueRaisesAnAlertWithMarketMentorsAndARecoveryClearsIt() {
    String p = "syn-p-00010";
    TestServer.Response written = post(p, monthly(900000, 800000, 690000, 580000, 450000, 330000));
    assertEquals(201, written.status(), written.body());
    JsonNode alert = written.json().get("alert");
    assertEquals("high", alert.get("severity").asText(), alert.toString());
    assertEquals("revenue_decline", alert.at("/signals/0/kind").asText());
    assertTrue(alert.at("/signals/0/label").asText().endsWith("（p<0.001）"), alert.toString());
    assertTrue(alert.at("/signals/0/evidence/pValue").asDouble() < 0.05);
    // the alert opens an intervention: a ticket (channel alert) for each team it calls for, once
    JsonNode opened = TestServer.ok(s.get("/api/v1/tickets?projectId=" + p + "&limit=50"));
    List<String> needs = new ArrayList<>();
    for (JsonNode t : opened.get("items")) {
      assertEquals("alert", t.get("channel").asText());
      assertTrue(t.get("text").asText().startsWith("风险预警："), t.toString());
      needs.add(t.get("need").asText());
    }
    List<String> called = new ArrayList<>();
    alert.get("teams").forEach(t -> called.add(t.asText()));
    assertEquals(new java.util.TreeSet<>(called), new java.util.TreeSet<>(needs));
    post(p, monthly(900000, 800000, 690000, 580000, 450000, 330000));
    assertEquals(
        opened.get("total").asInt(),
        TestServer.ok(s.get("/api/v1/tickets?projectId=" + p + "&limit=50")).get("total").asInt(),
        "no duplicate while one is open");

    JsonNode history = TestServer.ok(s.get("/api/v1/projects/" + p + "/growth"));
    assertEquals(6, history.get("items").size());
    assertEquals(330000, history.at("/items/5/revenue").asInt());

    JsonNode listed = TestServer.ok(s.get("/api/v1/alerts?severity=high&limit=100"));
    JsonNode item = null;
    for (JsonNode i : listed.get("items")) if (i.get("projectId").asText().equals(p)) item = i;
    assertTrue(item != null, listed.toString());
    assertTrue(item.get("mentors").size() > 0, item.toString());
    List<String> teams = new ArrayList<>();
    item.get("teams").forEach(t -> teams.add(t.asText()));
    assertEquals("market", teams.get(0), "the most severe signal's team first: " + item);
    for (JsonNode m : item.get("mentors")) {
      Mentor mentor =
          (Mentor) s.catalog.entity(EntityType.MENTORS, m.get("id").asText()).orElseThrow();
      assertTrue(
          mentor.services().stream().anyMatch(teams::contains),
          mentor.id() + " " + mentor.services() + " offers none of " + teams);
    }
    String district =
        ((Project) s.catalog.entity(EntityType.PROJECTS, p).orElseThrow()).location().district();
    String other = district.equals("laoshan") ? "shinan" : "laoshan";
    for (JsonNode i :
        TestServer.ok(s.get("/api/v1/alerts?district=" + other + "&limit=100")).get("items"))
      assertTrue(!i.get("projectId").asText().equals(p));
    // by city: the project is in 青岛市, so it is listed there and not in 济南市
    assertTrue(TestServer.ok(s.get("/api/v1/alerts?city=370200&limit=100")).toString().contains(p));
    assertEquals(
        0, TestServer.ok(s.get("/api/v1/alerts?city=370100&limit=100")).get("total").asInt());

    // the next months recover: the decline is no longer there, the alert goes
    LocalDate next = LocalDate.now().withDayOfMonth(1);
    StringBuilder rebound = new StringBuilder("[");
    double[] up = {880000, 950000, 990000, 1020000, 1100000, 1150000};
    for (int i = 0; i < up.length; i++)
      rebound
          .append(i == 0 ? "" : ",")
          .append(
              "{\"date\":\"%s\",\"revenue\":%s}".formatted(next.minusDays(up.length - i), up[i]));
    rebound.append("]");
    TestServer.Response recovered = post(p, rebound.toString());
    assertEquals(201, recovered.status(), recovered.body());
    assertTrue(recovered.json().get("alert").isNull(), recovered.body());
    assertEquals(0, TestServer.ok(s.get("/api/v1/projects/" + p + "/alerts")).get("items").size());
    // the risk is gone: its intervention tickets close, saying why
    JsonNode after = TestServer.ok(s.get("/api/v1/tickets?projectId=" + p + "&limit=50"));
    assertTrue(after.get("total").asInt() > 0);
    for (JsonNode t : after.get("items")) {
      assertEquals("closed", t.get("status").asText(), t.toString());
      assertTrue(t.get("outcome").asText().startsWith("风险已解除"), t.toString());
    }
  }

  @Test
  void aHealthyFileRaisesNoAlertAndAShortRunwayDoes() {
    TestServer.Response healthy =
        post("syn-p-00011", monthly(100000, 120000, 130000, 150000, 170000));
    assertTrue(healthy.json().get("alert").isNull(), healthy.body());
    TestServer.Response runway =
        post(
            "syn-p-00012",
            "{\"date\":\"" + LocalDate.now().minusDays(3) + "\",\"runwayMonths\":2}");
    assertEquals("runway_short", runway.json().at("/alert/signals/0/kind").asText());
    JsonNode own = TestServer.ok(s.get("/api/v1/projects/syn-p-00012/alerts"));
    assertEquals(
        List.of("finance", "capital"),
        List.of(own.at("/items/0/teams/0").asText(), own.at("/items/0/teams/1").asText()));
  }

  @Test
  void bulkImportIsAllOrNothingWithLinesNamed() {
    String good = "{\"projectId\":\"syn-p-00020\",\"date\":\"2026-01-01\",\"revenue\":5}";
    String bad = "{\"projectId\":\"syn-p-00021\",\"revenue\":-1}";
    String unknown = "{\"projectId\":\"nope\",\"date\":\"2026-01-01\",\"revenue\":5}";
    TestServer.Response r =
        s.ndjson(
            "/api/v1/growth/import",
            String.join("\n", good, bad, unknown).getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.status(), r.body());
    List<String> fields = HttpApiTest.fields(r);
    assertTrue(
        fields.containsAll(List.of("lines[2].date", "lines[2].revenue", "lines[3].projectId")),
        fields.toString());
    assertEquals(
        0, TestServer.ok(s.get("/api/v1/projects/syn-p-00020/growth")).get("items").size());
    TestServer.Response ok =
        s.ndjson(
            "/api/v1/growth/import",
            (good + "\n" + good.replace("2026-01-01", "2026-02-01") + "\n")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(200, ok.status(), ok.body());
    assertEquals(
        2, TestServer.ok(s.get("/api/v1/projects/syn-p-00020/growth")).get("items").size());
  }

  static final String MENTOR =
      "{\"id\":\"%s\",\"name\":\"导师\",\"kind\":\"mentor\",\"services\":[\"finance\"],\"tags\":%s,"
          + "\"sectors\":[\"marine\"],\"stages\":[\"seed\"],\"location\":{\"district\":\"jimo\"},"
          + "\"serviceDistricts\":[],\"capacity\":5,\"description\":\"海洋 金融\"}";

  @Test
  void aFailedProjectReopensThroughSecondIncubationAndItsMentorsAreFavoured() {
    String p = "reopen-p";
    assertEquals(
        201,
        s.json(
                "PUT",
                "/api/v1/projects/" + p,
                "{\"name\":\"海洋养殖项目\",\"sectors\":[\"marine\"],\"stage\":\"seed\",\"needs\":[\"finance\"],"
                    + "\"location\":{\"district\":\"jimo\"},\"status\":\"failed\"}")
            .status());
    assertEquals(
        201,
        s.json("PUT", "/api/v1/mentors/si-a", MENTOR.formatted("si-a", "[\"二次孵化\"]")).status());
    assertEquals(
        201, s.json("PUT", "/api/v1/mentors/si-b", MENTOR.formatted("si-b", "[]")).status());
    // failed: only mentors offering second incubation
    JsonNode failed =
        TestServer.ok(s.get("/api/v1/projects/" + p + "/recommendations?target=mentors&limit=100"));
    for (JsonNode i : failed.get("items")) {
      var m = (Mentor) s.catalog.entity(EntityType.MENTORS, i.get("id").asText()).orElseThrow();
      assertTrue(m.tags().contains("二次孵化"), m.id());
    }
    assertEquals(409, s.json("POST", "/api/v1/projects/syn-p-00001/reopen", "{}").status());
    JsonNode reopened =
        TestServer.ok(
            s.json("POST", "/api/v1/projects/" + p + "/reopen", "{\"reason\":\"新团队接手\"}"));
    assertEquals("active", reopened.get("status").asText());
    assertTrue(reopened.get("tags").toString().contains("二次孵化"));
    JsonNode history = TestServer.ok(s.get("/api/v1/projects/" + p + "/history"));
    assertEquals("reopen: failed → active (新团队接手)", history.at("/items/0/action").asText());
    assertEquals("create", history.at("/items/1/action").asText());
    // active again: every mentor, but the one offering second incubation ranks above its twin
    List<String> ids = new ArrayList<>();
    JsonNode a = null;
    for (JsonNode i :
        TestServer.ok(s.get("/api/v1/projects/" + p + "/recommendations?target=mentors&limit=100"))
            .get("items")) {
      ids.add(i.get("id").asText());
      if (i.get("id").asText().equals("si-a")) a = i;
    }
    assertTrue(ids.contains("si-b") && ids.indexOf("si-a") < ids.indexOf("si-b"), ids.toString());
    assertTrue(a.get("reasons").toString().contains("二次孵化"), a.toString());
  }

  @Test
  void badRequestsNameTheField() {
    assertTrue(HttpApiTest.fields(post("syn-p-00001", "{\"revenue\":5}")).contains("date"));
    assertTrue(
        HttpApiTest.fields(post("syn-p-00001", "{\"date\":\"2026-01-01\"}")).contains("measures"));
    assertTrue(
        HttpApiTest.fields(post("syn-p-00001", "[{\"date\":\"2026-01-01\",\"revenue\":\"a lot\"}]"))
            .contains("[0].revenue"));
    assertEquals(404, post("nope", "{\"date\":\"2026-01-01\",\"revenue\":5}").status());
    assertEquals(400, s.get("/api/v1/alerts?severity=extreme").status());
    assertEquals(400, s.get("/api/v1/alerts?district=atlantis").status());
    assertEquals(400, s.get("/api/v1/alerts?city=370102").status(), "a county is not a city");
  }
}

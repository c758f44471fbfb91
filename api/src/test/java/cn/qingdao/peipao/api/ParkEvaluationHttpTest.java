package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parks' yearly reports and their evaluation over HTTP: a park files its report (again: replaced),
 * bad figures are named, the sheet cites its sources and adds up, and officers rank the parks of
 * their region only.
 */
class ParkEvaluationHttpTest {
  static final String PARK = "k-shaohaihui";
  static final String PARK_KEY = "park-eval-key-0123456789";
  static final String ADMIN = "admin-eval-key-0123456789";
  static final String CITY = "officer-city-eval-key-0123456789";
  static final String LAOSHAN = "officer-laoshan-eval-key-0123456789";
  static final int YEAR = LocalDate.now().getYear() - 1;

  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    String keys =
        """
        [{"name":"p","role":"park","entity":"%s","key":"%s"},
         {"name":"a","role":"admin","key":"%s"},
         {"name":"青岛市","role":"officer","region":"370200","key":"%s"},
         {"name":"崂山区","role":"officer","region":"370212","key":"%s"}]"""
            .formatted(PARK, PARK_KEY, ADMIN, CITY, LAOSHAN);
    s = TestServer.withDemoData(dir, new KeyAccessControl(ApiKeys.read(Json.parse(keys))));
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static String report(int staff, double techShare) {
    return report(staff, techShare, YEAR);
  }

  static String report(int staff, double techShare, int year) {
    return ("{\"year\":%d,\"area\":30000,\"tenants\":90,\"revenue\":6e8,\"jobs\":1500,"
            + "\"highTech\":20,\"specialized\":9,\"techShare\":%s,\"roadshows\":4,"
            + "\"investmentEvents\":10,\"financeInstitutions\":12,\"students\":60,\"staff\":%d}")
        .formatted(year, techShare, staff);
  }

  @Test
  void aParkFilesItsReportAndReadsItsSheet() {
    // a year no other test files, so the first report is new
    int year = YEAR - 1;
    TestServer.Response first =
        s.as(PARK_KEY, "POST", "/api/v1/parks/" + PARK + "/reports", report(8, 0.8, year));
    assertEquals(201, first.status(), first.body());
    TestServer.Response again =
        s.as(PARK_KEY, "POST", "/api/v1/parks/" + PARK + "/reports", report(12, 0.8, year));
    assertEquals(200, again.status());
    assertTrue(again.json().get("replaced").asBoolean());
    JsonNode sheet =
        TestServer.ok(
            s.as(PARK_KEY, "GET", "/api/v1/parks/" + PARK + "/evaluation?year=" + year, null));
    double sum = 0;
    for (JsonNode line : sheet.get("lines")) {
      assertTrue(line.get("source").asText().length() > 6, line.toString());
      assertTrue(line.get("points").asDouble() <= line.get("maxPoints").asDouble() + 1e-9);
      sum += line.get("points").asDouble();
    }
    assertEquals(sum, sheet.get("score").asDouble(), 0.01);
    assertEquals(12, sheet.at("/lines/11/value").asInt(), "the replacing report counts");
    // techShare 0.8: two thirds of the way from the plan's 70% to its 85%
    JsonNode tech = null;
    for (JsonNode line : sheet.get("lines"))
      if (line.get("key").asText().equals("techShare")) tech = line;
    assertEquals(25.0 / 3 * (0.8 - 0.7) / 0.15, tech.get("points").asDouble(), 0.01);
    assertTrue(sheet.get("proposedSubsidy").asLong() <= 500_000);
  }

  @Test
  void badFiguresAreNamed() {
    String[][] cases = {
      {report(10, 1.2), "techShare"},
      {report(10, 0.8).replace("\"highTech\":20", "\"highTech\":200"), "highTech"},
      {report(10, 0.8).replace("\"year\":" + YEAR, "\"year\":" + (YEAR + 5)), "year"},
      {report(10, 0.8).replace(",\"students\":60", ""), "students"},
    };
    for (String[] c : cases) {
      TestServer.Response r = s.as(PARK_KEY, "POST", "/api/v1/parks/" + PARK + "/reports", c[0]);
      assertEquals(400, r.status(), r.body());
      assertEquals(c[1], r.json().at("/errors/0/field").asText(), r.body());
    }
    assertEquals(
        404, s.as(ADMIN, "GET", "/api/v1/parks/" + PARK + "/evaluation?year=2001", null).status());
  }

  @Test
  void officersRankTheParksOfTheirRegion() {
    for (String park : new String[] {"k-postdoc-park", "k-dabaodao-street"})
      assertEquals(
          201, s.as(ADMIN, "POST", "/api/v1/parks/" + park + "/reports", report(10, 0.9)).status());
    s.as(PARK_KEY, "POST", "/api/v1/parks/" + PARK + "/reports", report(12, 0.8));
    JsonNode city =
        TestServer.ok(s.as(CITY, "GET", "/api/v1/parks/evaluations?year=" + YEAR, null));
    assertEquals(3, city.get("parks").asInt());
    JsonNode laoshan =
        TestServer.ok(s.as(LAOSHAN, "GET", "/api/v1/parks/evaluations?year=" + YEAR, null));
    assertEquals(0, laoshan.get("parks").asInt(), "no demo park lies in 崂山区");
    assertEquals(
        404,
        s.as(LAOSHAN, "GET", "/api/v1/parks/" + PARK + "/evaluation?year=" + YEAR, null).status());
    double prev = Double.MAX_VALUE;
    for (JsonNode item : city.get("items")) {
      assertTrue(item.get("score").asDouble() <= prev);
      prev = item.get("score").asDouble();
    }
  }
}

package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger over HTTP: JSON, and the CSV and XLSX downloads open as tables with the same figures.
 */
class StatsHttpTest {
  @TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
    // a few needs raised today, one answered
    for (String need : List.of("finance", "market", "space")) {
      String body =
          "{\"projectId\":\"syn-p-00001\",\"need\":\""
              + need
              + "\",\"text\":\"需要帮助\",\"channel\":\"hotline\"}";
      assertEquals(201, s.json("POST", "/api/v1/tickets", body).status());
    }
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  static byte[] bytes(String path) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(s.base + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  @Test
  void jsonCsvAndXlsxSayTheSame() throws Exception {
    JsonNode json = TestServer.ok(s.get("/api/v1/stats?groupBy=need"));
    long raised = json.at("/total/needsRaised").asLong();
    assertTrue(raised >= 3, json.toString());
    String csv = new String(bytes("/api/v1/stats?groupBy=need&format=csv"), StandardCharsets.UTF_8);
    assertTrue(csv.startsWith("\uFEFF分组,名称,需求数"), csv);
    String[] lines = csv.strip().split("\r\n");
    assertEquals(json.get("lines").size() + 2, lines.length, "header, one line per group, 合计");
    assertTrue(
        lines[lines.length - 1].startsWith("total,合计," + raised + ","), lines[lines.length - 1]);
    try (ReadableWorkbook wb =
        new ReadableWorkbook(
            new ByteArrayInputStream(bytes("/api/v1/stats?groupBy=need&format=xlsx")))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertEquals("需求数", rows.get(0).getCellText(2));
      Row last = rows.get(rows.size() - 1);
      assertEquals("合计", last.getCellText(1));
      assertEquals(raised, last.getCellAsNumber(2).orElseThrow().longValue());
      assertEquals(json.get("lines").size() + 2, rows.size());
    }
  }

  @Test
  void badParametersNameTheirField() {
    for (String[] c :
        new String[][] {
          {"groupBy=year", "groupBy"},
          {"from=2026-05-01&to=2026-04-01", "to"},
          {"format=pdf", "format"},
          {"city=370102", "city"},
          {"from=yesterday", "from"}
        }) {
      TestServer.Response r = s.get("/api/v1/stats?" + c[0]);
      assertEquals(400, r.status(), c[0]);
      assertEquals(List.of(c[1]), HttpApiTest.fields(r), c[0]);
    }
    assertEquals(
        LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString(),
        TestServer.ok(s.get("/api/v1/stats")).get("to").asText());
  }

  @Test
  void policyOutreachMovesForwardAndReachesTheLedger() {
    String o = "/api/v1/policies/pol-cdb-personal/outreach";
    String p = "syn-p-00002";
    for (String step : List.of("contacted", "applied"))
      assertEquals(
          201,
          s.json("POST", o, "{\"projectId\":\"" + p + "\",\"status\":\"" + step + "\"}").status());
    TestServer.Response amountTooEarly =
        s.json("POST", o, "{\"projectId\":\"" + p + "\",\"status\":\"applied\",\"amount\":5}");
    assertEquals(List.of("amount"), HttpApiTest.fields(amountTooEarly));
    TestServer.Response overMax =
        s.json("POST", o, "{\"projectId\":\"" + p + "\",\"status\":\"granted\",\"amount\":300001}");
    assertEquals(List.of("amount"), HttpApiTest.fields(overMax));
    assertEquals(
        201,
        s.json("POST", o, "{\"projectId\":\"" + p + "\",\"status\":\"granted\",\"amount\":200000}")
            .status());
    assertEquals(
        409,
        s.json("POST", o, "{\"projectId\":\"" + p + "\",\"status\":\"applied\"}").status(),
        "a step does not go back");
    JsonNode summary = TestServer.ok(s.get(o));
    assertEquals(1, summary.at("/counts/granted").asInt());
    assertEquals(200000, summary.get("grantedAmount").asLong());
    JsonNode ledger = TestServer.ok(s.get("/api/v1/stats"));
    assertTrue(ledger.at("/total/grantedAmount").asLong() >= 200000, ledger.toString());
    assertTrue(ledger.at("/total/contacted").asLong() >= 1);
    assertEquals(
        404,
        s.json(
                "POST",
                "/api/v1/policies/pol-nope/outreach",
                "{\"projectId\":\"" + p + "\",\"status\":\"contacted\"}")
            .status());
  }
}

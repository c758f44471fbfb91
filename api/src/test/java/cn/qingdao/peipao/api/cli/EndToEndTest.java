package cn.qingdao.peipao.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.ApiConfig;
import cn.qingdao.peipao.api.App;
import cn.qingdao.peipao.api.Services;
import cn.qingdao.peipao.api.http.AccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import → index → search through the command line and a real server, on committed data. */
@Tag("sqlite-only") // SQLite files and the CLI on the embedded store; once
class EndToEndTest {
  static final Path FIXTURES = Path.of("..", "datasets", "fixtures");
  @TempDir Path dir;

  private static JsonNode get(Javalin app, String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Json.parse(r.body());
  }

  private Javalin serve(Catalog catalog) {
    return App.create(
            ApiConfig.defaults().withPort(0).withDataDir(dir),
            Services.of(catalog, QingdaoDataset.taxonomy()),
            AccessControl.open())
        .start();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<String> names(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.get("items").forEach(i -> out.add(i.get("entity").get("name").asText()));
    return out;
  }

  @Test
  void cliImportThenServeThenSearch() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(
        List.of(
            "import",
            "projects",
            FIXTURES.resolve("projects.jsonl").toString(),
            "--data",
            dir.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    Main.run(
        List.of(
            "import",
            "mentors",
            FIXTURES.resolve("mentors.jsonl").toString(),
            "--data",
            dir.toString(),
            "--atomic"),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String log = out.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("10 lines, 10 applied (10 created, 0 updated), 0 rejected"), log);
    assertThrows(
        RuntimeException.class,
        () ->
            Main.run(
                List.of(
                    "import",
                    "projects",
                    FIXTURES.resolve("projects-with-errors.jsonl").toString(),
                    "--data",
                    dir.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    Main.run(
        List.of("reindex", "--data", dir.toString()),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertTrue(
        out.toString(StandardCharsets.UTF_8).contains("reindexed 13 entities"),
        out.toString(StandardCharsets.UTF_8));

    try (Catalog catalog = Catalog.open(dir, QingdaoDataset.taxonomy())) {
      Javalin app = serve(catalog);
      try {
        JsonNode r = get(app, "/api/v1/projects?q=" + q("海洋 大模型"));
        assertEquals(
            List.of("fx-p-01", "fx-p-02"),
            List.of(
                    r.get("items").get(0).get("id").asText(),
                    r.get("items").get(1).get("id").asText())
                .stream()
                .sorted()
                .toList());
        JsonNode m = get(app, "/api/v1/mentors?q=" + q("人工智能"));
        assertEquals("fx-m-01", m.get("items").get(0).get("id").asText());
        assertEquals(10, get(app, "/health").get("store").get("projects").asInt());
      } finally {
        app.stop();
      }
    }
  }

  @Test
  void demoDataAnswersTheTourQueries() throws Exception {
    try (Catalog catalog = Catalog.open(dir, QingdaoDataset.taxonomy())) {
      DemoData.loadOnce(
          catalog,
          QingdaoDataset.taxonomy(),
          Services.of(catalog, QingdaoDataset.taxonomy()),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      long seq = catalog.storeSeq();
      DemoData.loadOnce(
          catalog,
          QingdaoDataset.taxonomy(),
          Services.of(catalog, QingdaoDataset.taxonomy()),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertEquals(seq, catalog.storeSeq(), "demo data loads once");
      Javalin app = serve(catalog);
      try {
        JsonNode r = get(app, "/api/v1/projects?size=10&q=" + q("海洋 大模型"));
        assertTrue(r.get("total").asInt() > 10);
        for (String name : names(r)) {
          assertTrue(
              name.contains("海洋") && name.contains("大模型"),
              "top results must be about ocean large models: " + names(r));
        }
        JsonNode alerts = get(app, "/api/v1/alerts?limit=1");
        assertTrue(alerts.get("total").asInt() > 40, "the demo's planted risks raise alerts");
        JsonNode all = get(app, "/api/v1/projects?size=0");
        assertEquals(QingdaoDataset.DEMO_PROJECTS, all.get("total").asInt());
        int sum = 0;
        for (JsonNode c : all.get("facets").get("district")) sum += c.asInt();
        assertEquals(all.get("total").asInt(), sum, "district facet counts add up to the total");
        int laoshan = all.get("facets").get("district").get("laoshan").asInt();
        JsonNode narrowed = get(app, "/api/v1/projects?size=100&district=laoshan&stage=seed");
        assertTrue(narrowed.get("total").asInt() > 0 && narrowed.get("total").asInt() < laoshan);
        narrowed
            .get("items")
            .forEach(
                i -> {
                  assertEquals("laoshan", i.get("entity").get("location").get("district").asText());
                  assertEquals("seed", i.get("entity").get("stage").asText());
                });
        JsonNode policies = get(app, "/api/v1/policies?q=" + q("创业担保贷款"));
        List<String> loanPolicies = new ArrayList<>();
        for (int i = 0; i < 5; i++)
          loanPolicies.add(policies.get("items").get(i).get("entity").get("name").asText());
        assertTrue(
            loanPolicies.stream().allMatch(n -> n.contains("创业担保贷款")), loanPolicies.toString());
        assertTrue(loanPolicies.contains("创业担保贷款（个人）"), loanPolicies.toString());
        JsonNode parks = get(app, "/api/v1/parks?district=jiaozhou");
        assertEquals("少海汇创客+创业孵化基地", parks.get("items").get(0).get("entity").get("name").asText());
      } finally {
        app.stop();
      }
    }
  }
}

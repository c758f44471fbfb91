package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Search quality on the demo data: for realistic Chinese queries, at least 8 of the top 10 projects
 * belong to the sectors the query means — a word inside a longer one (经济 in 低空经济) must not pull in
 * another sector.
 */
class SearchQualityHttpTest {
  @org.junit.jupiter.api.io.TempDir static Path dir;
  static TestServer s;

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  /** Query → the sectors its top results must be in (any of them). */
  static final Map<String, List<String>> EXPECTED =
      Map.ofEntries(
          Map.entry("数字经济", List.of("ngit")),
          Map.entry("海洋牧场", List.of("marine")),
          Map.entry("无人机", List.of("low_altitude")),
          Map.entry("预制菜", List.of("agriculture")),
          Map.entry("跨境电商", List.of("modern_services")),
          Map.entry("工业互联网", List.of("ngit")),
          Map.entry("新能源汽车零部件", List.of("icv_nev")),
          Map.entry("生物医药", List.of("life_health")),
          Map.entry("人工智能", List.of("ai")),
          Map.entry("大模型", List.of("ai", "marine")),
          Map.entry("光伏", List.of("green_energy")),
          Map.entry("储能", List.of("green_energy")),
          Map.entry("智能家居", List.of("smart_appliance")),
          Map.entry("工业机器人", List.of("smart_equipment")),
          Map.entry("人形机器人", List.of("future")),
          Map.entry("海水淡化", List.of("marine")),
          Map.entry("乡村振兴", List.of("agriculture")),
          Map.entry("精细化工", List.of("advanced_chemicals")),
          Map.entry("直播带货", List.of("modern_services")),
          Map.entry("低空经济", List.of("low_altitude")),
          Map.entry("氢能", List.of("green_energy")),
          Map.entry("芯片", List.of("ngit")));

  static Stream<Arguments> queries() {
    return EXPECTED.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void theTopTenAreInTheSectorsTheQueryMeans(String q, List<String> sectors) {
    JsonNode r =
        TestServer.ok(
            s.get("/api/v1/projects?size=10&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
    List<String> wrong = new ArrayList<>();
    int right = 0;
    for (JsonNode item : r.get("items")) {
      JsonNode e = item.get("entity");
      boolean in = false;
      for (JsonNode sc : e.get("sectors")) in |= sectors.contains(sc.asText());
      if (in) right++;
      else wrong.add(e.get("name").asText() + e.get("sectors"));
    }
    assertTrue(right >= 8, q + ": " + right + "/10 in " + sectors + "; others: " + wrong);
  }
}

package cn.qingdao.peipao.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchQualityTest {
  @TempDir static Path dir;
  static Catalog catalog;

  @BeforeAll
  static void load() {
    catalog = TestStores.open(dir, CatalogTest.TAXONOMY);
    catalog.importLines(
        EntityType.PROJECTS, Fixtures.lines("projects.jsonl").iterator(), true, "test");
    catalog.create(
        catalog
            .reader()
            .read(
                EntityType.PROJECTS,
                Json.parse(
                    "{\"id\":\"syn-ai\",\"name\":\"果园管理\",\"description\":\"用人工智能识别果树病虫害\","
                        + "\"sectors\":[\"agriculture\"],\"stage\":\"seed\",\"location\":{\"district\":\"laixi\"}}")),
        "test");
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  private static SearchResult search(String q, Map<String, List<String>> filters) {
    return catalog.search(new SearchRequest(EntityType.PROJECTS, q, filters, 0, 20));
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(SearchResult.Hit::id).toList();
  }

  @Test
  void oceanLargeModelProjectsComeFirst() {
    List<String> ids = ids(search("海洋 大模型", Map.of()));
    assertEquals(Set.of("fx-p-01", "fx-p-02"), Set.copyOf(ids.subList(0, 2)), ids.toString());
    assertTrue(
        ids.contains("fx-p-04"), "a large-model project without the ocean still matches: " + ids);
    assertTrue(ids.indexOf("fx-p-04") > 1 && ids.indexOf("fx-p-03") > 1);
  }

  @Test
  void latinAbbreviationFindsTheChineseTermThroughSynonyms() {
    List<String> ids = ids(search("AI", Map.of()));
    assertTrue(ids.contains("syn-ai"), "AI should find 人工智能 in the description: " + ids);
    assertTrue(ids.contains("fx-p-08"), ids.toString());
    assertTrue(ids(search("LLM", Map.of())).contains("fx-p-04"), "LLM should find 大模型");
  }

  @Test
  void scoresDescendAndTiesAreBrokenById() {
    SearchResult r = search("海洋", Map.of());
    for (int i = 1; i < r.hits().size(); i++) {
      var a = r.hits().get(i - 1);
      var b = r.hits().get(i);
      assertTrue(
          a.score() > b.score() || (a.score() == b.score() && a.id().compareTo(b.id()) < 0),
          a + " before " + b);
    }
    List<String> all = ids(search(null, Map.of()));
    assertEquals(all.stream().sorted().toList(), all, "without a query, results are in id order");
  }

  @Test
  void facetCountsAddUpForSingleValuedDimensions() {
    SearchResult r = search(null, Map.of());
    assertEquals(11, r.total());
    assertEquals(
        r.total(), r.facets().get("district").values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(
        r.total(), r.facets().get("stage").values().stream().mapToInt(Integer::intValue).sum());
    assertEquals(2, r.facets().get("district").get("shibei"));
    int sectorMentions =
        r.facets().get("sector").values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(15, sectorMentions, "sector is multi-valued: 11 projects name 15 sectors");
  }

  @Test
  void filtersNarrowAndCombine() {
    assertEquals(
        List.of("fx-p-02", "fx-p-10"), ids(search(null, Map.of("district", List.of("shinan")))));
    assertEquals(
        List.of("fx-p-10"),
        ids(search(null, Map.of("district", List.of("shinan"), "stage", List.of("seed")))));
    assertEquals(
        List.of("fx-p-02", "fx-p-05", "fx-p-10"),
        ids(
            search(
                null,
                Map.of(
                    "district",
                    List.of("shinan", "shibei"),
                    "need",
                    List.of("policy", "capital", "space")))));
    SearchResult filtered = search("海洋", Map.of("stage", List.of("growth")));
    assertEquals(Set.of("fx-p-03", "fx-p-09"), Set.copyOf(ids(filtered)));
    assertEquals(Map.of("growth", 2), filtered.facets().get("stage"));
  }

  @Test
  void pagingWalksTheSameOrder() {
    List<String> all = ids(search("海洋", Map.of()));
    List<String> paged = new java.util.ArrayList<>();
    for (int offset = 0; offset < all.size(); offset += 2) {
      catalog
          .search(new SearchRequest(EntityType.PROJECTS, "海洋", Map.of(), offset, 2))
          .hits()
          .forEach(h -> paged.add(h.id()));
    }
    assertEquals(all, paged);
  }
}

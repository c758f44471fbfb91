package cn.qingdao.peipao.index.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.spaces.ParkEvaluation.Report;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The park evaluation: every sentence it cites is in the source documents word for word; each
 * score, for seeded random reports, equals a reference written out from the plan's targets; the
 * subsidy never exceeds 50万, and a park that does better on every indicator never ranks lower.
 */
class ParkEvaluationTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();

  @TempDir static Path dir;
  static Catalog catalog;
  static ParkEvaluation evaluation;
  static List<String> parks = new ArrayList<>();

  @BeforeAll
  static void load() {
    catalog = TestStores.open(dir, TAXONOMY);
    var lines =
        QingdaoDataset.demo(EntityType.PARKS, TAXONOMY).stream().map(Json::write).iterator();
    assertTrue(catalog.importLines(EntityType.PARKS, lines, true, "test").committed());
    QingdaoDataset.demo(EntityType.PARKS, TAXONOMY).forEach(p -> parks.add(p.get("id").asText()));
    evaluation = new ParkEvaluation(catalog);
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  /** Punctuation and spaces dropped: the sources mix full- and half-width marks. */
  static String normalised(String s) {
    return s.replaceAll("[\\s\\p{Punct}，。；：、（）“”《》！？]", "");
  }

  @Test
  void everyCitedSentenceIsInTheSources() throws Exception {
    StringBuilder corpus = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("../datasets/sources"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".txt")).toList())
        corpus.append(normalised(Files.readString(f, StandardCharsets.UTF_8)));
    }
    List<String> cited = new ArrayList<>();
    ParkEvaluation.INDICATORS.forEach(i -> cited.add(i.quote()));
    cited.addAll(
        List.of(
            ParkEvaluation.SUBSIDY_QUOTE,
            ParkEvaluation.SPLIT_QUOTE,
            ParkEvaluation.EXIT_QUOTE,
            ParkEvaluation.STAFF_QUOTE));
    for (String q : cited)
      assertTrue(corpus.toString().contains(normalised(q)), "not in the sources: " + q);
    assertTrue(!corpus.toString().contains(normalised("科技型企业占比提高到90%")), "the check can fail");
  }

  static Report random(Random r, int year) {
    return new Report(
        year,
        r.nextInt(120_000),
        r.nextInt(400),
        r.nextDouble() * 5e9,
        r.nextInt(5000),
        r.nextInt(60),
        r.nextInt(30),
        0.5 + r.nextDouble() * 0.5,
        r.nextInt(8),
        r.nextInt(16),
        r.nextInt(16),
        r.nextInt(150),
        r.nextInt(16));
  }

  /** The plan's targets written out again, as a reviewer would compute a sheet by hand. */
  static double reference(Report r, int n) {
    double perGroup3 = 25.0 / 3, perGroup2 = 25.0 / 2, perGroup4 = 25.0 / 4;
    double s = 0;
    s += perGroup3 * Math.min(1, r.area() / (500_000.0 / n));
    s += perGroup3 * Math.min(1, r.tenants() / (1500.0 / n));
    s += perGroup3 * Math.min(1, r.revenue() / (2e10 / n));
    s += perGroup3 * Math.max(0, Math.min(1, (r.techShare() - 0.70) / 0.15));
    s += perGroup3 * Math.min(1, r.highTech() / (350.0 / n));
    s += perGroup3 * Math.min(1, r.specialized() / (170.0 / n));
    s += perGroup2 * Math.min(1, r.jobs() / (18000.0 / n));
    s += perGroup2 * Math.min(1, r.students() / (500.0 / n));
    s += perGroup4 * Math.min(1, r.roadshows() / 4.0);
    s += perGroup4 * Math.min(1, r.investmentEvents() / 10.0);
    s += perGroup4 * Math.min(1, r.financeInstitutions() / 10.0);
    s += perGroup4 * Math.min(1, r.staff() / 10.0);
    return s;
  }

  @Test
  void scoresEqualTheReferenceAndTheRankingRespectsDominance() {
    Random rnd = new Random(2026);
    int year = 2025;
    List<Report> filed = new ArrayList<>();
    for (String p : parks) {
      Report r = random(rnd, year);
      evaluation.file(p, r, "test");
      filed.add(r);
    }
    var ranking = evaluation.rank(year, x -> true);
    assertEquals(parks.size(), ranking.parks());
    for (int i = 0; i < parks.size(); i++) {
      String id = parks.get(i);
      var sheet = evaluation.sheet(id, year);
      // each line is rounded to the cent of a point: the sum may drift by that much per line
      assertEquals(reference(filed.get(i), parks.size()), sheet.score(), 0.06, id);
      assertTrue(sheet.proposedSubsidy() <= ParkEvaluation.MAX_SUBSIDY);
      assertEquals(12, sheet.lines().size());
      if (filed.get(i).staff() < 10) assertTrue(!sheet.proposal().equals("keep"), id);
    }
    for (int i = 1; i < ranking.items().size(); i++)
      assertTrue(ranking.items().get(i - 1).score() >= ranking.items().get(i).score());
    // a park that reports at least as much of everything never scores lower
    Report better = new Report(year, 1e6, 2000, 3e10, 20000, 400, 200, 0.9, 5, 12, 12, 600, 12);
    evaluation.file(parks.get(0), better, "test");
    assertEquals(
        parks.get(0), evaluation.rank(year, x -> true).items().get(0).parkId(), "full marks first");
    assertEquals(100.0, evaluation.sheet(parks.get(0), year).score(), 0.05);
    assertEquals(
        ParkEvaluation.MAX_SUBSIDY, evaluation.sheet(parks.get(0), year).proposedSubsidy());
  }
}

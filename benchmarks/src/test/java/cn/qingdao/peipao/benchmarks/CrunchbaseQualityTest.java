package cn.qingdao.peipao.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseEcosystem;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseEcosystem.TestCompany;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseFiles;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseParams;
import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.core.taxonomy.TaxonomyReader;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke version of the Crunchbase protocol, on a hand-written miniature of the export. */
class CrunchbaseQualityTest {
  static final Path MINI = Path.of("src/test/resources/crunchbase-mini");

  @Test
  void theImporterReadsTheExportsQuirksAndSplitsByDate() throws Exception {
    CrunchbaseFiles.Data data = CrunchbaseFiles.read(MINI);
    assertEquals(
        Map.of("duplicate", 1, "blank company or investor name", 1, "blank or bad date", 1),
        data.skipped());
    assertEquals(11, data.companies().size(), "CR line endings split the rows");
    CrunchbaseEcosystem eco = CrunchbaseEcosystem.build(data, CrunchbaseParams.DEFAULTS);
    Taxonomy t = TaxonomyReader.read(eco.taxonomy());
    assertEquals(
        Set.of("biotech", "games_video", "software"),
        t.sectors().stream().map(s -> s.code()).collect(Collectors.toSet()));
    assertEquals(List.of("seed", "early", "growth", "expansion", "late"), t.stageCodeList());
    assertTrue(t.district("us_ca").isPresent() && t.district("us_tx").isPresent());
    assertEquals(
        List.of("Bay Seed", "Big Fund", "Charles River Bio", "Lone Star Angel"),
        List.copyOf(eco.investorIds().keySet()),
        "investors with a training edge, in name order");
    assertEquals(5, eco.portfolioSizes().get(eco.investorIds().get("Big Fund")));
    // new 2013 pairs with known investors only: Unknown Capital and the repeat pair drop out
    Map<String, TestCompany> tests =
        eco.tests().stream().collect(Collectors.toMap(TestCompany::name, x -> x));
    assertEquals(Set.of("Bio New", "Ghost Two", "Soft New"), tests.keySet());
    assertEquals(
        Set.of(eco.investorIds().get("Bay Seed"), eco.investorIds().get("Big Fund")),
        tests.get("Soft New").relevant());
    assertFalse(tests.get("Ghost Two").hasMetadata());
    assertFalse(tests.get("Ghost Two").profile().has("sectors"), "nothing invented");
    assertEquals("seed", tests.get("Soft New").profile().get("stage").asText());
  }

  @Test
  void theEngineFindsTheObviousInvestorAndBeatsPopularity(@TempDir Path work) throws Exception {
    CrunchbaseEcosystem eco =
        CrunchbaseEcosystem.build(CrunchbaseFiles.read(MINI), CrunchbaseParams.DEFAULTS);
    try (Catalog catalog = Catalog.open(work.resolve("top"), TaxonomyReader.read(eco.taxonomy()))) {
      BenchData.load(catalog, EntityType.INVESTORS, eco.investors());
      Recommender r =
          new Recommender(
              catalog.index(), catalog.reader(), CrunchbaseEcosystem.profiles(), Clock.systemUTC());
      for (var expected :
          Map.of("Soft New", "Bay Seed", "Bio New", "Charles River Bio").entrySet()) {
        TestCompany t =
            eco.tests().stream().filter(x -> x.name().equals(expected.getKey())).findFirst().get();
        var answer =
            r.recommend(
                new Recommender.Request(
                    catalog.reader().readProfile(t.profile()),
                    EntityType.INVESTORS,
                    10,
                    RequestFilters.NONE,
                    null));
        assertEquals(expected.getValue(), answer.items().get(0).entity().name(), t.name());
      }
    }
    CrunchbaseQuality.Report report =
        CrunchbaseQuality.run(
            MINI,
            work.resolve("run"),
            CrunchbaseParams.DEFAULTS,
            CrunchbaseEcosystem.profiles(),
            cn.qingdao.peipao.core.related.RelationModel.Params.DEFAULTS,
            1);
    RankingMetrics ours = report.metrics().get("ours").get(true);
    RankingMetrics popularity = report.metrics().get("popularity").get(true);
    assertEquals(2, ours.queries());
    assertEquals(1, report.metrics().get("ours").get(false).queries());
    // popularity ranks Big Fund, Bay Seed, Charles River Bio: Bio New's investor comes third
    assertEquals((1.0 + 0.5) / 2, popularity.ndcg(), 1e-9);
    assertTrue(ours.ndcg() > popularity.ndcg(), ours.ndcg() + " vs " + popularity.ndcg());
    String table = CrunchbaseQuality.table(report);
    assertTrue(table.contains("| with metadata | ours | 2 |"), table);
  }
}

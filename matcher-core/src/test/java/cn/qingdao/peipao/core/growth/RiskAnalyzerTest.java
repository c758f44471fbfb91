package cn.qingdao.peipao.core.growth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Risk signals on hand-built growth files where the right answer is obvious. */
class RiskAnalyzerTest {
  static final EntityReader READER = new EntityReader(TestTaxonomy.load());
  static final RiskAnalyzer ANALYZER = new RiskAnalyzer(RiskParams.defaults());
  static final LocalDate START = LocalDate.of(2025, 1, 1);
  static final LocalDate AS_OF = LocalDate.of(2026, 1, 15);

  static Project project(String stage, String registeredAt) {
    return (Project)
        READER.read(
            EntityType.PROJECTS,
            Json.parse(
                "{\"id\":\"p-1\",\"name\":\"项目\",\"sectors\":[\"ai\"],\"stage\":\""
                    + stage
                    + "\",\"registeredAt\":\""
                    + registeredAt
                    + "\",\"location\":{\"district\":\"laoshan\"}}"));
  }

  static final Project HEALTHY = project("growth", "2024-06-01");

  /** Monthly records of one measure. */
  static List<GrowthRecord> monthly(String measure, double... values) {
    List<GrowthRecord> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++)
      out.add(new GrowthRecord(START.plusMonths(i), Map.of(measure, values[i])));
    return out;
  }

  static Optional<RiskSignal> signal(Optional<RiskAssessment> a, String kind) {
    return a.flatMap(x -> x.signals().stream().filter(s -> s.kind().equals(kind)).findFirst());
  }

  @Test
  void aSteadyFallInRevenueIsASignificantDeclineThatCallsTheMarketTeam() {
    var a =
        ANALYZER.assess(
            HEALTHY, monthly("revenue", 100, 96, 90, 85, 81, 74, 70, 66, 60, 55, 51, 45), AS_OF);
    RiskSignal s = signal(a, "revenue_decline").orElseThrow();
    assertEquals(Severity.HIGH, s.severity());
    assertEquals(List.of("market"), s.teams());
    assertTrue((double) s.evidence().get("pValue") < 0.001, s.evidence().toString());
    assertTrue((double) s.evidence().get("slopePerMonth") < -4, s.evidence().toString());
    assertTrue(s.label().startsWith("营业收入持续下降"), s.label());
    assertEquals(Severity.HIGH, a.orElseThrow().severity());
  }

  @Test
  void growthAndNoiseAroundAFlatLineAreNotRisks() {
    assertTrue(
        ANALYZER
            .assess(HEALTHY, monthly("revenue", 50, 55, 53, 60, 64, 62, 70, 75, 73, 80), AS_OF)
            .isEmpty());
    Random r = new Random(3);
    int flagged = 0;
    for (int trial = 0; trial < 200; trial++) {
      double[] v = new double[12];
      for (int i = 0; i < v.length; i++) v[i] = 100 + r.nextGaussian() * 8;
      if (signal(ANALYZER.assess(HEALTHY, monthly("customers", v), AS_OF), "customers_decline")
          .isPresent()) flagged++;
    }
    assertTrue(flagged <= 2, flagged + " of 200 flat noisy files flagged as declining");
  }

  @Test
  void aSharpDropAgainstTheProjectsOwnHistory() {
    var a = ANALYZER.assess(HEALTHY, monthly("revenue", 90, 100, 95, 30), AS_OF);
    RiskSignal s = signal(a, "revenue_drop").orElseThrow();
    assertEquals(Severity.HIGH, s.severity());
    assertEquals(List.of("market", "finance"), s.teams());
    assertEquals(95.0, s.evidence().get("previousMedian"));
    assertTrue(
        signal(ANALYZER.assess(HEALTHY, monthly("revenue", 90, 100, 95, 80), AS_OF), "revenue_drop")
            .isEmpty());
  }

  @Test
  void aShortRunwayCallsFinanceAndCapitalWhileItIsFresh() {
    List<GrowthRecord> two =
        List.of(new GrowthRecord(AS_OF.minusMonths(1), Map.of("runwayMonths", 2.5)));
    RiskSignal s = signal(ANALYZER.assess(HEALTHY, two, AS_OF), "runway_short").orElseThrow();
    assertEquals(Severity.HIGH, s.severity());
    assertEquals(List.of("finance", "capital"), s.teams());
    assertEquals("现金仅够维持 2.5 个月", s.label());
    List<GrowthRecord> five =
        List.of(new GrowthRecord(AS_OF.minusMonths(1), Map.of("runwayMonths", 5.0)));
    assertEquals(
        Severity.MEDIUM,
        signal(ANALYZER.assess(HEALTHY, five, AS_OF), "runway_short").orElseThrow().severity());
    List<GrowthRecord> twelve =
        List.of(new GrowthRecord(AS_OF.minusMonths(1), Map.of("runwayMonths", 12.0)));
    assertTrue(ANALYZER.assess(HEALTHY, twelve, AS_OF).isEmpty());
    List<GrowthRecord> stale =
        List.of(new GrowthRecord(AS_OF.minusMonths(9), Map.of("runwayMonths", 1.0)));
    assertTrue(
        ANALYZER.assess(HEALTHY, stale, AS_OF).isEmpty(), "a nine-month-old runway is stale");
  }

  @Test
  void aSeedProjectOfThreeYearsHasStalled() {
    var a = ANALYZER.assess(project("seed", "2022-12-01"), List.of(), AS_OF);
    RiskSignal s = signal(a, "stage_stalled").orElseThrow();
    assertEquals(Severity.MEDIUM, s.severity());
    assertTrue(ANALYZER.assess(project("seed", "2025-06-01"), List.of(), AS_OF).isEmpty());
    assertTrue(ANALYZER.assess(project("startup", "2022-12-01"), List.of(), AS_OF).isEmpty());
  }

  @Test
  void fewPointsAndFutureRecordsAreNotJudged() {
    assertTrue(ANALYZER.assess(HEALTHY, monthly("revenue", 100, 60, 20), AS_OF).isEmpty());
    List<GrowthRecord> future = monthly("employees", 40, 35, 30, 25, 20, 15);
    assertTrue(ANALYZER.assess(HEALTHY, future, START.plusMonths(2)).isEmpty());
    RiskSignal s =
        signal(ANALYZER.assess(HEALTHY, future, AS_OF), "employees_decline").orElseThrow();
    assertEquals(List.of("talent"), s.teams());
  }

  @Test
  void recordsAreValidatedWithTheirFieldPaths() {
    Problems p = new Problems();
    LocalDate today = LocalDate.of(2026, 3, 1);
    assertNull(GrowthRecord.read(Json.parse("{\"date\":\"2026-03-01\"}"), "", p, today));
    assertEquals("measures", p.errors().get(0).field());
    p = new Problems();
    assertNull(
        GrowthRecord.read(
            Json.parse("{\"date\":\"2026-3-1\",\"revenue\":-5,\"Bad Name\":1,\"customers\":\"x\"}"),
            "records[2]",
            p,
            today));
    List<String> fields = p.errors().stream().map(e -> e.field()).toList();
    assertTrue(
        fields.containsAll(
            List.of(
                "records[2].date",
                "records[2].revenue",
                "records[2].Bad Name",
                "records[2].customers")),
        fields.toString());
    GrowthRecord ok =
        GrowthRecord.read(
            Json.parse("{\"date\":\"2026-03-01\",\"revenue\":900000,\"patents\":3}"),
            "",
            new Problems(),
            today);
    assertEquals(Map.of("patents", 3.0, "revenue", 900000.0), ok.measures());
  }

  @Test
  void recordsDatedAfterTodayAreRefused() {
    LocalDate today = LocalDate.of(2026, 3, 1);
    for (String date : List.of("2026-03-02", "2027-01-01", "9999-12-31")) {
      Problems p = new Problems();
      assertNull(
          GrowthRecord.read(
              Json.parse("{\"date\":\"" + date + "\",\"revenue\":1}"), "[0]", p, today));
      assertEquals("[0].date", p.errors().get(0).field(), date);
    }
    assertNotNull(
        GrowthRecord.read(
            Json.parse("{\"date\":\"2026-03-01\",\"revenue\":1}"), "", new Problems(), today));
  }
}

package cn.qingdao.peipao.core.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-built cases where the right answer is obvious, in every direction. */
class ScoringTest {
  static final EntityReader READER = new EntityReader(TestTaxonomy.load());
  static final FeatureExtractor FX = new FeatureExtractor(READER.taxonomy());
  static final PairScorer SCORER = new PairScorer(FX);
  static final ScoringProfiles PROFILES = ScoringProfiles.defaults();
  static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

  static final java.util.Map<Features, Entity> ENTITIES = new java.util.IdentityHashMap<>();

  static Features f(EntityType type, String json) {
    Entity e = READER.read(type, Json.parse(json));
    Features f = FX.of(e);
    ENTITIES.put(f, e);
    return f;
  }

  static Match match(PairScorer.Context c, Features f, double text) {
    return c.match(f, ENTITIES.get(f), text, 0);
  }

  static PairScorer.Context ctx(Direction d, Features subject) {
    return SCORER.context(
        d,
        subject,
        PROFILES.defaultFor(d),
        d.reverse().map(PROFILES::defaultFor).orElse(null),
        TODAY,
        RequestFilters.NONE);
  }

  static final Features AI_SEED_LAOSHAN =
      f(
          EntityType.PROJECTS,
          """
          {"id":"p-ai","name":"海洋大模型标注","description":"垂直领域大模型","sectors":["ai"],"stage":"seed",
           "location":{"district":"laoshan"},"needs":["finance"],"fundingNeed":300000,"employees":4,
           "founder":{"groups":["college_graduate"],"graduationYear":2025},
           "consent":{"mentors":true,"parks":true,"investors":true}}""");

  static final Features AI_MENTOR_LAOSHAN =
      f(
          EntityType.MENTORS,
          """
          {"id":"m-ai","name":"王","sectors":["ai"],"stages":["seed","startup"],"services":["finance","capital"],
           "location":{"district":"laoshan"},"capacity":5}""");

  static final Features FOOD_MENTOR_LAIXI =
      f(
          EntityType.MENTORS,
          """
          {"id":"m-food","name":"李","sectors":["modern_services"],"stages":["growth"],"services":["market"],
           "location":{"district":"laixi"},"capacity":5}""");

  @Test
  void aiSeedProjectGetsTheAiSeedFinanceMentorNearbyFirst() {
    PairScorer.Context c = ctx(Direction.PROJECT_MENTORS, AI_SEED_LAOSHAN);
    assertTrue(c.eligible(AI_MENTOR_LAOSHAN) && c.eligible(FOOD_MENTOR_LAIXI));
    Match good = match(c, AI_MENTOR_LAOSHAN, 0.2);
    Match bad = match(c, FOOD_MENTOR_LAIXI, 0.2);
    assertTrue(good.score() > 0.8 && bad.score() < 0.4, good.score() + " vs " + bad.score());
    assertEquals(1.0, good.components().get("sector"));
    assertEquals(1.0, good.components().get("stage"));
    assertEquals(1.0, good.components().get("needs"));
    assertEquals(0.0, bad.components().get("needs"));
    assertTrue(
        good.reasons().containsAll(java.util.List.of("行业匹配：人工智能", "阶段匹配：种子期", "同在崂山区", "可提供：金融助力")),
        good.reasons().toString());
    assertTrue(
        bad.reasons().stream().noneMatch(r -> r.startsWith("行业") || r.startsWith("可提供")),
        bad.reasons().toString());
  }

  @Test
  void reciprocalScoreIsTheSameFromBothSides() {
    double fromProject =
        ctx(Direction.PROJECT_MENTORS, AI_SEED_LAOSHAN).score(AI_MENTOR_LAOSHAN, 0.3, 0);
    double fromMentor =
        ctx(Direction.MENTOR_PROJECTS, AI_MENTOR_LAOSHAN).score(AI_SEED_LAOSHAN, 0.3, 0);
    assertEquals(fromProject, fromMentor, 1e-12);
    Match m = match(ctx(Direction.MENTOR_PROJECTS, AI_MENTOR_LAOSHAN), AI_SEED_LAOSHAN, 0.3);
    assertTrue(m.components().containsKey("reciprocal"));
    assertTrue(m.reasons().contains("需要：金融助力"), m.reasons().toString());
  }

  @Test
  void boundsEncloseTheExactScoreAndEverythingIsInTheUnitInterval() {
    Random rnd = new Random(3);
    for (Direction d : new Direction[] {Direction.PROJECT_MENTORS, Direction.MENTOR_PROJECTS}) {
      Features subject = d.projectIsSubject() ? AI_SEED_LAOSHAN : AI_MENTOR_LAOSHAN;
      PairScorer.Context c = ctx(d, subject);
      for (Features cand :
          d.projectIsSubject()
              ? new Features[] {AI_MENTOR_LAOSHAN, FOOD_MENTOR_LAIXI}
              : new Features[] {AI_SEED_LAOSHAN}) {
        for (int i = 0; i < 100; i++) {
          double text = rnd.nextDouble();
          double related = rnd.nextDouble();
          double cheap = c.bounds().cheapUpper(cand);
          double lo = c.bounds().lowerAfterCheapUpper(cand);
          double hi = c.bounds().upperAfterLower();
          double loR = c.bounds().lowerWithRelated(related);
          double hiR = c.bounds().upperWithRelated(related);
          double s = c.score(cand, text, related);
          assertTrue(
              lo <= s && s <= hi && hi <= cheap && lo >= 0 && cheap <= 1,
              lo + " " + s + " " + hi + " " + cheap);
          assertTrue(
              lo <= loR && loR <= s + 1e-12 && s <= hiR + 1e-12 && hiR <= hi + 1e-12,
              "with its related value: " + loR + " " + s + " " + hiR);
          match(c, cand, text).components().values().forEach(v -> assertTrue(v >= 0 && v <= 1));
        }
      }
    }
  }

  @Test
  void hardConstraintsExcludeFullOutOfScopeAndUnconsentedCounterparts() {
    PairScorer.Context c = ctx(Direction.PROJECT_MENTORS, AI_SEED_LAOSHAN);
    assertFalse(
        c.eligible(f(EntityType.MENTORS, "{\"id\":\"m-full\",\"name\":\"x\",\"capacity\":0}")));
    assertFalse(
        c.eligible(
            f(
                EntityType.MENTORS,
                "{\"id\":\"m-far\",\"name\":\"x\",\"capacity\":3,\"serviceDistricts\":[\"laixi\"]}")));
    assertTrue(
        c.eligible(
            f(
                EntityType.MENTORS,
                "{\"id\":\"m-here\",\"name\":\"x\",\"capacity\":3,\"serviceDistricts\":[\"laoshan\"]}")));
    assertFalse(
        c.eligible(AI_SEED_LAOSHAN), "never the subject itself (and not of the target type)");

    Features shy =
        f(
            EntityType.PROJECTS,
            "{\"id\":\"p-shy\",\"name\":\"x\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"},\"consent\":{\"parks\":true}}");
    assertFalse(
        ctx(Direction.MENTOR_PROJECTS, AI_MENTOR_LAOSHAN).eligible(shy),
        "consent excludes mentors");
    Features paused =
        f(
            EntityType.PROJECTS,
            "{\"id\":\"p-p\",\"name\":\"x\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"},\"consent\":{\"mentors\":true},\"status\":\"paused\"}");
    assertFalse(ctx(Direction.MENTOR_PROJECTS, AI_MENTOR_LAOSHAN).eligible(paused));
    Features failed =
        f(
            EntityType.PROJECTS,
            "{\"id\":\"p-f\",\"name\":\"x\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"},\"consent\":{\"mentors\":true},\"status\":\"failed\"}");
    assertFalse(ctx(Direction.MENTOR_PROJECTS, AI_MENTOR_LAOSHAN).eligible(failed));
    Features secondChance =
        f(EntityType.MENTORS, "{\"id\":\"m-2\",\"name\":\"x\",\"capacity\":3,\"tags\":[\"二次孵化\"]}");
    assertTrue(
        ctx(Direction.MENTOR_PROJECTS, secondChance).eligible(failed),
        "failed projects through the second-incubation channel");

    PairScorer.Context parks = ctx(Direction.PROJECT_PARKS, AI_SEED_LAOSHAN);
    assertFalse(
        parks.eligible(
            f(
                EntityType.PARKS,
                "{\"id\":\"k-full\",\"name\":\"x\",\"kind\":\"incubation_park\",\"location\":{\"district\":\"laoshan\"},\"capacity\":10,\"tenants\":10}")));
    assertFalse(
        parks.eligible(
            f(
                EntityType.PARKS,
                "{\"id\":\"k-0\",\"name\":\"x\",\"kind\":\"incubation_park\",\"location\":{\"district\":\"laoshan\"},\"areaTotal\":100,\"areaAvailable\":0}")));
  }

  static final String POLICY =
      "{\"id\":\"%s\",\"name\":\"p\",\"issuer\":\"i\",\"category\":\"loan\",\"audience\":\"%s\",\"source\":\"s\",\"validUntil\":\"%s\","
          + "\"districts\":%s,\"stages\":%s,\"benefit\":{\"type\":\"loan\",\"maxAmount\":300000,\"text\":\"t\"}}";

  @Test
  void policiesRespectValidityAudienceAndDistricts() {
    PairScorer.Context c = ctx(Direction.PROJECT_POLICIES, AI_SEED_LAOSHAN);
    assertTrue(
        c.eligible(
            f(EntityType.POLICIES, POLICY.formatted("ok", "founder", "2027-01-01", "[]", "[]"))));
    assertFalse(
        c.eligible(
            f(EntityType.POLICIES, POLICY.formatted("old", "founder", "2025-12-31", "[]", "[]"))),
        "expired");
    assertFalse(
        c.eligible(
            f(EntityType.POLICIES, POLICY.formatted("op", "park", "2027-01-01", "[]", "[]"))),
        "park operators only");
    assertFalse(
        c.eligible(
            f(
                EntityType.POLICIES,
                POLICY.formatted("far", "founder", "2027-01-01", "[\"laixi\"]", "[]"))),
        "another district");
    // A stage outside the scope may be a gap the project can still close (partial): the
    // eligibility engine judges it (EligibilityTest), the scorer does not filter it.
    assertTrue(
        c.eligible(
            f(
                EntityType.POLICIES,
                POLICY.formatted("late", "founder", "2027-01-01", "[]", "[\"growth\"]"))),
        "stage scope is the engine's");
    Match local =
        match(
            c,
            f(
                EntityType.POLICIES,
                POLICY.formatted("local", "founder", "2027-01-01", "[\"laoshan\"]", "[\"seed\"]")),
            0);
    assertTrue(
        local.reasons().contains("本地政策：崂山区") && local.reasons().contains("最高 30 万元"),
        local.reasons().toString());
    assertFalse(local.components().containsKey("reciprocal"), "policies are one-sided");
  }

  @Test
  void investorsFitByTicketAndInstrument() {
    PairScorer.Context c = ctx(Direction.PROJECT_INVESTORS, AI_SEED_LAOSHAN);
    Features bank =
        f(
            EntityType.INVESTORS,
            "{\"id\":\"i-bank\",\"name\":\"b\",\"kind\":\"bank\",\"instruments\":[\"debt\"],\"ticketMin\":0,\"ticketMax\":4000000,\"stages\":[\"seed\",\"startup\"]}");
    Features pe =
        f(
            EntityType.INVESTORS,
            "{\"id\":\"i-pe\",\"name\":\"p\",\"kind\":\"pe\",\"instruments\":[\"equity\"],\"ticketMin\":20000000,\"ticketMax\":200000000,\"stages\":[\"growth\",\"mature\"]}");
    Match b = match(c, bank, 0);
    Match p = match(c, pe, 0);
    assertTrue(b.score() > p.score());
    assertEquals(1.0, b.components().get("ticket"));
    assertEquals(1.0, b.components().get("instrument"));
    assertEquals(0.0, p.components().get("instrument"));
    assertEquals(0.015, p.components().get("ticket"), 1e-9);
    assertTrue(
        b.reasons().contains("可接受额度 0 元–400 万元") && b.reasons().contains("提供债权融资（贷款）"),
        b.reasons().toString());
  }

  @Test
  void everyComponentIsFoundByItsCodeAndNothingElseIs() {
    for (Component c : Component.values()) assertEquals(c, Component.of(c.code()).orElseThrow());
    for (String other : new String[] {"Sector", "sector ", "", "reciprocal", null})
      assertTrue(Component.of(other).isEmpty(), "found a component for " + other);
  }

  @Test
  void theColumnScoreIsTheExactScoreWithoutText() {
    PairScorer.Context c = ctx(Direction.PROJECT_MENTORS, AI_SEED_LAOSHAN);
    Features nowhere =
        f(
            EntityType.MENTORS,
            "{\"id\":\"m-x\",\"name\":\"x\",\"sectors\":[\"ngit\",\"ai\"],\"services\":[\"finance\"],\"capacity\":70}");
    for (Features m : new Features[] {AI_MENTOR_LAOSHAN, FOOD_MENTOR_LAIXI, nowhere}) {
      double column = c.bounds().columnScore(columns(m), 0);
      assertEquals(c.score(m, 0, 0), column, 1e-12);
    }
    PairScorer.Context parks = ctx(Direction.PROJECT_PARKS, AI_SEED_LAOSHAN);
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalStateException.class,
        () ->
            parks
                .bounds()
                .columnScore(CandidateColumns.of(0, -1, 0, 0, 0, 0, -1, Double.NaN, Double.NaN), 0),
        "parks weigh components the columns lack");
  }

  @Test
  void aProfileWithoutSectorScoresTheSectorAsUnknownNotAsAMismatch() {
    Entity draft = READER.readProfile(Json.parse("{\"name\":\"x\",\"fundingNeed\":300000}"));
    PairScorer.Context c = ctx(Direction.PROJECT_INVESTORS, FX.of(draft));
    Features focused =
        f(
            EntityType.INVESTORS,
            "{\"id\":\"i-ai\",\"name\":\"a\",\"kind\":\"vc\",\"instruments\":[\"equity\"],\"sectors\":[\"ai\"]}");
    Features agnostic =
        f(
            EntityType.INVESTORS,
            "{\"id\":\"i-any\",\"name\":\"b\",\"kind\":\"vc\",\"instruments\":[\"equity\"]}");
    assertEquals(0.5, match(c, focused, 0).components().get("sector"), "neutral, not 0");
    assertEquals(0.5, match(c, agnostic, 0).components().get("sector"));
    for (Features f : new Features[] {focused, agnostic}) {
      double exact = c.score(f, 0, 0);
      assertTrue(
          c.bounds().cheapUpper(f) >= exact && c.bounds().lowerAfterCheapUpper(f) <= exact + 1e-12);
      assertTrue(
          c.bounds().columnMayReach(exact, columns(f), 0),
          "the column bound encloses the exact score");
    }
  }

  @Test
  void anActiveInvestorOutranksAnOtherwiseEqualNewcomer() {
    PairScorer.Context c = ctx(Direction.PROJECT_INVESTORS, AI_SEED_LAOSHAN);
    String bank =
        "{\"id\":\"%s\",\"name\":\"b\",\"kind\":\"bank\",\"instruments\":[\"debt\"],\"ticketMin\":0,\"ticketMax\":4000000%s}";
    Match active =
        match(c, f(EntityType.INVESTORS, bank.formatted("i-a", ",\"portfolioSize\":40")), 0);
    Match novice =
        match(c, f(EntityType.INVESTORS, bank.formatted("i-n", ",\"portfolioSize\":1")), 0);
    Match unknown = match(c, f(EntityType.INVESTORS, bank.formatted("i-u", "")), 0);
    Match none =
        match(c, f(EntityType.INVESTORS, bank.formatted("i-z", ",\"portfolioSize\":0")), 0);
    // log-scaled against the reference of 50 investments
    assertEquals(Math.log(41) / Math.log(51), active.components().get("track"), 1e-4);
    assertEquals(Math.log(2) / Math.log(51), novice.components().get("track"), 1e-4);
    assertEquals(0.5, unknown.components().get("track"), "not stated: neutral");
    assertEquals(0.0, none.components().get("track"));
    assertTrue(active.score() > unknown.score() && unknown.score() > novice.score());
    assertTrue(active.reasons().contains("已投资 40 个项目"), active.reasons().toString());
    assertFalse(novice.reasons().stream().anyMatch(r -> r.startsWith("已投资")));
  }

  @Test
  void graduatesSeeTheFreeSpaceOfGovernmentInvestedParks() {
    PairScorer.Context c = ctx(Direction.PROJECT_PARKS, AI_SEED_LAOSHAN);
    Features gov =
        f(
            EntityType.PARKS,
            "{\"id\":\"k-gov\",\"name\":\"g\",\"kind\":\"university_park\",\"location\":{\"district\":\"laoshan\"},\"governmentInvested\":true,\"areaTotal\":5000,\"areaAvailable\":800,\"sectors\":[\"ai\"]}");
    Features priv =
        f(
            EntityType.PARKS,
            "{\"id\":\"k-priv\",\"name\":\"q\",\"kind\":\"high_level_park\",\"location\":{\"district\":\"laoshan\"},\"areaTotal\":5000,\"areaAvailable\":800,\"sectors\":[\"ai\"]}");
    Match g = match(c, gov, 0);
    Match q = match(c, priv, 0);
    assertEquals(1.0, g.components().get("freeSpace"));
    assertEquals(
        1.0, g.components().get("kind"), "a university park suits a graduate's seed project");
    assertTrue(g.score() > q.score());
    assertTrue(g.reasons().contains("政府投资载体：30%场地免费提供给高校毕业生和返乡创业者"), g.reasons().toString());
  }

  /** One candidate's column fields, as the bounds read them. */
  static CandidateColumns columns(Features m) {
    return CandidateColumns.of(
        m.sectors,
        m.mainSector,
        m.keywordSectors,
        m.stages,
        m.services,
        m.capacity,
        m.district,
        m.hasPoint() ? m.lat : Double.NaN,
        m.lon);
  }
}

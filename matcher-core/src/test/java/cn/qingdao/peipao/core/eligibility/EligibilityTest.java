package cn.qingdao.peipao.core.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The eligibility engine on hand-built policies and profiles whose verdicts are obvious. */
class EligibilityTest {
  static final EntityReader READER = new EntityReader(TestTaxonomy.load());
  static final Eligibility ENGINE = new Eligibility(READER.taxonomy());
  static final LocalDate DAY = LocalDate.of(2026, 11, 21);

  /** A founder policy with {@code extra} fields (overriding the defaults) and rule tree. */
  static Policy policy(String extra, String eligibility) {
    com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            Json.parse(
                """
                {"id":"pol-t","name":"测试政策","issuer":"青岛市人社局","category":"loan","audience":"founder",
                 "benefit":{"type":"loan","maxAmount":300000,"text":"最高30万元"},"source":"测试"}""");
    json.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.parse("{" + extra + "}"));
    if (eligibility != null) json.set("eligibility", Json.parse(eligibility));
    return (Policy) READER.read(EntityType.POLICIES, json);
  }

  static Project profile(String json) {
    return READER.readProfile(Json.parse(json));
  }

  static Assessment assess(Policy p, String profile) {
    return ENGINE.assess(p, profile(profile), DAY);
  }

  static ConditionResult only(Assessment a) {
    assertEquals(1, a.conditions().size(), a.conditions().toString());
    return a.conditions().get(0);
  }

  static String cond(String field, String op, String value, String label) {
    return "{\"field\":\"%s\",\"op\":\"%s\",\"value\":%s,\"label\":\"%s\"}"
        .formatted(field, op, value, label);
  }

  static final String GRADUATE_SEED =
      """
      {"sectors":["ai"],"stage":"seed","location":{"district":"shibei"},
       "founder":{"groups":["college_graduate"],"graduationYear":2025},
       "employees":4,"registeredAt":"2026-03-01"}""";

  @Test
  void aGraduateFounderIsEligibleForAKeyGroupLoan() {
    Policy p =
        policy(
            "\"stages\":[\"seed\",\"startup\",\"growth\"]",
            "{\"all\":["
                + cond(
                    "founder.groups",
                    "intersects",
                    "[\"college_graduate\",\"returnee\"]",
                    "属于重点创业群体")
                + ","
                + cond("status", "eq", "\"active\"", "正常经营")
                + "]}");
    Assessment a = assess(p, GRADUATE_SEED);
    assertEquals(Verdict.ELIGIBLE, a.verdict());
    assertEquals(List.of(), a.unmet());
    assertEquals(0, a.missing());
    assertEquals(3, a.conditions().size());
    assertTrue(a.conditions().stream().allMatch(c -> c.result() == Truth.MET));
    assertEquals(List.of("college_graduate"), a.conditions().get(1).value());
  }

  @Test
  void aStageNotYetReachedIsAGapNotABarrier() {
    Policy p =
        policy(
            "\"stages\":[\"startup\",\"growth\",\"mature\"]",
            "{\"all\":["
                + cond("registeredAt", "exists", "true", "已登记注册")
                + ","
                + cond("employees", "lte", "300", "小微企业")
                + "]}");
    Assessment a = assess(p, GRADUATE_SEED);
    assertEquals(Verdict.PARTIAL, a.verdict());
    assertEquals(List.of("适用阶段：初创期、成长期、成熟期"), a.unmet());
    assertEquals(1, a.missing());
    // A mature project cannot go back to an earlier stage.
    Policy early = policy("\"stages\":[\"seed\",\"startup\"]", null);
    assertEquals(
        Verdict.INELIGIBLE, assess(early, "{\"stage\":\"mature\",\"sectors\":[\"ai\"]}").verdict());
  }

  @Test
  void numericConditionsReportTheGapAndWhetherGrowthCloses_it() {
    Policy atMost = policy("", cond("employees", "lte", "50", "员工不超过50人"));
    Assessment big = assess(atMost, "{\"employees\":60}");
    assertEquals(Verdict.INELIGIBLE, big.verdict(), "a team does not shrink to qualify");
    assertEquals("员工人数 60 > 上限 50", only(big).gap());
    assertEquals(60, only(big).value());

    Policy atLeast = policy("", cond("employees", "gte", "10", "员工不少于10人"));
    Assessment small = assess(atLeast, "{\"employees\":4}");
    assertEquals(Verdict.PARTIAL, small.verdict(), "a team can grow");
    assertEquals("员工人数 4 < 下限 10", only(small).gap());
    assertEquals(List.of("员工不少于10人"), small.unmet());
    assertEquals(Verdict.ELIGIBLE, assess(atLeast, "{\"employees\":10}").verdict());
  }

  @Test
  void whatTheProfileDoesNotSayIsUnknownNotUnmet() {
    Policy p = policy("", cond("founder.groups", "intersects", "[\"returnee\"]", "返乡创业人员"));
    Assessment silent = assess(p, "{\"stage\":\"seed\"}");
    assertEquals(Verdict.PARTIAL, silent.verdict());
    assertEquals(List.of("返乡创业人员"), silent.unknown());
    assertEquals(List.of(), silent.unmet());
    assertEquals(Truth.UNKNOWN, only(silent).result());
    assertNull(only(silent).value());
    // Stating no group at all is an answer: who the founder is does not change.
    Assessment none = assess(p, "{\"founder\":{\"groups\":[]}}");
    assertEquals(Verdict.INELIGIBLE, none.verdict());
    assertEquals(List.of("返乡创业人员"), none.unmet());
  }

  @Test
  void derivedYearsAreExactAtAnniversaries() {
    Policy young = policy("", cond("yearsSinceRegistration", "lte", "3", "注册不满3年"));
    Project p = profile("{\"registeredAt\":\"2022-03-01\"}");
    assertEquals(Verdict.ELIGIBLE, ENGINE.assess(young, p, LocalDate.of(2025, 3, 1)).verdict());
    Assessment late = ENGINE.assess(young, p, LocalDate.of(2025, 3, 2));
    assertEquals(Verdict.INELIGIBLE, late.verdict(), "time only moves on");
    assertTrue(only(late).gap().startsWith("注册年限 3.00 > 上限 3"), only(late).gap());

    Policy recent = policy("", cond("yearsSinceGraduation", "lte", "5", "毕业5年内"));
    assertEquals(
        Verdict.INELIGIBLE, assess(recent, "{\"founder\":{\"graduationYear\":2019}}").verdict());
    assertEquals(
        Verdict.ELIGIBLE, assess(recent, "{\"founder\":{\"graduationYear\":2022}}").verdict());
  }

  @Test
  void awardLevelsCompareByOrderAndCanStillBeWon() {
    Policy p = policy("", cond("awards.level", "gte", "\"city\"", "市级以上赛事获奖"));
    assertEquals(
        Verdict.ELIGIBLE,
        assess(p, "{\"awards\":[{\"level\":\"district\"},{\"level\":\"provincial\"}]}").verdict());
    Assessment district = assess(p, "{\"awards\":[{\"level\":\"district\"}]}");
    assertEquals(Verdict.PARTIAL, district.verdict(), "a higher prize can still be won");
    assertEquals(List.of("district"), only(district).value());
    assertEquals(Truth.UNKNOWN, only(assess(p, "{}")).result());
  }

  @Test
  void notAndAnyAreExplainedAsThePolicyNeedsThem() {
    Policy p =
        policy(
            "",
            "{\"all\":[{\"not\":"
                + cond("status", "eq", "\"failed\"", "项目已失败")
                + "},{\"any\":["
                + cond("location.district", "in", "[\"laixi\"]", "在莱西市创业")
                + ","
                + cond("founder.groups", "intersects", "[\"returnee\"]", "返乡人员")
                + "]}]}");
    Assessment a =
        assess(
            p,
            """
            {"status":"failed","location":{"district":"shinan"},"founder":{"groups":["veteran"]}}""");
    assertEquals(Verdict.INELIGIBLE, a.verdict());
    assertEquals(List.of("非（项目已失败）", "在莱西市创业", "返乡人员"), a.unmet());
    assertEquals(2, a.missing(), "the not, and one branch of the any");
    Assessment ok = assess(p, "{\"status\":\"active\",\"location\":{\"district\":\"laixi\"}}");
    assertEquals(Verdict.ELIGIBLE, ok.verdict(), "one branch of any suffices; groups unknown");
  }

  @Test
  void tagsAreOpenWorld() {
    Policy p = policy("", cond("tags", "intersects", "[\"受灾影响\"]", "受灾影响"));
    assertEquals(Verdict.PARTIAL, assess(p, "{\"tags\":[\"人工智能\"]}").verdict());
    assertEquals(Verdict.ELIGIBLE, assess(p, "{\"tags\":[\"受灾影响\"]}").verdict());
  }

  @Test
  void theCalculatorListsOpenFounderPoliciesEligibleFirst() {
    Policy eligibleSmall =
        withId(
            policy("\"benefit\":{\"type\":\"loan\",\"maxAmount\":1000,\"text\":\"小\"}", null),
            "a-small");
    Policy eligibleBig =
        withId(
            policy("\"benefit\":{\"type\":\"loan\",\"maxAmount\":9000,\"text\":\"大\"}", null),
            "b-big");
    Policy partialOne = withId(policy("", cond("employees", "gte", "10", "十人")), "c-one");
    Policy partialTwo =
        withId(
            policy(
                "",
                "{\"all\":["
                    + cond("employees", "gte", "10", "十人")
                    + ","
                    + cond("awards.level", "gte", "\"city\"", "获奖")
                    + "]}"),
            "d-two");
    Policy ineligible =
        withId(policy("", cond("location.district", "eq", "\"laixi\"", "莱西")), "e-no");
    Policy expired = withId(policy("\"validUntil\":\"2025-12-31\"", null), "f-expired");
    Policy forParks = withId(policy("\"audience\":\"park\"", null), "g-park");
    List<Assessment> out =
        ENGINE.calculate(
            List.of(
                    ineligible,
                    partialTwo,
                    expired,
                    eligibleSmall,
                    forParks,
                    partialOne,
                    eligibleBig)
                .stream()
                .map(ENGINE::compile)
                .toList(),
            profile(GRADUATE_SEED.replace("\"employees\":4", "\"employees\":4,\"awards\":[]")),
            DAY);
    assertEquals(
        List.of("b-big", "a-small", "c-one", "d-two", "e-no"),
        out.stream().map(a -> a.policy().id()).toList());
    assertEquals(
        List.of(
            Verdict.ELIGIBLE,
            Verdict.ELIGIBLE,
            Verdict.PARTIAL,
            Verdict.PARTIAL,
            Verdict.INELIGIBLE),
        out.stream().map(Assessment::verdict).toList());
    assertNotEquals(out.get(2).missing(), out.get(3).missing());
  }

  static Policy withId(Policy p, String id) {
    return p.withServerFields(id, 1, null);
  }
}

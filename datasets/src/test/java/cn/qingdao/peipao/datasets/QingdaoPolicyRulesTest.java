package cn.qingdao.peipao.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.eligibility.PolicyRules;
import cn.qingdao.peipao.core.eligibility.Verdict;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped founder policy against three profiles written from its source text: one eligible,
 * one partial (something unknown, or a gap the project can close), one ineligible.
 */
class QingdaoPolicyRulesTest {
  static final EntityReader READER = new EntityReader(QingdaoDataset.taxonomy());
  static final Eligibility ENGINE = new Eligibility(READER.taxonomy());

  /** Every shipped policy is open on this day (the key-group tax relief ran to 2025-12-31). */
  static final LocalDate DAY = LocalDate.of(2025, 6, 1);

  static final Map<String, Policy> POLICIES =
      QingdaoDataset.real(EntityType.POLICIES).stream()
          .map(j -> (Policy) READER.read(EntityType.POLICIES, j))
          .collect(Collectors.toMap(Policy::id, p -> p, (a, b) -> a, TreeMap::new));

  /** Policy id → {eligible, partial, ineligible} profile JSON. */
  static final Map<String, String[]> CASES = new TreeMap<>();

  static void cases(String id, String eligible, String partial, String ineligible) {
    CASES.put(id, new String[] {eligible, partial, ineligible});
  }

  static {
    String graduate = "\"founder\":{\"groups\":[\"college_graduate\"],\"graduationYear\":2024}";
    String jinan = "\"location\":{\"district\":\"370102\"}";
    // not (yet) in a park is a gap a founder can close (partial); outside Qingdao is not
    cases(
        "pol-cdb-personal",
        "{\"inPark\":true}",
        "{\"inPark\":false}",
        "{\"inPark\":true," + jinan + "}");
    cases(
        "pol-cdb-partnership",
        "{\"inPark\":true,\"tags\":[\"合伙创业\"]}",
        "{\"inPark\":true}",
        "{\"inPark\":true,\"tags\":[\"合伙创业\"]," + jinan + "}");
    cases(
        "pol-cdb-smallfirm",
        "{\"inPark\":true,\"registeredAt\":\"2024-05-01\",\"tags\":[\"小微企业\"]}",
        "{\"inPark\":true,\"tags\":[\"小微企业\"]}",
        "{\"inPark\":true,\"registeredAt\":\"2024-05-01\",\"tags\":[\"小微企业\"]," + jinan + "}");
    cases("pol-cdb-guarantee-free", "{\"stage\":\"seed\"}", "{}", "{" + jinan + "}");
    cases(
        "pol-free-space-graduates",
        "{" + graduate + "}",
        "{\"stage\":\"seed\"}",
        "{\"founder\":{\"groups\":[\"veteran\"]}}");
    cases(
        "pol-free-space-returnees",
        "{\"stage\":\"mature\",\"founder\":{\"groups\":[\"returnee\"]}}",
        "{}",
        "{\"founder\":{\"groups\":[\"veteran\"]}}");
    cases(
        "pol-flexible-injury-insurance",
        "{\"founder\":{\"groups\":[\"flexible_worker\"]}}",
        "{\"stage\":\"seed\"}",
        "{\"founder\":{\"groups\":[\"college_graduate\"]}}");
    cases(
        "pol-boc-job-loan",
        "{\"registeredAt\":\"2023-01-01\"}",
        "{\"stage\":\"startup\"}",
        "{\"registeredAt\":\"2023-01-01\"," + jinan + "}");
    // a yearly selection open to all of Shandong: nothing stated can rule a founder out
    cases("pol-rural-partner-award", "{}", "{\"stage\":\"seed\"}", null);
    cases(
        "pol-researcher-leave",
        "{\"stage\":\"growth\",\"founder\":{\"groups\":[\"researcher\"]}}",
        "{}",
        "{\"founder\":{\"groups\":[\"veteran\"]}}");
    cases(
        "pol-cdb-extension",
        "{\"tags\":[\"已获创业担保贷款\",\"受灾影响\",\"信用良好\"]}",
        "{\"tags\":[\"已获创业担保贷款\"]}",
        "{\"tags\":[\"已获创业担保贷款\",\"受灾影响\",\"信用良好\"],\"status\":\"closed\"}");
    cases(
        "pol-service-voucher",
        "{\"inPark\":true}",
        "{\"inPark\":false}",
        "{\"inPark\":true," + jinan + "}");
    cases(
        "pol-laixi-interest-loan",
        "{\"needs\":[\"finance\"],\"location\":{\"district\":\"laixi\"}}",
        "{\"location\":{\"district\":\"laixi\"}}",
        "{\"needs\":[\"finance\"],\"location\":{\"district\":\"shinan\"}}");
    cases(
        "pol-shinan-counter-guarantee-waiver",
        "{\"location\":{\"district\":\"shinan\"}}",
        "{\"stage\":\"seed\",\"location\":{\"district\":\"shinan\"}}",
        "{\"location\":{\"district\":\"shibei\"}}");
    cases(
        "pol-key-group-tax-relief",
        "{\"tags\":[\"重点群体\"]}",
        "{}",
        "{\"tags\":[\"重点群体\"]," + jinan + "}");
  }

  /** The best verdict a policy can give: eligible, or partial when a selection must decide. */
  static Verdict best(Policy p) {
    return p.selection() == null ? Verdict.ELIGIBLE : Verdict.PARTIAL;
  }

  /**
   * A case's profile, placed in the policy's own district (or 市南区 for a city-wide one) unless it
   * states a place: the cases are about the rest of the rules, the region is tested apart.
   */
  static com.fasterxml.jackson.databind.JsonNode placed(String json, Policy p) {
    var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(json);
    if (!node.has("location"))
      node.putObject("location")
          .put("district", p.districts().isEmpty() ? "shinan" : p.districts().get(0));
    return node;
  }

  @Test
  void aFounderOutsideQingdaoIsEligibleForNoQingdaoPolicy() {
    int qingdao = 0;
    for (String id : founderPolicies()) {
      Policy p = POLICIES.get(id);
      String[] c = CASES.get(id);
      var jinan = (com.fasterxml.jackson.databind.node.ObjectNode) placed(c[0], p);
      jinan.putObject("location").put("district", "370102"); // 济南市历下区
      Assessment a = ENGINE.assess(p, READER.readProfile(jinan), DAY);
      if (p.regions().contains("370200")) {
        qingdao++;
        assertEquals(Verdict.INELIGIBLE, a.verdict(), id + ": " + a.conditions());
        assertTrue(a.unmet().contains("适用区域：青岛市"), id + ": " + a.unmet());
      } else {
        assertTrue(p.regions().contains("370000"), id + " is scoped to a region");
        assertEquals(best(p), a.verdict(), id + " is for all of Shandong");
      }
      // with no place known, a region-scoped policy is partial at best, never eligible
      var nowhere = (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(c[0]);
      nowhere.remove("location");
      assertTrue(
          ENGINE.assess(p, READER.readProfile(nowhere), DAY).verdict() != Verdict.ELIGIBLE, id);
    }
    assertTrue(qingdao >= 10, "the Qingdao policies: " + qingdao);
  }

  static List<String> founderPolicies() {
    return POLICIES.values().stream()
        .filter(p -> p.audience().equals("founder"))
        .map(Policy::id)
        .toList();
  }

  @Test
  void everyShippedFounderPolicyHasItsCases() {
    assertEquals(founderPolicies(), List.copyOf(CASES.keySet()));
  }

  @ParameterizedTest
  @MethodSource("founderPolicies")
  void eligiblePartialAndIneligibleAsTheSourceSays(String id) {
    Policy p = POLICIES.get(id);
    String[] c = CASES.get(id);
    Verdict[] expected = {best(p), Verdict.PARTIAL, Verdict.INELIGIBLE};
    for (int i = 0; i < 3; i++) {
      if (c[i] == null) continue; // no stated condition can make it fail (see the table)
      Assessment a = ENGINE.assess(p, READER.readProfile(placed(c[i], p)), DAY);
      assertEquals(expected[i], a.verdict(), id + " for " + c[i] + ": " + a.conditions());
      if (expected[i] != Verdict.ELIGIBLE)
        assertFalse(a.unmet().isEmpty() && a.unknown().isEmpty(), "says what is missing");
    }
    if (p.selection() != null) {
      // the best case lacks nothing but the selection, and says so
      Assessment a = ENGINE.assess(p, READER.readProfile(placed(c[0], p)), DAY);
      assertEquals(1, a.unknown().size(), id + ": " + a.unknown());
      assertTrue(a.unmet().isEmpty(), id + ": " + a.unmet());
    }
  }

  @Test
  void operatorPoliciesAndExpiredOnesNeverReachAFounder() {
    List<PolicyRules> all = POLICIES.values().stream().map(ENGINE::compile).toList();
    for (String[] c : CASES.values()) {
      for (String json : c) {
        if (json == null) continue;
        var profile = READER.readProfile(placed(json, POLICIES.get("pol-cdb-personal")));
        List<String> ids =
            ENGINE.calculate(all, profile, LocalDate.of(2026, 11, 21)).stream()
                .map(a -> a.policy().id())
                .toList();
        assertFalse(ids.contains("pol-park-incubation-subsidy"), json);
        assertFalse(ids.contains("pol-angel-fund-guidance"), json);
        assertFalse(ids.contains("pol-key-group-tax-relief"), "expired on 2025-12-31");
        assertEquals(founderPolicies().size() - 1, ids.size());
      }
    }
    assertTrue(POLICIES.containsKey("pol-park-incubation-subsidy"));
  }
}

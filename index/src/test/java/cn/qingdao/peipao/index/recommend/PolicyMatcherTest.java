package cn.qingdao.peipao.index.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.eligibility.Verdict;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.testing.TestStores;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy matching over a real index: policy → people equals judging every stored project one by
 * one, new policies find their people at once, and project → policies lists eligible ones first.
 */
@Tag("slow")
class PolicyMatcherTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
  static final LocalDate DAY = LocalDate.now(CLOCK);
  static final int PROJECTS = 3000;

  @TempDir static Path dir;
  static Catalog catalog;
  static Recommender recommender;
  static PolicyMatcher matcher;

  @BeforeAll
  static void load() {
    catalog = TestStores.open(dir.resolve("data"), TAXONOMY, CLOCK);
    SyntheticEcosystem gen = new SyntheticEcosystem(TAXONOMY, 7);
    List<ObjectNode> projects = gen.projects(PROJECTS);
    for (int i = 0; i < projects.size(); i += 17) projects.get(i).put("status", "paused");
    import_(EntityType.PROJECTS, projects);
    import_(EntityType.POLICIES, QingdaoDataset.real(EntityType.POLICIES));
    import_(EntityType.POLICIES, gen.policies(200));
    recommender =
        new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), CLOCK);
    matcher = new PolicyMatcher(recommender);
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  static void import_(EntityType type, List<ObjectNode> nodes) {
    var report =
        catalog.importLines(type, nodes.stream().map(Json::write).iterator(), true, "test");
    assertTrue(report.committed(), report.errors().toString());
  }

  static List<Project> storedProjects() {
    List<Project> out = new ArrayList<>();
    for (int i = 1; i <= PROJECTS; i++)
      catalog
          .entity(EntityType.PROJECTS, String.format("syn-p-%05d", i))
          .map(Project.class::cast)
          .ifPresent(out::add);
    return out;
  }

  static Policy policy(String id) {
    return (Policy) catalog.entity(EntityType.POLICIES, id).orElseThrow();
  }

  /** What an officer would get by judging every active project by hand. */
  static List<String> byHand(Policy policy, Set<Verdict> verdicts, String district) {
    Eligibility engine = matcher.eligibility();
    record Judged(String id, Verdict verdict, int missing) {}
    List<Judged> out = new ArrayList<>();
    for (Project p : storedProjects()) {
      if (!p.status().equals("active")) continue;
      if (district != null && !p.location().district().equals(district)) continue;
      Assessment a = engine.assess(policy, p, DAY);
      if (verdicts.contains(a.verdict())) out.add(new Judged(p.id(), a.verdict(), a.missing()));
    }
    out.sort(
        Comparator.comparing(Judged::verdict)
            .thenComparingInt(Judged::missing)
            .thenComparing(Judged::id));
    return out.stream().map(j -> j.id() + ":" + j.verdict().code()).toList();
  }

  static List<String> listed(PolicyMatcher.Audience a) {
    return a.items().stream()
        .map(p -> p.project().id() + ":" + p.assessment().verdict().code())
        .toList();
  }

  @Test
  void policyToPeopleEqualsJudgingEveryProject() {
    Set<Verdict> both = EnumSet.of(Verdict.ELIGIBLE, Verdict.PARTIAL);
    int nonEmpty = 0;
    List<String> ids =
        new ArrayList<>(
            QingdaoDataset.real(EntityType.POLICIES).stream()
                .map(p -> p.get("id").asText())
                .toList());
    for (int i = 1; i <= 200; i += 13) ids.add(String.format("syn-pol-%05d", i));
    for (String id : ids) {
      Policy p = policy(id);
      if (!p.audience().equals("founder")) continue;
      List<String> expected = byHand(p, both, null);
      PolicyMatcher.Audience a =
          matcher.audience(p, DAY, both, List.of(), List.of(), 0, PolicyMatcher.MAX_WINDOW);
      assertEquals(expected, listed(a), id);
      assertEquals(
          expected.stream().filter(s -> s.endsWith(":eligible")).count(), a.eligible(), id);
      assertEquals(expected.size(), a.eligible() + a.partial(), id);
      if (a.eligible() > 0) nonEmpty++;
      // Only eligible, one district, one page further on: the same list cut the same way.
      List<String> eligibleInLaoshan = byHand(p, EnumSet.of(Verdict.ELIGIBLE), "laoshan");
      PolicyMatcher.Audience page =
          matcher.audience(
              p, DAY, EnumSet.of(Verdict.ELIGIBLE), List.of("laoshan"), List.of(), 5, 20);
      assertEquals(
          eligibleInLaoshan.subList(
              Math.min(5, eligibleInLaoshan.size()), Math.min(25, eligibleInLaoshan.size())),
          listed(page),
          id);
    }
    assertTrue(nonEmpty >= 8, "most policies must find eligible projects: " + nonEmpty);
  }

  @Test
  void aNewPolicyFindsItsPeopleAtOnce() {
    String json =
        """
        {"id":"pol-new-laoshan-ai","name":"崂山区人工智能初创补贴","issuer":"崂山区","category":"subsidy",
         "audience":"founder","benefit":{"type":"subsidy","maxAmount":50000,"text":"最高5万元"},
         "districts":["laoshan"],"sectors":["ai"],"stages":["seed","startup"],
         "eligibility":{"all":[{"field":"registeredAt","op":"exists","value":true,"label":"已注册"}]},
         "source":"测试"}""";
    catalog.create(catalog.reader().read(EntityType.POLICIES, Json.parse(json)), "test");
    Policy p = policy("pol-new-laoshan-ai");
    Set<Verdict> both = EnumSet.of(Verdict.ELIGIBLE, Verdict.PARTIAL);
    PolicyMatcher.Audience a = matcher.audience(p, DAY, both, List.of(), List.of(), 0, 100);
    assertTrue(a.eligible() > 0);
    for (PolicyMatcher.Person person : a.items()) {
      assertEquals("laoshan", person.project().location().district());
      assertTrue(person.project().sectors().contains("ai"));
    }
    assertTrue(
        matcher.calculate(storedProjects().get(0), DAY).stream()
            .anyMatch(x -> x.policy().id().equals("pol-new-laoshan-ai")),
        "the calculator sees it too");
  }

  @Test
  void theDoneCaseGraduateThroughTheStoredPolicies() {
    Project graduate =
        catalog
            .reader()
            .readProfile(
                Json.parse(
                    """
                    {"stage":"seed","employees":4,"registeredAt":"2026-05-01","inPark":true,
                     "location":{"district":"shibei"},
                     "founder":{"groups":["college_graduate"],"graduationYear":2025}}"""));
    List<Assessment> out = matcher.calculate(graduate, DAY);
    Assessment personal = find(out, "pol-cdb-personal");
    assertEquals(Verdict.ELIGIBLE, personal.verdict());
    assertEquals(300000L, personal.policy().benefit().maxAmount());
    assertEquals(1.0, personal.policy().benefit().interestSubsidyRate());
    Assessment smallFirm = find(out, "pol-cdb-smallfirm");
    assertEquals(Verdict.PARTIAL, smallFirm.verdict());
    assertEquals(List.of("属于小微企业"), smallFirm.unknown());
    assertTrue(smallFirm.unmet().isEmpty());
    // the same founder outside a park: the park loans wait on that fact
    Project outside = graduate.withInPark(null);
    Assessment waiting = find(matcher.calculate(outside, DAY), "pol-cdb-personal");
    assertEquals(Verdict.PARTIAL, waiting.verdict());
    assertEquals(List.of("园区企业（入驻创业孵化园区）"), waiting.unknown());
    assertTrue(out.stream().noneMatch(a -> a.policy().id().equals("pol-park-incubation-subsidy")));
    assertTrue(out.stream().noneMatch(a -> a.policy().id().equals("pol-key-group-tax-relief")));
    for (int i = 1; i < out.size(); i++)
      assertTrue(Assessment.ORDER.compare(out.get(i - 1), out.get(i)) < 0, "sorted");
  }

  @Test
  void projectToPoliciesListsEligibleFirstAndPartialOnlyWhenAsked() {
    Project project = storedProjects().get(3);
    PolicyMatcher.Ranked strict = matcher.recommend(project, 100, RequestFilters.NONE, null, false);
    PolicyMatcher.Ranked wide = matcher.recommend(project, 100, RequestFilters.NONE, null, true);
    assertFalse(strict.recommendation().items().isEmpty());
    for (var m : strict.recommendation().items())
      assertEquals(Verdict.ELIGIBLE, strict.assessments().get(m.id()).verdict(), m.id());
    List<Verdict> verdicts =
        wide.recommendation().items().stream()
            .map(m -> wide.assessments().get(m.id()).verdict())
            .toList();
    assertTrue(verdicts.contains(Verdict.PARTIAL));
    assertFalse(verdicts.contains(Verdict.INELIGIBLE));
    List<Verdict> sorted = new ArrayList<>(verdicts);
    sorted.sort(Comparator.naturalOrder());
    assertEquals(sorted, verdicts, "eligible before partial");
    assertEquals(
        strict.recommendation().items().stream().map(m -> m.id()).toList(),
        wide.recommendation().items().subList(0, strict.recommendation().items().size()).stream()
            .map(m -> m.id())
            .toList());
  }

  static Assessment find(List<Assessment> out, String id) {
    return out.stream().filter(a -> a.policy().id().equals(id)).findFirst().orElseThrow();
  }
}

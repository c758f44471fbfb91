package cn.qingdao.peipao.index.allocate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.allocation.AllocationMode;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.datasets.SyntheticEcosystem;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.testing.TestStores;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocation over a real store and index: scores equal the recommendations', slots are respected,
 * publishing takes slots in every later recommendation and allocation (also after a rebuild of the
 * index), stale drafts are refused, and ending an assignment frees its slot.
 */
@Tag("slow")
class AllocationsTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private Catalog open(int projects, int mentors) {
    Catalog catalog = TestStores.open(dir.resolve("data"), TAXONOMY, CLOCK);
    SyntheticEcosystem gen = new SyntheticEcosystem(TAXONOMY, 11);
    import_(catalog, EntityType.PROJECTS, gen.projects(projects));
    import_(catalog, EntityType.MENTORS, gen.mentors(mentors));
    import_(catalog, EntityType.PARKS, QingdaoDataset.real(EntityType.PARKS));
    return catalog;
  }

  private static void import_(Catalog catalog, EntityType type, List<ObjectNode> nodes) {
    var report =
        catalog.importLines(type, nodes.stream().map(Json::write).iterator(), true, "test");
    assertTrue(report.committed(), report.errors().toString());
  }

  private static List<String> ids(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("syn-p-%05d", i)).toList();
  }

  private static Recommender recommender(Catalog catalog) {
    return new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), CLOCK);
  }

  private static Allocations allocations(Catalog catalog) {
    return new Allocations(catalog, new CohortScorer(recommender(catalog)));
  }

  private static AllocationRequest request(List<String> ids, AllocationMode mode) {
    return new AllocationRequest(ids, EntityType.MENTORS, mode, null, 0.3);
  }

  /** The project's recommendation scores for every eligible mentor, by mentor id. */
  private static Map<String, Double> recommended(Catalog catalog, String projectId) {
    Entity p = catalog.entity(EntityType.PROJECTS, projectId).orElseThrow();
    var r =
        recommender(catalog)
            .exhaustive(
                new Recommender.Request(p, EntityType.MENTORS, 100, RequestFilters.NONE, null));
    return r.items().stream().collect(Collectors.toMap(Match::id, Match::score));
  }

  @Test
  void bothModesRespectSlotsScoreLikeRecommendationsAndExplainEveryProjectLeftOut() {
    try (Catalog catalog = open(300, 40)) {
      Allocations allocations = allocations(catalog);
      AllocationResult stable = allocations.draft(request(ids(200), AllocationMode.STABLE), "t");
      AllocationResult cover = allocations.draft(request(ids(200), AllocationMode.COVERAGE), "t");
      assertEquals(0, stable.stats().blockingPairs());
      assertTrue(cover.stats().assigned() >= stable.stats().assigned());
      assertTrue(cover.stats().assigned() > 0);
      for (AllocationResult a : List.of(stable, cover)) {
        assertEquals(200, a.stats().projects());
        assertEquals(200, a.assignments().size() + a.unassigned().size());
        Map<String, Integer> load = new HashMap<>();
        for (AllocationResult.Placed p : a.assignments()) {
          load.merge(p.counterpartId(), 1, Integer::sum);
          double recommendedScore = recommended(catalog, p.projectId()).get(p.counterpartId());
          assertEquals(recommendedScore, p.score(), 1e-4, p.projectId());
          assertTrue(p.score() >= 0.3);
          assertFalse(p.reasons().isEmpty());
        }
        assertEquals(load, a.stats().load());
        for (var e : load.entrySet()) {
          Mentor m = (Mentor) catalog.entity(EntityType.MENTORS, e.getKey()).orElseThrow();
          assertTrue(e.getValue() <= m.capacity(), e.getKey());
        }
        for (AllocationResult.Unplaced u : a.unassigned()) {
          assertFalse(u.reasons().isEmpty(), u.projectId());
          assertTrue(u.reasons().get(0).startsWith("无"), u.reasons().toString());
          assertTrue(u.nearMisses().size() <= Explainer.NEAR_MISSES);
        }
        assertEquals(a, allocations.get(a.id()), "stored as shown");
      }
    }
  }

  @Test
  void publishingTakesSlotsEverywhereUntilTheAssignmentEnds() {
    try (Catalog catalog = open(120, 12)) {
      Allocations allocations = allocations(catalog);
      AllocationResult draft = allocations.draft(request(ids(120), AllocationMode.COVERAGE), "t");
      AllocationResult other = allocations.draft(request(ids(5), AllocationMode.STABLE), "t");
      // the mentors this allocation fills up
      Set<String> filled =
          draft.stats().load().entrySet().stream()
              .filter(
                  e ->
                      ((Mentor) catalog.entity(EntityType.MENTORS, e.getKey()).orElseThrow())
                              .capacity()
                          == e.getValue())
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      assertFalse(filled.isEmpty(), "120 projects fill some of 12 mentors");
      String probe =
          draft.unassigned().isEmpty() ? "syn-p-00001" : draft.unassigned().get(0).projectId();
      assertTrue(
          recommended(catalog, probe).keySet().stream().anyMatch(filled::contains),
          "before publishing, the mentors are recommended");

      AllocationResult published = allocations.publish(draft.id(), "officer");
      assertEquals("published", published.status());
      assertTrue(published.assignments().stream().allMatch(p -> p.assignmentId() != null));
      assertEquals(published, allocations.get(draft.id()));
      assertThrows(EntityConflictException.class, () -> allocations.publish(draft.id(), "t"));
      var stale =
          assertThrows(EntityConflictException.class, () -> allocations.publish(other.id(), "t"));
      assertTrue(stale.getMessage().contains("stale"), stale.getMessage());

      for (String probeId : List.of(probe, "syn-p-00002")) {
        Set<String> now = recommended(catalog, probeId).keySet();
        assertTrue(now.stream().noneMatch(filled::contains), "full mentors are no longer offered");
      }
      String full = filled.iterator().next();
      List<Assignment> ofMentor = allocations.assignmentsOf(EntityType.MENTORS, full, true);
      assertEquals(draft.stats().load().get(full), ofMentor.size());
      Assignment first = ofMentor.get(0);
      assertEquals(
          List.of(first.id()),
          allocations.assignmentsOf(EntityType.PROJECTS, first.projectId(), true).stream()
              .map(Assignment::id)
              .toList());

      // the next allocation sees the taken slots, also after the index is rebuilt from the store
      catalog.reindex();
      AllocationResult next = allocations.draft(request(ids(120), AllocationMode.COVERAGE), "t");
      assertEquals(published.assignments().size(), next.alreadyAssigned().size());
      assertTrue(next.stats().load().keySet().stream().noneMatch(filled::contains));
      assertTrue(recommended(catalog, probe).keySet().stream().noneMatch(filled::contains));

      Assignment ended = allocations.end(first.id(), "officer");
      assertFalse(ended.active());
      assertThrows(EntityConflictException.class, () -> allocations.end(first.id(), "t"));
      assertTrue(recommended(catalog, probe).containsKey(full), "the freed slot is offered again");
      assertEquals(
          ofMentor.size() - 1, allocations.assignmentsOf(EntityType.MENTORS, full, true).size());
      assertEquals(
          ofMentor.size(), allocations.assignmentsOf(EntityType.MENTORS, full, false).size());
      var staleNext =
          assertThrows(EntityConflictException.class, () -> allocations.publish(next.id(), "t"));
      assertTrue(staleNext.getMessage().contains(full), staleNext.getMessage());
    }
  }

  /** Imports the projects and mentors (JSON lines) and checks both imports committed. */
  private static void importAll(Catalog catalog, List<String> projects, List<String> mentors) {
    var p = catalog.importLines(EntityType.PROJECTS, projects.iterator(), true, "t");
    var m = catalog.importLines(EntityType.MENTORS, mentors.iterator(), true, "t");
    assertTrue(p.committed() && m.committed(), p.errors() + " " + m.errors());
  }

  /**
   * A project that has not consented is shut out by every mentor, though most of them were found
   * out of its district first: the reason names what the officer can fix, in both modes.
   */
  @Test
  void theProjectsOwnObstacleIsTheReasonEvenWhenMostPairsFailAnotherFirst() {
    try (Catalog catalog = TestStores.open(dir.resolve("own"), TAXONOMY, CLOCK)) {
      String mentor =
          "{\"id\":\"%s\",\"name\":\"导师\",\"kind\":\"mentor\",\"services\":[\"finance\"],"
              + "\"sectors\":[\"ai\"],\"stages\":[\"seed\"],\"location\":{\"district\":\"laoshan\"},"
              + "\"serviceDistricts\":%s,\"capacity\":3}";
      importAll(
          catalog,
          List.of(
              "{\"id\":\"p-shy\",\"name\":\"项目\",\"sectors\":[\"ai\"],\"stage\":\"seed\","
                  + "\"location\":{\"district\":\"shinan\"},\"needs\":[\"finance\"],"
                  + "\"consent\":{\"mentors\":false,\"parks\":true,\"investors\":true}}"),
          List.of(
              mentor.formatted("m-city", "[]"),
              mentor.formatted("m-l1", "[\"laoshan\"]"),
              mentor.formatted("m-l2", "[\"laoshan\"]")));
      for (AllocationMode mode : AllocationMode.values()) {
        AllocationResult r =
            allocations(catalog)
                .draft(
                    new AllocationRequest(List.of("p-shy"), EntityType.MENTORS, mode, null, 0.3),
                    "t");
        assertEquals(List.of("无匹配导师：项目未同意对方查看"), r.unassigned().get(0).reasons(), mode.code());
      }
    }
  }

  @Test
  void aScarceHandBuiltCaseIsAllocatedAndExplainedAsAnOfficerWouldExpect() {
    try (Catalog catalog = TestStores.open(dir.resolve("hand"), TAXONOMY, CLOCK)) {
      String project =
          "{\"id\":\"%s\",\"name\":\"人工智能项目\",\"description\":\"大模型\",\"sectors\":[\"ai\"],"
              + "\"stage\":\"seed\",\"location\":{\"district\":\"%s\"},\"needs\":[\"finance\"],"
              + "\"consent\":{\"mentors\":true,\"parks\":true,\"investors\":true}}";
      String mentor =
          "{\"id\":\"%s\",\"name\":\"导师\",\"kind\":\"mentor\",\"services\":[\"finance\"],"
              + "\"sectors\":[\"ai\"],\"stages\":[\"seed\"],\"location\":{\"district\":\"laoshan\"},"
              + "\"serviceDistricts\":%s,\"capacity\":1,\"description\":\"人工智能 大模型 金融\"}";
      importAll(
          catalog,
          List.of(
              project.formatted("p-1", "laoshan"),
              project.formatted("p-2", "laoshan"),
              project.formatted("p-3", "shinan")),
          List.of(mentor.formatted("m-a", "[]"), mentor.formatted("m-b", "[\"laoshan\"]")));
      AllocationResult cover =
          allocations(catalog)
              .draft(
                  new AllocationRequest(
                      List.of("p-1", "p-2", "p-3"),
                      EntityType.MENTORS,
                      AllocationMode.COVERAGE,
                      null,
                      0.3),
                  "t");
      // two slots for three projects: coverage keeps the two best pairs (both 崂山 projects, which
      // are nearer) over serving p-3 (市南), whose only option is the city-wide m-a
      Map<String, String> placed =
          cover.assignments().stream()
              .collect(
                  Collectors.toMap(
                      AllocationResult.Placed::projectId, AllocationResult.Placed::counterpartId));
      assertEquals(Map.of("p-1", "m-a", "p-2", "m-b"), placed, cover.toString());
      AllocationResult.Unplaced left = cover.unassigned().get(0);
      assertEquals(List.of("无可用导师：可匹配的 1 位导师已满（名额用于服务更多项目）", "所有提供金融助力的可匹配导师已满"), left.reasons());
      assertEquals("p-3", left.projectId());
      assertEquals(
          List.of("名额已分配给其他项目（1/1）", "不在服务区域内"),
          left.nearMisses().stream().map(AllocationResult.NearMiss::why).toList());
      assertEquals(0.6667, cover.stats().coverage(), 1e-9);
    }
  }

  @Test
  void unknownProjectsAreNamedByPosition() {
    try (Catalog catalog = open(10, 3)) {
      var e =
          assertThrows(
              ValidationException.class,
              () ->
                  allocations(catalog)
                      .draft(request(List.of("syn-p-00001", "nope"), AllocationMode.STABLE), "t"));
      assertEquals("projects[1]", e.errors().get(0).field());
    }
  }
}

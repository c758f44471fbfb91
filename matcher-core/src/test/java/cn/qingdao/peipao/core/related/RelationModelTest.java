package cn.qingdao.peipao.core.related;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.TestTaxonomy;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model against a reference written from its definition with plain sets, on seeded random
 * relation graphs, and the properties a ranking relies on: values in [0,1], a true maximum, the
 * subject's own pairs never counting, nothing for a subject nothing is known of.
 */
class RelationModelTest {
  static final Taxonomy TAXONOMY = TestTaxonomy.load();
  static final FeatureExtractor FX = new FeatureExtractor(TAXONOMY);
  static final EntityReader READER = new EntityReader(TAXONOMY);

  static Features project(String id, String sector, String district) {
    return project(id, sector, district, null);
  }

  static Features project(String id, String sector, String district, String stage) {
    return project(id, sector, district, stage, 0);
  }

  static Features project(String id, String sector, String district, String stage, long need) {
    StringBuilder json = new StringBuilder("{\"id\":\"" + id + "\",\"name\":\"p\"");
    if (need > 0) json.append(",\"fundingNeed\":").append(need);
    if (stage != null) json.append(",\"stage\":\"").append(stage).append("\"");
    if (sector != null) json.append(",\"sectors\":[\"").append(sector).append("\"]");
    if (district != null)
      json.append(",\"location\":{\"district\":\"").append(district).append("\"}");
    return FX.of(READER.readProfile(Json.parse(json + "}")));
  }

  /**
   * Funding needs in one band and in others, some on either side of a band's edge (10^(35/6) =
   * 681,292 for 6 bands per decade, 10^(17/3) = 464,159 for 3); 0 for none.
   */
  static final long[] NEEDS = {
    0, 100_000, 120_000, 464_000, 465_000, 500_000, 680_000, 682_000, 1_000_000, 1_300_000,
    5_000_000
  };

  @Test
  void equalsTheReferenceOnRandomGraphs() {
    List<String> sectors = TAXONOMY.sectors().stream().map(s -> s.code()).limit(4).toList();
    List<String> districts = TAXONOMY.districts().stream().map(d -> d.code()).limit(3).toList();
    List<String> stages = TAXONOMY.stages().stream().map(g -> g.code()).limit(3).toList();
    int compared = 0;
    for (long seed = 1; seed <= 400; seed++) {
      Random r = new Random(seed);
      int nProjects = 1 + r.nextInt(40);
      int nCounterparts = 1 + r.nextInt(15);
      Map<String, Features> features = new HashMap<>();
      for (int p = 0; p < nProjects; p++) {
        String id = "p" + p;
        features.put(
            id,
            project(
                id,
                r.nextInt(6) == 0 ? null : sectors.get(r.nextInt(sectors.size())),
                r.nextInt(4) == 0 ? null : districts.get(r.nextInt(districts.size())),
                r.nextInt(3) == 0 ? null : stages.get(r.nextInt(stages.size())),
                NEEDS[r.nextInt(NEEDS.length)]));
      }
      List<RelationModel.Edge> edges = new ArrayList<>();
      int nEdges = r.nextInt(4 * nProjects);
      for (int e = 0; e < nEdges; e++) {
        String p = "p" + r.nextInt(nProjects);
        // now and then a project the index no longer has: no features, still a co-occurrence
        Features f = r.nextInt(10) == 0 ? null : features.get(p);
        // half the relations old, counting less (a repeated pair counts its most recent)
        double w = r.nextBoolean() ? 1 : 0.05 + 0.95 * r.nextDouble();
        edges.add(new RelationModel.Edge(p, f, "c" + r.nextInt(nCounterparts), w));
      }
      RelationModel.Params params =
          new RelationModel.Params(
              r.nextInt(3) * 2.5,
              r.nextInt(3) * 0.75,
              1 + r.nextInt(3),
              1 + r.nextInt(2),
              RelationModel.Params.DEFAULT_HALF_LIFE_DAYS,
              new int[] {0, 3, 6}[r.nextInt(3)],
              // the default groups half the time, else any subset of the kinds (none included)
              r.nextBoolean() ? RelationModel.Params.DEFAULT_LIKE_BY : randomLikeBy(r));
      // a fifth of the counterparts cannot be recommended (deleted, an event over)
      Set<String> gone = new HashSet<>();
      for (int c = 0; c < nCounterparts; c++) if (r.nextInt(5) == 0) gone.add("c" + c);
      RelationModel model = RelationModel.build(edges, params, id -> !gone.contains(id));
      Reference ref = new Reference(edges, params, gone);
      for (int q = 0; q < 10; q++) {
        // a stored project (with or without relations) or a draft
        String id = r.nextInt(4) == 0 ? null : "p" + r.nextInt(nProjects + 3);
        Features subject =
            // half the stored projects ask with a profile edited since: the groups it is in now
            // and those it was in when the model was built differ
            id != null && features.containsKey(id) && r.nextBoolean()
                ? features.get(id)
                // a draft, or a stored project asking with a profile edited since the model was
                // built (another sector, none, another amount)
                : project(
                    "draft",
                    // a third of the drafts state no sector, only (perhaps) an amount
                    r.nextInt(3) == 0 ? null : sectors.get(r.nextInt(sectors.size())),
                    r.nextBoolean() ? null : districts.get(r.nextInt(districts.size())),
                    r.nextBoolean() ? null : stages.get(r.nextInt(stages.size())),
                    NEEDS[r.nextInt(NEEDS.length)]);
        boolean withWhom = r.nextInt(4) > 0;
        Related got = model.of(id, subject, withWhom);
        Map<String, Double> want = ref.of(id, subject, withWhom);
        double max = 0;
        for (int c = 0; c < nCounterparts + 2; c++) {
          String cid = "c" + c;
          double v = got.of(cid);
          assertEquals(want.getOrDefault(cid, 0.0), v, 1e-9, "seed " + seed + " subject " + id);
          assertTrue(v >= 0 && v <= 1);
          max = Math.max(max, v);
          compared++;
        }
        assertEquals(max, got.max(), 0.0, "max is the largest value");
        assertTrue(max == 0 || max == 1, "scaled so that the best is 1: " + max);
      }
    }
    assertTrue(compared > 30000, "compared " + compared);
  }

  static Set<RelationModel.LikeBy> randomLikeBy(Random r) {
    Set<RelationModel.LikeBy> out = new HashSet<>();
    for (RelationModel.LikeBy by : RelationModel.LikeBy.values()) if (r.nextBoolean()) out.add(by);
    return out;
  }

  @Test
  void theSubjectsOwnPairsNeverCountAndAColdSubjectGetsNothing() {
    Features alone = project("p-alone", "ai", "laoshan");
    RelationModel model =
        RelationModel.build(
            List.of(
                new RelationModel.Edge("p-alone", alone, "m1"),
                new RelationModel.Edge("p-other", project("p-other", "ngit", null), "m2")),
            new RelationModel.Params(2, 1, 1, 1)); // no privacy thresholds: one project speaks
    // the only related project of its sector: no project like it went anywhere but itself
    assertEquals(0, model.of("p-alone", alone).max());
    // a draft of the same sector sees where p-alone went
    assertEquals(1, model.of(null, project("d", "ai", null)).of("m1"));
    // a profile stating no sector, district or amount, with no relations of its own: nothing,
    // every ranking unchanged
    assertEquals(0, model.of(null, project("d", null, null)).max());
    // stating only its district, it sees where the projects of that district went
    assertEquals(1, model.of(null, project("d", null, "laoshan")).of("m1"));
    assertEquals(0, model.of(null, project("d", null, "laoshan")).of("m2"));
    assertEquals(0, RelationModel.EMPTY.of("p-alone", alone).max());
    // an event that is over links its attendees to their next ones, and gets nothing itself
    Features f = project("p", "ai", null);
    RelationModel events =
        RelationModel.build(
            List.of(
                new RelationModel.Edge("p1", f, "e-past"),
                new RelationModel.Edge("p1", f, "e-next"),
                new RelationModel.Edge("p2", f, "e-past")),
            new RelationModel.Params(2, 1, 1, 1),
            id -> !id.equals("e-past"));
    Related r = events.of("p2", f);
    assertEquals(1, r.of("e-next"));
    assertEquals(0, r.of("e-past"));
  }

  @Test
  void byDefaultFewerThanThreeProjectsOrOneSharedProjectSayNothing() {
    // a founder who moves its project into a cell must not learn where its one project went
    Features f = project("x", "ai", "laoshan");
    List<RelationModel.Edge> two =
        List.of(new RelationModel.Edge("a", f, "m1"), new RelationModel.Edge("b", f, "m1"));
    assertEquals(0, RelationModel.build(two, RelationModel.Params.DEFAULTS).of(null, f).max());
    List<RelationModel.Edge> three = new java.util.ArrayList<>(two);
    three.add(new RelationModel.Edge("c", f, "m2"));
    Related r = RelationModel.build(three, RelationModel.Params.DEFAULTS).of(null, f);
    assertEquals(1, r.of("m1"));
    // with whom: one other project that went to my mentor and to m9 is not enough
    Features g = project("y", "ngit", null);
    List<RelationModel.Edge> co =
        List.of(
            new RelationModel.Edge("me", g, "mine"),
            new RelationModel.Edge("o1", g, "mine"),
            new RelationModel.Edge("o1", g, "m9"));
    RelationModel.Params noGroups = new RelationModel.Params(2, 1, 100, 2);
    assertEquals(0, RelationModel.build(co, noGroups).of("me", g).max());
    List<RelationModel.Edge> co2 = new java.util.ArrayList<>(co);
    co2.add(new RelationModel.Edge("o2", g, "mine"));
    co2.add(new RelationModel.Edge("o2", g, "m9"));
    assertEquals(1, RelationModel.build(co2, noGroups).of("me", g).of("m9"));
  }

  @Test
  void recentRelationsSayMoreThanOldOnes() {
    Features f = project("p", "ngit", null);
    List<RelationModel.Edge> edges = new ArrayList<>();
    RelationModel.Params decay = new RelationModel.Params(2, 1, 1, 1, 365);
    // three projects went to m-old two years ago, two to m-new last month
    for (int i = 0; i < 3; i++)
      edges.add(new RelationModel.Edge("o" + i, f, "m-old", decay.weight(730)));
    for (int i = 0; i < 2; i++)
      edges.add(new RelationModel.Edge("n" + i, f, "m-new", decay.weight(30)));
    Related now = RelationModel.build(edges, decay).of(null, f);
    assertTrue(now.of("m-new") > now.of("m-old"), now.of("m-new") + " vs " + now.of("m-old"));
    // without decay the count decides
    List<RelationModel.Edge> flat =
        edges.stream()
            .map(e -> new RelationModel.Edge(e.projectId(), f, e.counterpartId()))
            .toList();
    Related counts = RelationModel.build(flat, new RelationModel.Params(2, 1, 1, 1, 0)).of(null, f);
    assertTrue(counts.of("m-old") > counts.of("m-new"));
    assertEquals(0.5, decay.weight(365), 1e-12);
    assertEquals(1, decay.weight(0));
    assertEquals(1, decay.weight(-3), "a relation dated later than today counts in full");
    assertEquals(1, new RelationModel.Params(2, 1, 1, 1, 0).weight(1e6), "0: no decay");
    assertTrue(decay.weight(1e9) > 0, "an old relation still links projects");
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> new RelationModel.Params(2, 1, 1, 1, -1));
    assertTrue(e.getMessage().contains("halfLifeDays"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RelationModel.Edge("p", f, "m", 0));
    assertTrue(e.getMessage().contains("weight"), e.getMessage());
  }

  @Test
  void groupKindsAreKeptInDeclarationOrderAndCannotBeChangedAfterwards() {
    List<RelationModel.LikeBy> reversed =
        new ArrayList<>(List.of(RelationModel.LikeBy.values()).reversed());
    Set<RelationModel.LikeBy> given = new java.util.LinkedHashSet<>(reversed);
    RelationModel.Params p = new RelationModel.Params(2, 1, 3, 2, 365, 6, given);
    // the shares are added in one order, whatever order the caller's set has
    assertEquals(List.of(RelationModel.LikeBy.values()), List.copyOf(p.likeBy()));
    given.clear();
    assertEquals(RelationModel.LikeBy.values().length, p.likeBy().size(), "a copy");
    assertThrows(UnsupportedOperationException.class, () -> p.likeBy().clear());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RelationModel.Params(2, 1, 3, 2, 365, 6, null));
    assertTrue(e.getMessage().contains("likeBy"), e.getMessage());
  }

  /** The definition, with sets and maps. */
  private record Reference(
      List<RelationModel.Edge> edges,
      RelationModel.Params params,
      Set<String> gone,
      Map<String, Double> weights) {
    Reference(List<RelationModel.Edge> edges, RelationModel.Params params, Set<String> gone) {
      this(edges, params, gone, new HashMap<>());
    }

    Map<String, Double> of(String self, Features subject, boolean useOwn) {
      Map<String, Set<String>> cps = new HashMap<>(); // project → counterparts
      Map<String, Set<String>> pjs = new HashMap<>(); // counterpart → projects
      Map<String, Features> f = new HashMap<>();
      for (RelationModel.Edge e : edges) {
        weights.merge(e.projectId() + "→" + e.counterpartId(), e.weight(), Math::max);
        cps.computeIfAbsent(e.projectId(), k -> new HashSet<>()).add(e.counterpartId());
        pjs.computeIfAbsent(e.counterpartId(), k -> new HashSet<>()).add(e.projectId());
        if (e.project() != null) f.putIfAbsent(e.projectId(), e.project());
      }
      Map<String, Double> total = new HashMap<>();
      int b = band(subject);
      for (RelationModel.LikeBy by : RelationModel.LikeBy.values()) {
        if (!params.likeBy().contains(by)) continue;
        String name = by.name();
        boolean bySector = name.contains("SECTOR"), byDistrict = name.contains("DISTRICT");
        boolean byStage = name.contains("STAGE"), byBand = name.contains("BAND");
        if (bySector && subject.mainSector < 0
            || byDistrict && subject.district < 0
            || byStage && subject.stage < 0
            || byBand && b < 0) continue; // the subject does not state what the group goes by
        share(
                cps,
                f,
                self,
                bySector ? subject.mainSector : -1,
                byDistrict ? subject.district : -1,
                byStage ? subject.stage : -1,
                byBand ? b : -1)
            .forEach((c, v) -> total.merge(c, v / params.likeBy().size(), Double::sum));
      }
      if (self != null && cps.containsKey(self) && useOwn) {
        Map<String, Double> co = new HashMap<>();
        Set<String> own = cps.get(self);
        for (String i : own) {
          Set<String> pi = new HashSet<>(pjs.get(i));
          pi.remove(self);
          for (String c : pjs.keySet()) {
            if (own.contains(c) || pi.isEmpty()) continue;
            long shared = pjs.get(c).stream().filter(pi::contains).count();
            if (shared > 0 && shared >= params.minShared())
              co.merge(c, shared / Math.sqrt((double) pi.size() * pjs.get(c).size()), Double::sum);
          }
        }
        scale(co);
        co.forEach((c, v) -> total.merge(c, params.withWhom() * v, Double::sum));
      }
      scale(total);
      return total;
    }

    /** The funding band of a project: bands per decade of its need, -1 for none. */
    private int band(Features p) {
      if (p.fundingNeed <= 0 || params.bandsPerDecade() == 0) return -1;
      return (int) Math.floor(params.bandsPerDecade() * Math.log10(p.fundingNeed));
    }

    /** Sector s, district d, stage g, band b (−1: any). */
    private Map<String, Double> share(
        Map<String, Set<String>> cps,
        Map<String, Features> f,
        String self,
        int s,
        int d,
        int g,
        int b) {
      Map<String, Double> out = new HashMap<>();
      int n = 0;
      for (var e : cps.entrySet()) {
        Features pf = f.get(e.getKey());
        if (e.getKey().equals(self) || pf == null) continue;
        if (s >= 0 && pf.mainSector != s) continue;
        if (b >= 0 && band(pf) != b) continue;
        if (d >= 0 && pf.district != d) continue;
        if (g >= 0 && pf.stage != g) continue;
        n++;
        for (String c : e.getValue()) out.merge(c, weights.get(e.getKey() + "→" + c), Double::sum);
      }
      if (n == 0 || n < params.minGroup()) return Map.of();
      scale(out);
      double weight = n / (n + params.shrinkage());
      out.replaceAll((c, v) -> v * weight);
      return out;
    }

    private void scale(Map<String, Double> m) {
      m.replaceAll((c, v) -> gone.contains(c) ? 0.0 : v);
      double max = m.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
      if (max > 0) m.replaceAll((c, v) -> Math.min(1.0, v / max));
    }
  }
}

package cn.qingdao.peipao.index.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.RelationModel;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.Match;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path returns exactly what scoring every entity returns: same ids, same order, same
 * scores, same number of eligible candidates, on seeded random ecosystems and queries.
 */
class RecommenderEquivalenceTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void fastPathEqualsExhaustiveScoring() {
    for (long seed : new long[] {11, 12}) {
      Path data = dir.resolve("eco-" + seed);
      try (Catalog catalog = TestStores.open(data, TAXONOMY, CLOCK)) {
        Random rnd = new Random(seed);
        load(catalog, seed, rnd);
        Recommender recommender =
            new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), CLOCK);
        // what people did: random pairs, most of them along sectors, as the related component sees
        java.util.Map<EntityType, RelationModel> models =
            relations(recommender.ranking(), new Random(seed * 7));
        recommender.ranking().useRelations(models::get);
        int compared = 0;
        int relatedItems = 0;
        java.util.Map<Direction, Integer> byDirection = new java.util.EnumMap<>(Direction.class);
        long textScoredFast = 0;
        long textScoredAll = 0;
        for (int q = 0; q < 150; q++) {
          Recommender.Request request = randomRequest(catalog, rnd);
          Recommendation fast = recommender.recommend(request);
          Recommendation all = recommender.exhaustive(request);
          String what =
              "seed "
                  + seed
                  + " query "
                  + q
                  + " "
                  + fast.direction().code()
                  + " subject "
                  + request.subject().id()
                  + " "
                  + request.filters();
          assertSameAnswer(all, fast, what);
          for (String id : ids(fast.items()))
            assertTrue(!request.exclude().contains(id), "recommended a rejected " + id);
          for (Match m : all.items()) {
            Double related = m.components().get("related");
            if (related != null && related > 0) relatedItems++;
          }
          compared += all.items().size();
          byDirection.merge(fast.direction(), all.items().size(), Integer::sum);
          textScoredFast += fast.textScored();
          textScoredAll += all.textScored();
        }
        assertTrue(compared > 1000, "the queries must return enough items to compare: " + compared);
        assertTrue(relatedItems > 100, "items with a related value compared: " + relatedItems);
        for (Direction d : Direction.values())
          assertTrue(
              byDirection.getOrDefault(d, 0) > 0,
              "no item compared in direction " + d.code() + " (seed " + seed + "): " + byDirection);
        assertTrue(
            textScoredFast * 3 < textScoredAll,
            "pruning must skip most text scoring: " + textScoredFast + " of " + textScoredAll);
      }
    }
  }

  /**
   * Runs of the full length: five sixths of 2,400 mentors share one main sector and district, so
   * that group fills several runs of {@link BlockLayout#RUN} blocks (the cap, then a shorter run),
   * with the projects' blocks beside them; project → mentors still equals exhaustive scoring, for
   * seeded subjects and limits. The ecosystem of the test above has a few mentors per group, so its
   * runs are mostly one block long.
   */
  @Test
  void fastPathEqualsExhaustiveScoringInLongRuns() {
    try (Catalog catalog = TestStores.open(dir.resolve("runs"), TAXONOMY, CLOCK)) {
      Random rnd = new Random(13);
      SyntheticEcosystem gen = new SyntheticEcosystem(TAXONOMY, 13);
      List<String> sectors =
          TAXONOMY.sectors().stream().map(cn.qingdao.peipao.core.taxonomy.Sector::code).toList();
      List<ObjectNode> mentors = gen.mentors(2400);
      for (int i = 0; i < mentors.size(); i++) {
        if (i % 6 == 5) continue; // a sixth stays spread over the others
        ObjectNode m = mentors.get(i);
        var own = m.putArray("sectors");
        own.add("ai");
        String other = sectors.get(rnd.nextInt(sectors.size()));
        if (!other.equals("ai") && rnd.nextBoolean()) own.add(other);
        ((ObjectNode) m.get("location")).put("district", "shinan");
      }
      import_(catalog, EntityType.PROJECTS, gen.projects(300));
      import_(catalog, EntityType.MENTORS, mentors);
      Recommender recommender =
          new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), CLOCK);
      int[] limits = {1, 3, 10, 10, 25, 100};
      int compared = 0;
      for (int q = 0; q < 120; q++) {
        String id = String.format(java.util.Locale.ROOT, "syn-p-%05d", 1 + rnd.nextInt(300));
        Entity subject = catalog.subject(EntityType.PROJECTS, id).orElseThrow();
        var request =
            new Recommender.Request(
                subject,
                EntityType.MENTORS,
                limits[rnd.nextInt(limits.length)],
                RequestFilters.NONE,
                null);
        Recommendation fast = recommender.recommend(request);
        Recommendation all = recommender.exhaustive(request);
        assertSameAnswer(all, fast, "query " + q + " subject " + id);
        compared += all.items().size();
      }
      assertTrue(compared > 1000, "the queries must return enough items to compare: " + compared);
    }
  }

  /**
   * The fast path stays equal to exhaustive scoring while the index changes under it: the same
   * requests asked again after each write of every kind that moves a hard constraint (capacity,
   * service districts, deletion and return, a park filling, consent, status, an event closing), so
   * that nothing remembered between requests (the hard-constraint hits of {@link HitCache}) answers
   * for an older index. The exhaustive path remembers nothing.
   */
  @Test
  void fastPathStaysEqualWhileTheIndexChanges() {
    try (Catalog catalog = TestStores.open(dir.resolve("writes"), TAXONOMY, CLOCK)) {
      Random rnd = new Random(21);
      SyntheticEcosystem gen = new SyntheticEcosystem(TAXONOMY, 21);
      List<ObjectNode> projects = gen.projects(400);
      List<ObjectNode> mentors = gen.mentors(150);
      List<ObjectNode> parks = gen.parks(60);
      List<ObjectNode> events = events(new Random(5), 80);
      import_(catalog, EntityType.PROJECTS, projects);
      import_(catalog, EntityType.MENTORS, mentors);
      import_(catalog, EntityType.PARKS, parks);
      import_(catalog, EntityType.INVESTORS, gen.investors(60));
      import_(catalog, EntityType.EVENTS, events);
      Recommender recommender =
          new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), CLOCK);
      // the asked pairs: projects of a few districts towards every type, and back
      List<String[]> asked = new ArrayList<>();
      EntityType[] targets = {
        EntityType.MENTORS, EntityType.PARKS, EntityType.INVESTORS, EntityType.EVENTS
      };
      for (int i = 0; i < 16; i++)
        asked.add(new String[] {"projects", id(projects, rnd), targets[i % 4].path()});
      for (int i = 0; i < 4; i++) {
        asked.add(new String[] {"mentors", id(mentors, rnd), "projects"});
        asked.add(new String[] {"parks", id(parks, rnd), "projects"});
        asked.add(new String[] {"events", id(events, rnd), "projects"});
      }
      java.util.Set<String> deleted = new java.util.HashSet<>();
      int compared = 0;
      for (int round = 0; round <= 60; round++) {
        if (round > 0) write(catalog, rnd, projects, mentors, parks, events, deleted);
        for (String[] a : asked) {
          EntityType type = EntityType.fromPath(a[0]).orElseThrow();
          Entity subject = subject(catalog, type, a[1]);
          if (subject == null) continue;
          Recommender.Request r =
              new Recommender.Request(
                  subject, EntityType.fromPath(a[2]).orElseThrow(), 10, RequestFilters.NONE, null);
          Recommendation all = recommender.exhaustive(r);
          String what = "round " + round + " " + a[0] + "/" + a[1] + " → " + a[2];
          // twice: the second answer comes from what the first remembered of this index
          for (int twice = 0; twice < 2; twice++) {
            assertSameAnswer(all, recommender.recommend(r), what);
            compared += all.items().size();
          }
        }
      }
      assertTrue(compared > 4000, "items compared: " + compared);
      assertTrue(
          recommender.ranking().hits.hits() > 1500,
          "the requests must have been answered from remembered hits: "
              + recommender.ranking().hits.hits());
    }
  }

  /** One random write that moves a hard constraint, through the catalog as the service writes. */
  private static void write(
      Catalog catalog,
      Random rnd,
      List<ObjectNode> projects,
      List<ObjectNode> mentors,
      List<ObjectNode> parks,
      List<ObjectNode> events,
      java.util.Set<String> deleted) {
    List<String> districts = TAXONOMY.districts().stream().map(x -> x.code()).toList();
    switch (rnd.nextInt(7)) {
      case 0 -> {
        ObjectNode m = mentors.get(rnd.nextInt(mentors.size()));
        m.put("capacity", rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(8));
        save(catalog, EntityType.MENTORS, m, deleted);
      }
      case 1 -> {
        ObjectNode m = mentors.get(rnd.nextInt(mentors.size()));
        m.remove("serviceDistricts");
        if (rnd.nextBoolean()) m.withArray("serviceDistricts").add(pick(rnd, districts));
        else m.putArray("serviceDistricts");
        save(catalog, EntityType.MENTORS, m, deleted);
      }
      case 2 -> {
        ObjectNode m = mentors.get(rnd.nextInt(mentors.size()));
        String id = m.get("id").asText();
        if (deleted.remove(id)) import_(catalog, EntityType.MENTORS, List.of(m));
        else {
          catalog.delete(EntityType.MENTORS, id, null, "test");
          deleted.add(id);
        }
      }
      case 3 -> {
        ObjectNode k = parks.get(rnd.nextInt(parks.size()));
        k.put("tenants", rnd.nextBoolean() ? k.get("capacity").asInt() : 0);
        save(catalog, EntityType.PARKS, k, deleted);
      }
      case 4 -> {
        ObjectNode p = projects.get(rnd.nextInt(projects.size()));
        ObjectNode consent = p.withObject("consent");
        for (String to : List.of("mentors", "parks", "investors"))
          consent.put(to, rnd.nextBoolean());
        p.withObject("location").put("district", pick(rnd, districts));
        save(catalog, EntityType.PROJECTS, p, deleted);
      }
      case 5 -> {
        ObjectNode p = projects.get(rnd.nextInt(projects.size()));
        p.put("status", rnd.nextBoolean() ? "active" : "failed");
        save(catalog, EntityType.PROJECTS, p, deleted);
      }
      default -> {
        ObjectNode e = events.get(rnd.nextInt(events.size()));
        e.put("status", rnd.nextBoolean() ? "open" : "closed");
        save(catalog, EntityType.EVENTS, e, deleted);
      }
    }
  }

  private static void save(
      Catalog catalog, EntityType type, ObjectNode node, java.util.Set<String> deleted) {
    if (!deleted.contains(node.get("id").asText())) import_(catalog, type, List.of(node));
  }

  private static String id(List<ObjectNode> nodes, Random rnd) {
    return nodes.get(rnd.nextInt(nodes.size())).get("id").asText();
  }

  /** The stored entity as the service reads a subject, or null when it is gone. */
  private static Entity subject(Catalog catalog, EntityType type, String id) {
    return catalog
        .get(type, id)
        .map(
            s ->
                catalog
                    .reader()
                    .read(type, Json.parse(s.json()))
                    .withServerFields(s.id(), s.version(), s.updatedAt()))
        .orElse(null);
  }

  /**
   * A relation model per counterpart type from random pairs: each project went to 0–3 counterparts,
   * two in three of them sharing its main sector.
   */
  static java.util.Map<EntityType, RelationModel> relations(Ranking ranking, Random rnd) {
    java.util.Map<EntityType, RelationModel> out = new java.util.EnumMap<>(EntityType.class);
    for (EntityType t :
        List.of(EntityType.MENTORS, EntityType.PARKS, EntityType.INVESTORS, EntityType.EVENTS)) {
      List<String> ids = new ArrayList<>();
      List<Features> features = new ArrayList<>();
      ranking.withPool(
          t,
          pool -> {
            for (int j = 0; j < pool.size(); j++) {
              ids.add(pool.entity(j).id());
              features.add(pool.features(j));
            }
            return null;
          });
      List<RelationModel.Edge> edges = new ArrayList<>();
      ranking.withPool(
          EntityType.PROJECTS,
          pool -> {
            for (int j = 0; j < pool.size(); j++) {
              Features p = pool.features(j);
              for (int e = rnd.nextInt(4); e > 0; e--) {
                int c = rnd.nextInt(ids.size());
                for (int tries = 0; tries < 20 && rnd.nextInt(3) > 0; tries++) {
                  int k = rnd.nextInt(ids.size());
                  if (p.mainSector >= 0 && (features.get(k).sectors & (1L << p.mainSector)) != 0) {
                    c = k;
                    break;
                  }
                }
                edges.add(new RelationModel.Edge(pool.entity(j).id(), p, ids.get(c)));
              }
            }
            return null;
          });
      out.put(t, RelationModel.build(edges, RelationModel.Params.DEFAULTS));
    }
    return out;
  }

  /**
   * Fails unless the fast path's answer {@code fast} is exhaustive scoring's {@code all}: the same
   * count of eligible candidates, the same ids in order, the same scores and components exactly.
   */
  static void assertSameAnswer(Recommendation all, Recommendation fast, String what) {
    assertEquals(all.total(), fast.total(), "eligible candidates differ: " + what);
    assertEquals(ids(all.items()), ids(fast.items()), what);
    for (int i = 0; i < all.items().size(); i++) {
      assertEquals(all.items().get(i).score(), fast.items().get(i).score(), 0.0, what);
      assertEquals(all.items().get(i).components(), fast.items().get(i).components(), what);
    }
  }

  private static List<String> ids(List<Match> items) {
    return items.stream().map(Match::id).toList();
  }

  /**
   * Synthetic ecosystem plus the real data, with some full mentors and parks and failed projects.
   */
  private static void load(Catalog catalog, long seed, Random rnd) {
    SyntheticEcosystem gen = new SyntheticEcosystem(TAXONOMY, seed);
    List<ObjectNode> projects = gen.projects(2000);
    List<ObjectNode> mentors = gen.mentors(600);
    List<ObjectNode> parks = gen.parks(200);
    for (ObjectNode p : projects) // re-opened through the second-incubation channel
    if (rnd.nextDouble() < 0.05) p.withArray("tags").add("二次孵化");
    for (ObjectNode m : mentors) {
      if (rnd.nextDouble() < 0.1) m.put("capacity", 0);
      if (rnd.nextDouble() < 0.1) m.withArray("tags").add("二次孵化");
    }
    for (ObjectNode k : parks) {
      if (rnd.nextDouble() < 0.1) k.put("tenants", k.get("capacity").asInt());
      if (rnd.nextDouble() < 0.1) k.withArray("tags").add("二次孵化");
      if (rnd.nextDouble() < 0.2) k.withArray("tags").add("返乡入乡创业园区");
    }
    // a tenth of everyone elsewhere in Shandong: a county (city centre as its point) or a city
    // alone
    List<ObjectNode> all = new ArrayList<>(projects);
    all.addAll(mentors);
    all.addAll(parks);
    for (ObjectNode e : all) {
      if (rnd.nextDouble() >= 0.1) continue;
      ObjectNode loc = e.putObject("location");
      if (rnd.nextBoolean()) loc.put("district", pick(rnd, ELSEWHERE));
      else loc.put("city", pick(rnd, CITIES));
    }
    import_(catalog, EntityType.PROJECTS, projects);
    import_(catalog, EntityType.MENTORS, mentors);
    import_(catalog, EntityType.PARKS, parks);
    import_(catalog, EntityType.PARKS, QingdaoDataset.real(EntityType.PARKS));
    import_(catalog, EntityType.INVESTORS, gen.investors(200));
    import_(catalog, EntityType.INVESTORS, QingdaoDataset.real(EntityType.INVESTORS));
    import_(catalog, EntityType.POLICIES, QingdaoDataset.real(EntityType.POLICIES));
    import_(catalog, EntityType.EVENTS, events(new Random(seed * 31 + 7), 300));
    // a few writes after the bulk load, so that several segments and deletions exist
    for (int i = 0; i < 30; i++) {
      String id = String.format("syn-p-%05d", 1 + rnd.nextInt(2000));
      if (catalog.get(EntityType.PROJECTS, id).isPresent()) // the same id may come up twice
      catalog.delete(EntityType.PROJECTS, id, null, "test");
    }
  }

  /**
   * Events around the clock's day: past, today, ahead; some closed or cancelled; sign-up closing
   * before the start, sometimes already; a tenth elsewhere in Shandong.
   */
  static List<ObjectNode> events(Random rnd, int n) {
    List<String> sectors = TAXONOMY.sectors().stream().map(x -> x.code()).toList();
    List<String> needs = TAXONOMY.services().stream().map(x -> x.code()).toList();
    List<String> districts = TAXONOMY.districts().stream().map(x -> x.code()).toList();
    String[] words = {"融资路演", "智能制造沙龙", "海洋经济对接", "平台经济训练营", "数据服务大讲堂"};
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ObjectNode e = Json.mapper().createObjectNode();
      e.put("id", String.format("syn-ev-%05d", i));
      e.put("name", words[rnd.nextInt(words.length)] + " 第" + i + "期");
      e.put("description", "合成活动：" + words[rnd.nextInt(words.length)]);
      e.put("kind", pick(rnd, Codes.EVENT_KINDS));
      if (rnd.nextDouble() < 0.8)
        e.putObject("organiser").put("type", pick(rnd, Codes.ORGANISER_TYPES));
      for (int k = rnd.nextInt(3); k > 0; k--) e.withArray("sectors").add(pick(rnd, sectors));
      for (String st : TAXONOMY.stageCodeList())
        if (rnd.nextDouble() < 0.4) e.withArray("stages").add(st);
      java.util.Set<String> ns = new java.util.LinkedHashSet<>();
      for (int k = 1 + rnd.nextInt(3); k > 0; k--) ns.add(pick(rnd, needs));
      ns.forEach(x -> e.withArray("needs").add(x));
      java.util.Set<String> secs = new java.util.LinkedHashSet<>();
      e.withArray("sectors").forEach(x -> secs.add(x.asText()));
      e.remove("sectors");
      secs.forEach(x -> e.withArray("sectors").add(x));
      ObjectNode loc = e.putObject("location");
      if (rnd.nextDouble() < 0.1) loc.put("district", pick(rnd, ELSEWHERE));
      else loc.put("district", pick(rnd, districts));
      Instant start =
          CLOCK.instant().plus(java.time.Duration.ofHours(rnd.nextInt(24 * 110) - 24 * 20));
      e.put("start", start.atOffset(ZoneOffset.ofHours(8)).toString());
      e.put("end", start.plus(java.time.Duration.ofHours(3)).atOffset(ZoneOffset.UTC).toString());
      if (rnd.nextDouble() < 0.8)
        e.put(
            "registrationDeadline",
            start
                .minus(java.time.Duration.ofHours(rnd.nextInt(24 * 8)))
                .atOffset(ZoneOffset.UTC)
                .toString());
      double r = rnd.nextDouble();
      e.put("status", r < 0.8 ? "open" : r < 0.9 ? "closed" : "cancelled");
      if (rnd.nextBoolean()) e.put("capacity", 10 + rnd.nextInt(200));
      out.add(e);
    }
    return out;
  }

  private static void import_(Catalog c, EntityType type, List<ObjectNode> nodes) {
    var report = c.importLines(type, nodes.stream().map(Json::write).iterator(), true, "test");
    assertTrue(report.committed(), report.errors().toString());
  }

  private static Recommender.Request randomRequest(Catalog catalog, Random rnd) {
    Direction d = Direction.values()[rnd.nextInt(Direction.values().length)];
    Entity subject = null;
    while (subject == null) {
      String id = randomId(d.subject(), rnd);
      subject =
          catalog
              .get(d.subject(), id)
              .map(
                  s ->
                      catalog
                          .reader()
                          .read(d.subject(), Json.parse(s.json()))
                          .withServerFields(s.id(), s.version(), s.updatedAt()))
              .orElse(null);
    }
    int[] limits = {1, 3, 10, 10, 25, 100};
    java.util.Set<String> only = null;
    if (d.target() == EntityType.POLICIES && rnd.nextBoolean()) {
      // as the policy matcher asks: only the ids the eligibility engine admitted
      only = new java.util.HashSet<>();
      for (ObjectNode p : QingdaoDataset.real(EntityType.POLICIES))
        if (rnd.nextBoolean()) only.add(p.get("id").asText());
    }
    // as the service asks for a stored subject: never the targets it rejected
    java.util.Set<String> rejected = new java.util.HashSet<>();
    if (rnd.nextInt(3) == 0)
      for (int i = 0; i < 1 + rnd.nextInt(20); i++) rejected.add(randomId(d.target(), rnd));
    return new Recommender.Request(
            subject,
            d.target(),
            limits[rnd.nextInt(limits.length)],
            randomFilters(d.target(), rnd),
            null,
            only)
        .excluding(rejected);
  }

  private static String randomId(EntityType type, Random rnd) {
    return switch (type) {
      case PROJECTS -> String.format("syn-p-%05d", 1 + rnd.nextInt(2000));
      case MENTORS -> String.format("syn-m-%05d", 1 + rnd.nextInt(600));
      case PARKS -> String.format("syn-k-%05d", 1 + rnd.nextInt(200));
      case INVESTORS -> String.format("syn-i-%05d", 1 + rnd.nextInt(200));
      case POLICIES -> "pol-cdb-personal";
      case EVENTS -> String.format("syn-ev-%05d", 1 + rnd.nextInt(300));
    };
  }

  /** Counties outside Qingdao, and cities, that locations and filters use. */
  static final List<String> ELSEWHERE = List.of("370102", "370602", "371102", "370883");

  static final List<String> CITIES = List.of("370100", "370200", "370600", "371100");

  private static RequestFilters randomFilters(EntityType target, Random rnd) {
    List<String> districts = new ArrayList<>();
    List<String> sectors = new ArrayList<>();
    List<String> stages = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    List<String> needs = new ArrayList<>();
    if (rnd.nextDouble() < 0.2)
      districts.add(pick(rnd, TAXONOMY.districts().stream().map(x -> x.code()).toList()));
    if (rnd.nextDouble() < 0.15)
      sectors.add(pick(rnd, TAXONOMY.sectors().stream().map(x -> x.code()).toList()));
    if (rnd.nextDouble() < 0.15) stages.add(pick(rnd, TAXONOMY.stageCodeList()));
    if (rnd.nextDouble() < 0.15)
      needs.add(pick(rnd, TAXONOMY.services().stream().map(x -> x.code()).toList()));
    if (rnd.nextDouble() < 0.15) {
      switch (target) {
        case MENTORS -> kinds.add(pick(rnd, Codes.MENTOR_KINDS));
        case PARKS -> kinds.add(pick(rnd, Codes.PARK_KINDS));
        case INVESTORS -> kinds.add(pick(rnd, Codes.INVESTOR_KINDS));
        case POLICIES -> kinds.add(pick(rnd, Codes.POLICY_CATEGORIES));
        case EVENTS -> kinds.add(pick(rnd, Codes.EVENT_KINDS));
        case PROJECTS -> {}
      }
    }
    String text = "";
    if (rnd.nextDouble() < 0.15) text = pick(rnd, List.of("融资", "智能", "海洋", "平台", "数据服务"));
    List<String> cities = new ArrayList<>();
    if (rnd.nextDouble() < 0.1) cities.add(pick(rnd, CITIES));
    return new RequestFilters(districts, sectors, stages, kinds, needs, text, cities);
  }

  private static String pick(Random rnd, List<String> values) {
    return values.get(rnd.nextInt(values.size()));
  }
}

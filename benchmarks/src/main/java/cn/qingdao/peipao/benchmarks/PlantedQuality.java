package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.RelationModel;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.PlantedAffinities;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * NDCG@10 of every two-sided direction against the affinities planted by {@link PlantedAffinities},
 * beside a seeded random ranking of the same eligible candidates. The service is given the noisy
 * entities; the truth is graded on the true ones with gains 2^grade − 1, the ideal ranking taken
 * over every candidate that passes the hard constraints.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * cn.qingdao.peipao.benchmarks.PlantedQuality [noise …]}
 */
public final class PlantedQuality {
  static final int K = 10;

  static final List<Direction> DIRECTIONS =
      List.of(
          Direction.PROJECT_MENTORS,
          Direction.PROJECT_PARKS,
          Direction.PROJECT_INVESTORS,
          Direction.MENTOR_PROJECTS,
          Direction.PARK_PROJECTS,
          Direction.INVESTOR_PROJECTS);

  /** Sizes of the ecosystem and how many subjects ask in each direction. */
  record Sizes(int projects, int mentors, int parks, int investors, int subjects) {}

  static final Sizes DEFAULT_SIZES = new Sizes(3000, 600, 150, 300, 200);

  /**
   * Mean NDCG@10 of ours, of ours given what the other projects did ({@code withRelations}; NaN
   * where the subject is not a project), and of random, over the subjects with a relevant
   * candidate. The subjects themselves have no relation: they are the cold start.
   */
  record Row(Direction direction, int subjects, double ours, double withRelations, double random) {}

  /** Of the projects that are not subjects, the share that went somewhere, and how well chosen. */
  static final double RELATED_SHARE = 0.6;

  static final double BEST_CHOICE = 0.7;

  private PlantedQuality() {}

  static List<Row> run(Path work, Sizes sizes, double noise, long seed) throws IOException {
    Taxonomy taxonomy = QingdaoDataset.taxonomy();
    PlantedAffinities planted = new PlantedAffinities(taxonomy, seed, noise);
    Map<EntityType, List<ObjectNode>> truth = new EnumMap<>(EntityType.class);
    truth.put(EntityType.PROJECTS, planted.truth(EntityType.PROJECTS, sizes.projects()));
    truth.put(EntityType.MENTORS, planted.truth(EntityType.MENTORS, sizes.mentors()));
    truth.put(EntityType.PARKS, planted.truth(EntityType.PARKS, sizes.parks()));
    truth.put(EntityType.INVESTORS, planted.truth(EntityType.INVESTORS, sizes.investors()));
    LocalDate today = LocalDate.of(2026, 11, 21);
    Clock clock = Clock.fixed(today.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    ScoringProfiles profiles = ScoringProfiles.defaults();
    FeatureExtractor fx = new FeatureExtractor(taxonomy);
    PairScorer scorer = new PairScorer(fx);
    List<Row> rows = new ArrayList<>();
    Catalog catalog = Catalog.open(work, taxonomy, clock);
    try {
      Map<EntityType, Map<String, ObjectNode>> trueById = new EnumMap<>(EntityType.class);
      for (var en : truth.entrySet()) {
        BenchData.load(catalog, en.getKey(), planted.observed(en.getValue()));
        Map<String, ObjectNode> byId = new HashMap<>();
        en.getValue().forEach(o -> byId.put(o.get("id").asText(), o));
        trueById.put(en.getKey(), byId);
      }
      Recommender recommender = new Recommender(catalog.index(), catalog.reader(), profiles, clock);
      Recommender withRelations =
          new Recommender(catalog.index(), catalog.reader(), profiles, clock);
      Map<EntityType, RelationModel> models =
          relations(catalog, truth, trueById, sizes.subjects(), fx, scorer, profiles, today, seed);
      withRelations.ranking().useRelations(models::get);
      for (Direction d : DIRECTIONS) {
        List<Entity> candidates = new ArrayList<>();
        for (ObjectNode o : truth.get(d.target()))
          candidates.add(catalog.entity(d.target(), o.get("id").asText()).orElseThrow());
        double ours = 0;
        double related = 0;
        double random = 0;
        int asked = 0;
        Random rnd = new Random(seed + d.ordinal());
        for (ObjectNode s :
            truth
                .get(d.subject())
                .subList(0, Math.min(sizes.subjects(), truth.get(d.subject()).size()))) {
          Entity subject = catalog.entity(d.subject(), s.get("id").asText()).orElseThrow();
          PairScorer.Context ctx =
              scorer.context(
                  d,
                  fx.of(subject),
                  profiles.defaultFor(d),
                  d.reverse().map(profiles::defaultFor).orElse(null),
                  today,
                  RequestFilters.NONE);
          Map<String, Integer> grade = new HashMap<>();
          for (Entity c : candidates) {
            if (!ctx.eligible(fx.of(c))) continue;
            ObjectNode tc = trueById.get(d.target()).get(c.id());
            grade.put(
                c.id(),
                d.projectIsSubject()
                    ? PlantedAffinities.affinity(s, tc)
                    : PlantedAffinities.affinity(tc, s));
          }
          if (grade.values().stream().allMatch(g -> g == 0)) continue;
          asked++;
          List<String> answer =
              recommender
                  .recommend(
                      new Recommender.Request(subject, d.target(), K, RequestFilters.NONE, null))
                  .items()
                  .stream()
                  .map(m -> m.entity().id())
                  .toList();
          ours += RankingMetrics.ndcg(answer, grade, K);
          if (d.projectIsSubject())
            related +=
                RankingMetrics.ndcg(
                    withRelations
                        .recommend(
                            new Recommender.Request(
                                subject, d.target(), K, RequestFilters.NONE, null))
                        .items()
                        .stream()
                        .map(m -> m.entity().id())
                        .toList(),
                    grade,
                    K);
          List<String> shuffled = new ArrayList<>(grade.keySet());
          shuffled.sort(null);
          Collections.shuffle(shuffled, rnd);
          random +=
              RankingMetrics.ndcg(shuffled.subList(0, Math.min(K, shuffled.size())), grade, K);
        }
        int n = Math.max(1, asked);
        rows.add(
            new Row(
                d, asked, ours / n, d.projectIsSubject() ? related / n : Double.NaN, random / n));
      }
    } finally {
      BenchData.close(catalog, work);
    }
    return rows;
  }

  /**
   * What people did, planted: of the projects after the first {@code subjects}, {@link
   * #RELATED_SHARE} went to one counterpart of each type, the truly best eligible one with
   * probability {@link #BEST_CHOICE} (ties by a seeded draw), else any eligible one.
   */
  static Map<EntityType, RelationModel> relations(
      Catalog catalog,
      Map<EntityType, List<ObjectNode>> truth,
      Map<EntityType, Map<String, ObjectNode>> trueById,
      int subjects,
      FeatureExtractor fx,
      PairScorer scorer,
      ScoringProfiles profiles,
      LocalDate today,
      long seed) {
    Random rnd = new Random(seed * 13 + 1);
    Map<EntityType, RelationModel> out = new EnumMap<>(EntityType.class);
    List<ObjectNode> projects = truth.get(EntityType.PROJECTS);
    for (Direction d : DIRECTIONS) {
      if (!d.projectIsSubject()) continue;
      List<Entity> candidates = new ArrayList<>();
      for (ObjectNode o : truth.get(d.target()))
        candidates.add(catalog.entity(d.target(), o.get("id").asText()).orElseThrow());
      List<RelationModel.Edge> edges = new ArrayList<>();
      for (ObjectNode tp : projects.subList(Math.min(subjects, projects.size()), projects.size())) {
        if (rnd.nextDouble() >= RELATED_SHARE) continue;
        Entity p = catalog.entity(EntityType.PROJECTS, tp.get("id").asText()).orElseThrow();
        Features pf = fx.of(p);
        PairScorer.Context ctx =
            scorer.context(
                d,
                pf,
                profiles.defaultFor(d),
                d.reverse().map(profiles::defaultFor).orElse(null),
                today,
                RequestFilters.NONE);
        List<Entity> eligible = new ArrayList<>();
        for (Entity c : candidates) if (ctx.eligible(fx.of(c))) eligible.add(c);
        if (eligible.isEmpty()) continue;
        Entity chosen = eligible.get(rnd.nextInt(eligible.size()));
        if (rnd.nextDouble() < BEST_CHOICE) {
          int best = -1;
          for (Entity c : eligible) {
            int g = PlantedAffinities.affinity(tp, trueById.get(d.target()).get(c.id()));
            if (g > best || (g == best && rnd.nextBoolean())) {
              best = g;
              chosen = c;
            }
          }
        }
        edges.add(new RelationModel.Edge(p.id(), pf, chosen.id()));
      }
      out.put(d.target(), RelationModel.build(edges, RelationModel.Params.DEFAULTS));
    }
    return out;
  }

  static String table(double noise, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "noise %.2f%n", noise));
    out.append(
        "| direction | subjects | NDCG@10 ours | with others' relations (cold subjects)"
            + " | NDCG@10 random | ours / random |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (Row r : rows)
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.4f | %s | %.4f | %.1f× |%n",
              r.direction().code(),
              r.subjects(),
              r.ours(),
              Double.isNaN(r.withRelations())
                  ? "–"
                  : String.format(Locale.ROOT, "%.4f", r.withRelations()),
              r.random(),
              r.ours() / r.random()));
    return out.toString();
  }

  public static void main(String[] args) throws IOException {
    List<Double> noises = new ArrayList<>();
    for (String a : args) noises.add(Double.parseDouble(a));
    if (noises.isEmpty()) noises = List.of(0.0, 0.2);
    for (double noise : noises) {
      Path work = Files.createTempDirectory("planted-quality");
      System.out.println(table(noise, run(work, DEFAULT_SIZES, noise, 11)));
    }
  }
}

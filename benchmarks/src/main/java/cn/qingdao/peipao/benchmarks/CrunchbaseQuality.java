package cn.qingdao.peipao.benchmarks;

import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseEcosystem;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseEcosystem.TestCompany;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseFiles;
import cn.qingdao.peipao.benchmarks.crunchbase.CrunchbaseParams;
import cn.qingdao.peipao.benchmarks.data.BenchData;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.related.RelationModel;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.core.taxonomy.TaxonomyReader;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Match quality on real data nobody here wrote: the Crunchbase 2013 protocol of {@code
 * shared/datasets/SOURCES.md}. Investors are imported through the service's own import path into a
 * real catalog under the Crunchbase taxonomy; each held-out company asks for investors as a founder
 * would (a profile, not a stored project) and the answer is compared with the investors it really
 * took, beside a global-popularity, a category-popularity and a seeded random baseline in the same
 * run, separately for companies with and without metadata.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * cn.qingdao.peipao.benchmarks.CrunchbaseQuality ../shared/datasets/crunchbase2013 [--validation]
 * [--profiles FILE] [--relations SHRINKAGE,WITH_WHOM[,HALF_LIFE_DAYS[,BANDS_PER_DECADE]]]
 * [--like-by SECTOR,DISTRICT,...]}
 */
public final class CrunchbaseQuality {
  /** Investors ranked per company: the most one request returns. */
  static final int DEPTH = Recommender.MAX_LIMIT;

  static final int K = 10;

  /** The methods compared, in report order. */
  static final List<String> METHODS =
      List.of(
          "ours",
          "ours-without-relations",
          "item-knn",
          "category-popularity",
          "popularity",
          "recent-popularity",
          "random");

  private CrunchbaseQuality() {}

  /** Metrics per method, for companies with ({@code true}) and without metadata. */
  record Report(
      int investors,
      int companies,
      double importPerSecond,
      double queryMillis,
      Map<String, Map<Boolean, RankingMetrics>> metrics) {}

  /**
   * Runs the protocol on the export in {@code dataDir}, with a catalog under {@code work}, the
   * relation model built with {@code relations}.
   */
  static Report run(
      Path dataDir,
      Path work,
      CrunchbaseParams params,
      ScoringProfiles profiles,
      RelationModel.Params relations,
      long seed)
      throws IOException {
    CrunchbaseEcosystem eco = CrunchbaseEcosystem.build(CrunchbaseFiles.read(dataDir), params);
    Taxonomy taxonomy = TaxonomyReader.read(eco.taxonomy());
    Map<String, Map<Boolean, RankingMetrics>> metrics = new LinkedHashMap<>();
    for (String m : METHODS)
      metrics.put(m, Map.of(true, new RankingMetrics(K), false, new RankingMetrics(K)));
    List<String> popular = byCount(eco.portfolioSizes());
    List<String> recentPopular = withFallback(byCount(eco.recentPortfolioSizes()), popular);
    Map<String, List<String>> popularIn = new LinkedHashMap<>();
    eco.categoryPortfolios().forEach((c, counts) -> popularIn.put(c, byCount(counts)));
    List<String> ids = new ArrayList<>(eco.investorIds().values());
    Catalog catalog = Catalog.open(work, taxonomy);
    double importRate;
    double queryMillis;
    try {
      long t0 = System.nanoTime();
      BenchData.load(catalog, EntityType.INVESTORS, eco.investors());
      importRate = eco.investors().size() / ((System.nanoTime() - t0) / 1e9);
      Clock clock =
          Clock.fixed(params.cutoff().atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
      Recommender recommender = new Recommender(catalog.index(), catalog.reader(), profiles, clock);
      // the same engine fed what the companies did before the cut-off, as a service is fed
      // assignments and accepted recommendations; the one above knows only the profiles
      Recommender withoutRelations =
          new Recommender(catalog.index(), catalog.reader(), profiles, clock);
      RelationModel model = relations(eco, catalog, recommender, relations);
      recommender.ranking().useRelations(type -> model);
      long queryNanos = 0;
      for (int q = 0; q < eco.tests().size(); q++) {
        TestCompany t = eco.tests().get(q);
        Project subject = catalog.reader().readProfile(t.profile());
        long s = System.nanoTime();
        var answer =
            recommender.recommend(
                new Recommender.Request(
                    subject, EntityType.INVESTORS, DEPTH, RequestFilters.NONE, null));
        queryNanos += System.nanoTime() - s;
        List<String> ours = answer.items().stream().map(i -> i.entity().id()).toList();
        metrics.get("ours").get(t.hasMetadata()).add(ours, t.relevant());
        var content =
            withoutRelations.recommend(
                new Recommender.Request(
                    subject, EntityType.INVESTORS, DEPTH, RequestFilters.NONE, null));
        metrics
            .get("ours-without-relations")
            .get(t.hasMetadata())
            .add(content.items().stream().map(i -> i.entity().id()).toList(), t.relevant());
        String sector =
            t.profile().has("sectors") ? t.profile().get("sectors").get(0).asText() : null;
        List<String> local = sector == null ? null : popularIn.get(sector);
        metrics
            .get("category-popularity")
            .get(t.hasMetadata())
            .add(withFallback(local, popular), t.relevant());
        metrics
            .get("popularity")
            .get(t.hasMetadata())
            .add(popular.subList(0, Math.min(DEPTH, popular.size())), t.relevant());
        metrics.get("recent-popularity").get(t.hasMetadata()).add(recentPopular, t.relevant());
        metrics
            .get("item-knn")
            .get(t.hasMetadata())
            .add(itemKnn(t.prior(), eco.trainingCompanies(), popular), t.relevant());
        metrics
            .get("random")
            .get(t.hasMetadata())
            .add(sample(ids, DEPTH, new Random(seed + q)), t.relevant());
      }
      queryMillis = queryNanos / 1e6 / Math.max(1, eco.tests().size());
    } finally {
      BenchData.close(catalog, work);
    }
    return new Report(eco.investors().size(), eco.tests().size(), importRate, queryMillis, metrics);
  }

  /**
   * The pure collaborative baseline: item-kNN over the training edges. An investor scores the sum,
   * over the company's own earlier investors, of the cosine of their sets of training companies
   * (who invested with whom); those it already had are left out (the test pairs are new ones); ties
   * and a company with no earlier investor fall back to popularity. O(prior · investors).
   */
  static List<String> itemKnn(
      java.util.Set<String> prior,
      Map<String, java.util.Set<String>> companiesOf,
      List<String> popular) {
    Map<String, Double> score = new java.util.HashMap<>();
    for (String i : prior) {
      java.util.Set<String> ci = companiesOf.getOrDefault(i, java.util.Set.of());
      if (ci.isEmpty()) continue;
      for (Map.Entry<String, java.util.Set<String>> j : companiesOf.entrySet()) {
        if (prior.contains(j.getKey())) continue;
        int shared = 0;
        java.util.Set<String> small = ci.size() <= j.getValue().size() ? ci : j.getValue();
        java.util.Set<String> large = small == ci ? j.getValue() : ci;
        for (String c : small) if (large.contains(c)) shared++;
        if (shared > 0)
          score.merge(
              j.getKey(),
              shared / Math.sqrt((double) ci.size() * j.getValue().size()),
              Double::sum);
      }
    }
    Map<String, Integer> rank = new java.util.HashMap<>();
    for (int r = 0; r < popular.size(); r++) rank.put(popular.get(r), r);
    List<String> ranked =
        score.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(e -> rank.getOrDefault(e.getKey(), Integer.MAX_VALUE))
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(DEPTH)
            .map(Map.Entry::getKey)
            .toList();
    return withFallback(ranked, popular.stream().filter(x -> !prior.contains(x)).toList());
  }

  /** The relation model of the training edges, each company profiled as a test one is. */
  static RelationModel relations(
      CrunchbaseEcosystem eco,
      Catalog catalog,
      Recommender recommender,
      RelationModel.Params relations) {
    Map<String, Features> features = new java.util.HashMap<>();
    List<RelationModel.Edge> edges = new ArrayList<>();
    for (CrunchbaseEcosystem.TrainingEdge e : eco.trainingEdges()) {
      Features f =
          features.computeIfAbsent(
              e.projectId(),
              id ->
                  recommender.ranking().extractor().of(catalog.reader().readProfile(e.profile())));
      double age = java.time.temporal.ChronoUnit.DAYS.between(e.at(), eco.cutoff());
      edges.add(new RelationModel.Edge(e.projectId(), f, e.investorId(), relations.weight(age)));
    }
    return RelationModel.build(edges, relations);
  }

  /** Ids by count descending, ties by id. */
  private static List<String> byCount(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The category's most active investors, then the globally most active ones, to DEPTH. */
  private static List<String> withFallback(List<String> first, List<String> rest) {
    var out = new LinkedHashSet<String>();
    if (first != null) out.addAll(first.subList(0, Math.min(DEPTH, first.size())));
    for (int i = 0; out.size() < DEPTH && i < rest.size(); i++) out.add(rest.get(i));
    return List.copyOf(out);
  }

  /** {@code n} distinct ids drawn uniformly (a partial Fisher–Yates shuffle of a copy). */
  private static List<String> sample(List<String> ids, int n, Random random) {
    List<String> copy = new ArrayList<>(ids);
    int m = Math.min(n, copy.size());
    for (int i = 0; i < m; i++) Collections.swap(copy, i, i + random.nextInt(copy.size() - i));
    return copy.subList(0, m);
  }

  /** The report as the Markdown table benchmarks/README.md shows. */
  static String table(Report r) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%d known investors, %d test companies; import %.0f investors/s; %.2f ms per query%n%n",
            r.investors(),
            r.companies(),
            r.importPerSecond(),
            r.queryMillis()));
    out.append("| companies | method | n | recall@10 | NDCG@10 | MRR@100 |\n");
    out.append("|---|---|---|---|---|---|\n");
    for (boolean meta : new boolean[] {true, false}) {
      for (String m : METHODS) {
        RankingMetrics x = r.metrics().get(m).get(meta);
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %.4f | %.4f | %.4f |%n",
                meta ? "with metadata" : "without metadata",
                m,
                x.queries(),
                x.recall(),
                x.ndcg(),
                x.mrr()));
      }
    }
    return out.toString();
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: CrunchbaseQuality <dir of the Crunchbase 2013 export> [--validation]"
              + " [--profiles FILE] [--relations SHRINKAGE,WITH_WHOM[,HALF_LIFE_DAYS[,BANDS_PER_DECADE]]]"
              + " [--like-by SECTOR,DISTRICT,... (the groups of RelationModel.LikeBy)]");
      System.exit(2);
    }
    List<String> options = List.of(args);
    CrunchbaseParams params = CrunchbaseParams.DEFAULTS;
    if (options.contains("--validation")) params = params.validation();
    int p = options.indexOf("--profiles");
    ScoringProfiles profiles =
        p < 0
            ? CrunchbaseEcosystem.profiles()
            : CrunchbaseEcosystem.profiles(Json.parse(Files.readAllBytes(Path.of(args[p + 1]))));
    int rp = options.indexOf("--relations");
    RelationModel.Params relations = RelationModel.Params.DEFAULTS;
    if (rp >= 0) {
      String[] v = args[rp + 1].split(",");
      relations =
          new RelationModel.Params(
              Double.parseDouble(v[0]),
              Double.parseDouble(v[1]),
              3,
              2,
              v.length > 2 ? Double.parseDouble(v[2]) : RelationModel.Params.DEFAULT_HALF_LIFE_DAYS,
              v.length > 3
                  ? Integer.parseInt(v[3])
                  : RelationModel.Params.DEFAULT_BANDS_PER_DECADE);
    }
    int lb = options.indexOf("--like-by");
    if (lb >= 0) {
      if (lb + 1 >= args.length || args[lb + 1].isBlank()) {
        System.err.println(
            "--like-by needs a comma-separated list of " + List.of(RelationModel.LikeBy.values()));
        System.exit(2);
      }
      Set<RelationModel.LikeBy> likeBy = EnumSet.noneOf(RelationModel.LikeBy.class);
      for (String g : args[lb + 1].split(",")) likeBy.add(RelationModel.LikeBy.valueOf(g.trim()));
      relations =
          new RelationModel.Params(
              relations.shrinkage(),
              relations.withWhom(),
              relations.minGroup(),
              relations.minShared(),
              relations.halfLifeDays(),
              relations.bandsPerDecade(),
              likeBy);
    }
    Path work = Files.createTempDirectory("crunchbase-quality");
    Report r = run(Path.of(args[0]), work, params, profiles, relations, 20130101L);
    System.out.println(
        "split: train before "
            + params.cutoff()
            + ", test "
            + params.cutoff()
            + (params.testEnd() == null ? " on" : " to " + params.testEnd()));
    System.out.print(table(r));
    System.out.println("\nprofiles used:");
    for (Direction d : List.of(Direction.PROJECT_INVESTORS, Direction.INVESTOR_PROJECTS))
      System.out.println(Json.write(ScoringProfiles.json(profiles.defaultFor(d))));
  }
}

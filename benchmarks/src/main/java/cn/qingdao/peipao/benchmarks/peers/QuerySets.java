package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.Catalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seeded query sets, each over the stored query projects in id order: {@code all} (hard
 * constraints only), {@code broad} (a filter on the project's main sector) and {@code selective}
 * (main sector and the project's district).
 */
final class QuerySets {
  static final List<String> KINDS = List.of("all", "broad", "selective");

  private QuerySets() {}

  static List<PeerQuery> of(String kind, Catalog catalog, int count, LocalDate today) {
    FeatureExtractor fx = new FeatureExtractor(catalog.reader().taxonomy());
    PairScorer scorer = new PairScorer(fx);
    ScoringProfiles profiles = ScoringProfiles.defaults();
    List<PeerQuery> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = String.format("syn-p-%05d", 1 + i % PeerCorpus.QUERY_PROJECTS);
      Entity project = catalog.entity(EntityType.PROJECTS, id).orElseThrow();
      Features f = fx.of(project);
      String sector =
          catalog.reader().taxonomy().sectors().stream().toList().get(f.mainSector).code();
      String district =
          f.district < 0
              ? null
              : catalog.reader().taxonomy().districts().stream().toList().get(f.district).code();
      RequestFilters filters =
          switch (kind) {
            case "all" -> RequestFilters.NONE;
            case "broad" ->
                new RequestFilters(List.of(), List.of(sector), List.of(), List.of(), List.of());
            case "selective" ->
                new RequestFilters(
                    district == null ? List.of() : List.of(district),
                    List.of(sector),
                    List.of(),
                    List.of(),
                    List.of());
            default -> throw new IllegalArgumentException("unknown query set '" + kind + "'");
          };
      PairScorer.Context ctx =
          scorer.context(
              Direction.PROJECT_MENTORS,
              f,
              profiles.defaultFor(Direction.PROJECT_MENTORS),
              profiles.defaultFor(Direction.MENTOR_PROJECTS),
              today,
              filters);
      Map<String, Integer> terms = new LinkedHashMap<>();
      for (String t : PeerCorpus.tokens(catalog.index().indexAnalyzer(), project))
        terms.merge(t, 1, Integer::sum);
      out.add(
          new PeerQuery(
              project,
              filters,
              ctx.columnForm(),
              ctx,
              terms,
              f.district,
              f.active || f.failed,
              !f.active,
              filters.sectors().isEmpty() ? 0 : 1L << f.mainSector,
              filters.districts().isEmpty() ? -1 : f.district));
    }
    return out;
  }
}

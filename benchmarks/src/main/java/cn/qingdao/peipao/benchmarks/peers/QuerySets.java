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
import cn.qingdao.peipao.index.search.EntityDocuments;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;

/**
 * The seeded query sets, each over the stored query projects in id order: {@code all} (hard
 * constraints only), {@code broad} (a filter on the project's main sector), {@code selective} (main
 * sector and the project's district) and {@code text} (a word of the project's own text that every
 * mentor must contain: the one whose mentor document frequency is nearest {@link #TEXT_SHARE}, ties
 * to the smaller word).
 */
final class QuerySets {
  static final List<String> KINDS = List.of("all", "broad", "selective", "text");

  /** The share of mentors the {@code text} set's required word aims to pass. */
  static final double TEXT_SHARE = 0.02;

  private QuerySets() {}

  static List<PeerQuery> of(
      String kind, Catalog catalog, PeerCorpus corpus, int count, LocalDate today) {
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
      Map<String, Integer> terms = new LinkedHashMap<>();
      for (String t : PeerCorpus.tokens(catalog.index().indexAnalyzer(), project))
        terms.merge(t, 1, Integer::sum);
      List<String> required =
          kind.equals("text")
              ? requiredWord(terms.keySet(), corpus, catalog.index().indexAnalyzer())
              : List.of();
      RequestFilters filters =
          switch (kind) {
            case "all" -> RequestFilters.NONE;
            case "text" -> RequestFilters.NONE.withText(String.join(" ", required));
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
      ctx.bounds().boundRelated(0); // the peers' corpus records no relations
      out.add(
          new PeerQuery(
              project,
              filters,
              ctx.bounds().columnForm(),
              ctx,
              terms,
              f.district,
              f.active || f.failed,
              !f.active,
              filters.sectors().isEmpty() ? 0 : 1L << f.mainSector,
              filters.districts().isEmpty() ? -1 : f.district,
              required));
    }
    return out;
  }

  /**
   * The subject's word whose mentor document frequency is nearest {@link #TEXT_SHARE} of the
   * mentors with text, among the words some mentor has and that segment to themselves alone (so
   * that the service, given the word as its text filter, requires exactly this token).
   */
  private static List<String> requiredWord(
      Set<String> words, PeerCorpus corpus, Analyzer analyzer) {
    double target = Math.log(TEXT_SHARE * corpus.textDocs);
    String best = null;
    double bestGap = Double.MAX_VALUE;
    for (String w : new TreeSet<>(words)) {
      int df = corpus.docFreq.getOrDefault(w, 0);
      if (df == 0
          || !List.of(w).equals(List.of(PeerCorpus.tokens(analyzer, EntityDocuments.TEXT, w))))
        continue;
      double gap = Math.abs(Math.log(df) - target);
      if (gap < bestGap) {
        best = w;
        bestGap = gap;
      }
    }
    return best == null ? List.of() : List.of(best);
  }
}

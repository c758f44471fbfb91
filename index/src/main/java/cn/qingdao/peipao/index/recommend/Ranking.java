package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.json.Texts;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.Related;
import cn.qingdao.peipao.core.related.RelationModel;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.search.EntityDocuments;
import cn.qingdao.peipao.index.search.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * What every ranking path shares: the index, the scoring profiles, the clock, the feature extractor
 * and pair scorer, the per-segment cache and the eligibility engine. Built once per service; {@link
 * Recommender}, {@link CohortScorer} and {@link PolicyMatcher} each take it instead of borrowing
 * parts from one another.
 */
public final class Ranking {
  final SearchIndex index;
  final ScoringProfiles profiles;
  final Clock clock;
  final FeatureExtractor extractor;
  final PairScorer scorer;
  final FeatureCache cache;
  final HitCache hits = new HitCache();
  final SubjectCache subjects = new SubjectCache();
  final Eligibility eligibility;

  public Ranking(SearchIndex index, EntityReader reader, ScoringProfiles profiles, Clock clock) {
    this.index = index;
    this.profiles = profiles;
    this.clock = clock;
    this.extractor = new FeatureExtractor(reader.taxonomy());
    this.scorer = new PairScorer(extractor);
    this.eligibility = new Eligibility(reader.taxonomy());
    this.cache = new FeatureCache(reader, extractor, eligibility);
  }

  /**
   * Every indexed entity of one type, in id order, with its features, and the text relevance of
   * each to any subject: what scoring a whole cohort against a type needs, without the index's
   * internals. Valid inside {@link #withPool} only.
   */
  public interface Pool {
    int size();

    Entity entity(int j);

    Features features(int j);

    /** The text relevance ∈ [0,1] of each entity of the pool to {@code subject}, by index. */
    double[] text(Entity subject);
  }

  /**
   * Passes every indexed {@code target} entity with its features to {@code action}, in index order
   * (not sorted, unlike {@link #withPool}): O(entities), for builds that only look things up.
   */
  public void forEachIndexed(
      EntityType target, java.util.function.BiConsumer<Entity, Features> action) {
    index.withSearcher(
        searcher -> {
          Segment[] segments = segments(searcher);
          Hits.forEach(
              searcher,
              HardConstraintQueries.typeOnly(target),
              cache,
              (leaf, segment) -> {
                Segment seg = segments[leaf.ord];
                return doc -> {
                  Features f = seg.features()[doc];
                  if (f != null) action.accept(seg.entities()[doc], f);
                };
              });
          return null;
        });
  }

  /** Runs {@code work} on the pool of {@code target} entities of the current searcher. */
  public <T> T withPool(EntityType target, java.util.function.Function<Pool, T> work) {
    return index.withSearcher(
        searcher -> {
          Segment[] segments = segments(searcher);
          List<int[]> docs = new java.util.ArrayList<>(); // leaf ord, doc
          Hits.forEach(
              searcher,
              HardConstraintQueries.typeOnly(target),
              cache,
              (leaf, segment) -> {
                int ord = leaf.ord;
                return doc -> docs.add(new int[] {ord, doc});
              });
          docs.sort(
              java.util.Comparator.comparing((int[] d) -> segments[d[0]].entities()[d[1]].id()));
          return work.apply(
              new Pool() {
                @Override
                public int size() {
                  return docs.size();
                }

                @Override
                public Entity entity(int j) {
                  int[] d = docs.get(j);
                  return segments[d[0]].entities()[d[1]];
                }

                @Override
                public Features features(int j) {
                  int[] d = docs.get(j);
                  return segments[d[0]].features()[d[1]];
                }

                @Override
                public double[] text(Entity subject) {
                  TextRelevance relevance =
                      new TextRelevance(
                          searcher.getIndexReader(),
                          target,
                          cache,
                          subjectTerms(searcher, subject));
                  double[] out = new double[docs.size()];
                  for (int j = 0; j < out.length; j++) {
                    int[] d = docs.get(j);
                    out[j] = relevance.of(segments[d[0]], d[1]);
                  }
                  return out;
                }
              });
        });
  }

  /** The relation model of each counterpart type; none until {@link #useRelations}. */
  private volatile Function<EntityType, RelationModel> relations = t -> RelationModel.EMPTY;

  /** Whether a subject's own counterparts count ("with whom"); not while learning from them. */
  private volatile boolean withWhom = true;

  /** Takes the collaborative component's models from {@code models} (by counterpart type). */
  public void useRelations(Function<EntityType, RelationModel> models) {
    useRelations(models, true);
  }

  /**
   * As above; without {@code withWhom} a subject's own pairs are not used at all (learning from
   * feedback, whose labels they are).
   */
  public void useRelations(Function<EntityType, RelationModel> models, boolean withWhom) {
    this.relations = java.util.Objects.requireNonNull(models, "models");
    this.withWhom = withWhom;
  }

  /** The current relation model of {@code target}: take it once per request or cohort. */
  public RelationModel relationModel(EntityType target) {
    return relations.apply(target);
  }

  /**
   * The related value of every {@code target} for a project {@code subject} with features {@code f}
   * under {@code model}; nothing for other subjects. O(the model's counterparts + edges touched).
   */
  public Related related(RelationModel model, Entity subject, Features f) {
    if (subject.type() != EntityType.PROJECTS) return Related.NONE;
    return model.of(subject.id(), f, withWhom);
  }

  /** The pair scorer of this context. */
  public PairScorer scorer() {
    return scorer;
  }

  /** The feature extractor of this context. */
  public FeatureExtractor extractor() {
    return extractor;
  }

  /** Today in the service's clock. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /**
   * The named profile of a direction (the default when null).
   *
   * @throws UnknownProfileException when no such profile exists
   */
  public ScoringProfile profile(Direction direction, String name) {
    return profiles
        .get(direction, name == null ? ScoringProfiles.DEFAULT : name)
        .orElseThrow(
            () ->
                new UnknownProfileException(
                    "unknown scoring profile '"
                        + Texts.clip(String.valueOf(name))
                        + "' for "
                        + direction.code()
                        + "; use one of "
                        + profiles.names(direction)));
  }

  /** The counterpart side's default profile of a two-sided direction, else null. */
  public ScoringProfile counterpartProfile(Direction direction) {
    return direction.reverse().map(profiles::defaultFor).orElse(null);
  }

  /**
   * The cached data of every segment of {@code searcher}, by leaf ord, built first where missing,
   * so that district bounds and the term dictionary cover them all; O(new documents).
   */
  Segment[] segments(IndexSearcher searcher) {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Segment[] out = new Segment[leaves.size()];
    for (LeafReaderContext leaf : leaves) out[leaf.ord] = cache.of(leaf.reader());
    return out;
  }

  /** Builds the caches of every current segment, so that no request pays for it; O(entities). */
  public void warm() {
    index.withSearcher(this::segments);
  }

  /** Current assignments of a stored mentor or park subject (0 otherwise). */
  static int assignedOf(IndexSearcher searcher, Entity subject) {
    if (subject.id() == null
        || (subject.type() != EntityType.MENTORS && subject.type() != EntityType.PARKS)) return 0;
    try {
      TopDocs hit =
          searcher.search(new TermQuery(EntityDocuments.uid(subject.type(), subject.id())), 1);
      if (hit.scoreDocs.length == 0) return 0;
      var field =
          searcher.storedFields().document(hit.scoreDocs[0].doc).getField(EntityDocuments.ASSIGNED);
      return field == null ? 0 : field.numericValue().intValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The subject's analysed text: its stored term counts when the index holds this version, else
   * analysed now.
   */
  Map<String, Integer> subjectTerms(IndexSearcher searcher, Entity subject) {
    Map<String, Integer> terms = new LinkedHashMap<>();
    try {
      TopDocs hit =
          searcher.search(new TermQuery(EntityDocuments.uid(subject.type(), subject.id())), 1);
      if (hit.scoreDocs.length > 0) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.scoreDocs[0].doc, leaves));
        Segment segment = cache.of(leaf.reader());
        int doc = hit.scoreDocs[0].doc - leaf.docBase;
        int[] ids = segment.termIds()[doc];
        // the stored document is this very version of the subject (a draft may reuse an id)
        if (ids != null && subject.version() > 0 && segment.versions()[doc] == subject.version()) {
          int[] freqs = segment.termFreqs()[doc];
          for (int i = 0; i < ids.length; i++) terms.put(cache.dictionary().term(ids[i]), freqs[i]);
          return terms;
        }
      }
      forEachWord(EntityDocuments.indexedText(subject), w -> terms.merge(w, 1, Integer::sum));
      return terms;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The distinct words of {@code text} as the index segments it, in order; empty when it has none
   * (blank, or punctuation and stop words only). O(text length).
   */
  public List<String> words(String text) {
    if (text == null || text.isBlank()) return List.of();
    LinkedHashSet<String> out = new LinkedHashSet<>();
    try {
      forEachWord(text, out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  /** Passes each word of {@code text}, as the index segments it, to {@code action}, in order. */
  private void forEachWord(String text, Consumer<String> action) throws IOException {
    try (TokenStream ts = index.indexAnalyzer().tokenStream(EntityDocuments.TEXT, text)) {
      CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) action.accept(a.toString());
      ts.end();
    }
  }
}

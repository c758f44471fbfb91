package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.eligibility.Eligibility;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.search.EntityDocuments;
import cn.qingdao.peipao.index.search.SearchIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Ranks the entities of a target type for a subject. Phase one ({@link BlockScan}) is a Lucene
 * query holding every hard constraint as a filter; its hits are visited by blocks of similar
 * documents, skipping every block whose bound is below the k-th best lower bound so far, and each
 * hit left is scored exactly from cached {@link Features} on its structured components, giving a
 * lower bound (text relevance 0) and an upper bound (1). Candidates whose upper bound is below the
 * k-th best lower bound are dropped; the rest are scored with their exact text relevance in order
 * of their upper bound until none left can enter the top k. The result equals {@link #exhaustive}
 * (scoring every entity), which tests check.
 */
public final class Recommender {
  /** Largest {@code limit} a request may ask for. */
  public static final int MAX_LIMIT = 100;

  private static final double EPS = 1e-9;
  private static final Comparator<Scored> ORDER =
      Comparator.comparingDouble((Scored s) -> -s.score).thenComparing(s -> s.entity.id());

  private final SearchIndex index;
  private final ScoringProfiles profiles;
  private final Clock clock;
  private final FeatureExtractor extractor;
  private final PairScorer scorer;
  private final FeatureCache cache;
  private final Eligibility eligibility;

  public Recommender(
      SearchIndex index, EntityReader reader, ScoringProfiles profiles, Clock clock) {
    this.index = index;
    this.profiles = profiles;
    this.clock = clock;
    this.extractor = new FeatureExtractor(reader.taxonomy());
    this.scorer = new PairScorer(extractor);
    this.eligibility = new Eligibility(reader.taxonomy());
    this.cache = new FeatureCache(reader, extractor, eligibility);
  }

  /**
   * A request: subject, target type, how many, filters, the subject side's profile name, when not
   * null the only target ids that may be recommended (policies pass the ids the eligibility engine
   * admits: their stage and sector scope is the engine's to judge, not a filter here), and the ids
   * never to recommend (the pairs the subject rejected).
   */
  public record Request(
      Entity subject,
      EntityType target,
      int limit,
      RequestFilters filters,
      String profile,
      Set<String> only,
      Set<String> exclude) {
    public Request {
      if (limit < 1 || limit > MAX_LIMIT)
        throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
      only = only == null ? null : Set.copyOf(only);
      exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
    }

    /** A request open to the target ids in {@code only} (all when null). */
    public Request(
        Entity subject,
        EntityType target,
        int limit,
        RequestFilters filters,
        String profile,
        Set<String> only) {
      this(subject, target, limit, filters, profile, only, Set.of());
    }

    /** The same request with {@code ids} never recommended (e.g. what the subject rejected). */
    public Request excluding(Set<String> ids) {
      return new Request(subject, target, limit, filters, profile, only, ids);
    }

    /** A request open to every target id. */
    public Request(
        Entity subject, EntityType target, int limit, RequestFilters filters, String profile) {
      this(subject, target, limit, filters, profile, null);
    }
  }

  /**
   * The named profile of a direction (the default when null).
   *
   * @throws IllegalArgumentException when no such profile exists
   */
  ScoringProfile profile(Direction direction, String name) {
    return profiles
        .get(direction, name == null ? ScoringProfiles.DEFAULT : name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scoring profile '"
                        + name
                        + "' for "
                        + direction.code()
                        + "; use one of "
                        + profiles.names(direction)));
  }

  /** The counterpart side's default profile of a two-sided direction, else null. */
  ScoringProfile counterpartProfile(Direction direction) {
    return direction.reverse().map(profiles::defaultFor).orElse(null);
  }

  PairScorer scorer() {
    return scorer;
  }

  FeatureExtractor extractor() {
    return extractor;
  }

  FeatureCache cache() {
    return cache;
  }

  Eligibility eligibility() {
    return eligibility;
  }

  SearchIndex index() {
    return index;
  }

  Clock clock() {
    return clock;
  }

  /**
   * The top {@code limit} candidates for the request.
   *
   * @throws IllegalArgumentException when the direction does not exist or the profile is unknown
   */
  public Recommendation recommend(Request r) {
    return run(r, false);
  }

  /** The same answer by scoring every entity of the target type exactly: the reference. */
  public Recommendation exhaustive(Request r) {
    return run(r, true);
  }

  private Recommendation run(Request r, boolean exhaustive) {
    Direction direction =
        Direction.of(r.subject().type(), r.target())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no recommendations from "
                            + r.subject().type().path()
                            + " to "
                            + r.target().path()));
    ScoringProfile profile = profile(direction, r.profile());
    ScoringProfile counterpart = counterpartProfile(direction);
    return index.withSearcher(
        searcher -> {
          Features subject = extractor.of(r.subject(), assignedOf(searcher, r.subject()));
          // Cache every segment first: district bounds and the term dictionary then cover them all.
          for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) cache.of(leaf.reader());
          PairScorer.Context ctx =
              scorer.context(
                  direction,
                  subject,
                  profile,
                  counterpart,
                  LocalDate.now(clock),
                  r.filters(),
                  exhaustive ? null : cache.bounds());
          Query query =
              restrict(exhaustive ? typeOnly(r.target()) : hardConstraints(r, subject), r);
          Segment[] segments = new Segment[searcher.getIndexReader().leaves().size()];
          TextRelevance text =
              ctx.usesText()
                  ? new TextRelevance(
                      searcher.getIndexReader(),
                      r.target(),
                      cache.dictionary(),
                      subjectTerms(searcher, r.subject()))
                  : null;
          // words no candidate has cannot raise any candidate's score: bound text below 1
          if (text != null) ctx.boundText(text.max());
          Candidates candidates =
              exhaustive
                  ? collectAll(searcher, query, ctx, segments)
                  : BlockScan.collect(searcher, query, ctx, cache, segments, r.target(), r.limit());
          long[] textScored = {0};
          List<Scored> top =
              exhaustive
                  ? scoreAll(candidates, ctx, text, segments, r.limit(), textScored)
                  : scorePruned(candidates, ctx, text, segments, r.limit(), textScored);
          List<Match> items = new ArrayList<>(top.size());
          for (Scored s : top) items.add(ctx.match(s.features, s.entity, s.text));
          return new Recommendation(
              direction, r.subject().id(), profile, items, candidates.eligible, textScored[0]);
        });
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

  /** The subject's analysed text: its own term vector when stored, else analysed now. */
  Map<String, Integer> subjectTerms(IndexSearcher searcher, Entity subject) {
    Map<String, Integer> terms = new LinkedHashMap<>();
    try {
      TopDocs hit =
          searcher.search(new TermQuery(EntityDocuments.uid(subject.type(), subject.id())), 1);
      if (hit.scoreDocs.length > 0 && storedMatches(searcher, hit.scoreDocs[0].doc, subject)) {
        // A stored subject: its terms are in the segment cache already.
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.scoreDocs[0].doc, leaves));
        Segment segment = cache.of(leaf.reader());
        int doc = hit.scoreDocs[0].doc - leaf.docBase;
        int[] ids = segment.termIds()[doc];
        int[] freqs = segment.termFreqs()[doc];
        if (ids != null) {
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

  /** The stored document is this very version of the subject (an ad-hoc draft may reuse an id). */
  private static boolean storedMatches(IndexSearcher searcher, int doc, Entity subject)
      throws IOException {
    String json = searcher.storedFields().document(doc).get(EntityDocuments.JSON);
    return subject.version() > 0
        && json != null
        && json.contains("\"version\":" + subject.version() + ",");
  }

  private record Scored(Features features, Entity entity, double score, double text) {}

  private static List<Scored> scoreAll(
      Candidates c,
      PairScorer.Context ctx,
      TextRelevance text,
      Segment[] segments,
      int k,
      long[] textScored) {
    List<Scored> all = new ArrayList<>(c.size);
    for (int i = 0; i < c.size; i++) {
      double t = text == null ? 0 : text.of(segments[c.leaf[i]], c.doc[i]);
      textScored[0]++;
      Entity e = segments[c.leaf[i]].entities()[c.doc[i]];
      all.add(new Scored(c.features[i], e, ctx.score(c.features[i], t), t));
    }
    all.sort(ORDER);
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  private static List<Scored> scorePruned(
      Candidates c,
      PairScorer.Context ctx,
      TextRelevance text,
      Segment[] segments,
      int k,
      long[] textScored) {
    double threshold = c.size <= k ? Double.NEGATIVE_INFINITY : c.kthLargestLower(k);
    List<Integer> survivors = new ArrayList<>();
    for (int i = 0; i < c.size; i++) if (c.upper[i] + EPS >= threshold) survivors.add(i);
    survivors.sort(Comparator.comparingDouble((Integer i) -> -c.upper[i]));
    List<Scored> top = new ArrayList<>(k + 1);
    for (int i : survivors) {
      if (top.size() == k && c.upper[i] + EPS < top.get(k - 1).score) break;
      double t;
      if (text == null) {
        t = 0;
      } else {
        t = text.of(segments[c.leaf[i]], c.doc[i]);
        textScored[0]++;
      }
      Entity e = segments[c.leaf[i]].entities()[c.doc[i]];
      Scored s = new Scored(c.features[i], e, ctx.score(c.features[i], t), t);
      int at = insertionPoint(top, s);
      if (at < k) {
        top.add(at, s);
        if (top.size() > k) top.remove(k);
      }
    }
    return top;
  }

  private static int insertionPoint(List<Scored> top, Scored s) {
    int lo = 0;
    int hi = top.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ORDER.compare(top.get(mid), s) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private Candidates collectAll(
      IndexSearcher searcher, Query query, PairScorer.Context ctx, Segment[] segments) {
    try {
      return searcher.search(query, new AllCollectorManager(ctx, segments));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Collects every eligible hit, for exhaustive scoring (the reference of the pruned path). */
  private final class AllCollectorManager implements CollectorManager<Collector, Candidates> {
    private final PairScorer.Context ctx;
    private final Segment[] segments;
    private final Candidates candidates = new Candidates();

    AllCollectorManager(PairScorer.Context ctx, Segment[] segments) {
      this.ctx = ctx;
      this.segments = segments;
    }

    @Override
    public Collector newCollector() {
      return new Collector() {
        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
          Segment segment = cache.of(context.reader());
          segments[context.ord] = segment;
          Features[] features = segment.features();
          int ord = context.ord;
          return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) {
              Features f = features[doc];
              if (f == null || !ctx.eligible(f)) return;
              candidates.eligible++;
              candidates.add(ord, doc, f, 0, 1);
            }
          };
        }

        @Override
        public ScoreMode scoreMode() {
          return ScoreMode.COMPLETE_NO_SCORES;
        }
      };
    }

    @Override
    public Candidates reduce(Collection<Collector> collectors) {
      return candidates;
    }
  }

  /**
   * {@code q} limited to the request's allowed target ids, if any, minus its excluded ones, to the
   * candidates whose text holds every word of the text filter.
   */
  private Query restrict(Query q, Request r) {
    List<String> words = words(r.filters().text());
    if (r.only() == null && r.exclude().isEmpty() && words.isEmpty()) return q;
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(q, Occur.FILTER);
    if (r.only() != null) b.add(uids(r.target(), r.only()), Occur.FILTER);
    if (!r.exclude().isEmpty()) b.add(uids(r.target(), r.exclude()), Occur.MUST_NOT);
    String field = EntityDocuments.textOf(r.target());
    for (String w : words) b.add(new TermQuery(new Term(field, w)), Occur.FILTER);
    return b.build();
  }

  /**
   * The distinct words of {@code text} as the index segments it, in order; empty when it has none
   * (blank, or punctuation and stop words only). O(text length).
   */
  public List<String> words(String text) {
    if (text == null || text.isBlank()) return List.of();
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    try {
      forEachWord(text, out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  /** Passes each word of {@code text}, as the index segments it, to {@code action}, in order. */
  private void forEachWord(String text, java.util.function.Consumer<String> action)
      throws IOException {
    try (TokenStream ts = index.indexAnalyzer().tokenStream(EntityDocuments.TEXT, text)) {
      CharTermAttribute a = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) action.accept(a.toString());
      ts.end();
    }
  }

  private static Query uids(EntityType type, Set<String> ids) {
    List<BytesRef> uids = new ArrayList<>();
    for (String id : ids) uids.add(new BytesRef(EntityDocuments.uid(type, id).text()));
    return new TermInSetQuery(EntityDocuments.UID, uids);
  }

  private static Query typeOnly(EntityType type) {
    return new TermQuery(new Term(EntityDocuments.TYPE, type.path()));
  }

  /** Every hard constraint and request filter as Lucene filter clauses. */
  private Query hardConstraints(Request r, Features subject) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(typeOnly(r.target()), Occur.FILTER);
    b.add(new TermQuery(EntityDocuments.uid(r.subject().type(), r.subject().id())), Occur.MUST_NOT);
    Entity s = r.subject();
    if (r.target() == EntityType.PROJECTS) {
      boolean second = subject.secondIncubation && (s instanceof Mentor || s instanceof Park);
      b.add(
          terms(EntityDocuments.STATUS, second ? List.of("active", "failed") : List.of("active")),
          Occur.FILTER);
      String consent =
          switch (s.type()) {
            case MENTORS -> "mentors";
            case PARKS -> "parks";
            default -> "investors";
          };
      b.add(new TermQuery(new Term(EntityDocuments.CONSENT, consent)), Occur.FILTER);
      List<String> scope = qingdaoDistricts(scopeOf(s));
      if (!scopeOf(s).isEmpty()) b.add(terms(EntityDocuments.DISTRICT, scope), Occur.FILTER);
      if (s instanceof Mentor && subject.capacity <= 0)
        return new MatchNoDocsQuery("the mentor is at capacity");
      if (s instanceof Park && !PairScorer.hasRoom(subject))
        return new MatchNoDocsQuery("the park has no room");
    } else {
      Project p = (Project) s;
      if (!"active".equals(p.status()) && r.target() != EntityType.POLICIES) {
        if (!"failed".equals(p.status()) || r.target() == EntityType.INVESTORS) {
          return new MatchNoDocsQuery("the project is not active");
        }
        b.add(new TermQuery(new Term(EntityDocuments.SECOND_INCUBATION, "yes")), Occur.FILTER);
      }
      List<String> here = new ArrayList<>(List.of(EntityDocuments.ANY));
      if (subject.district >= 0) here.add(p.location().district());
      if (r.target() != EntityType.PARKS)
        b.add(terms(EntityDocuments.SCOPE, here), Occur.FILTER); // parks have no scope
      switch (r.target()) {
        case MENTORS ->
            b.add(
                LongPoint.newRangeQuery(EntityDocuments.MENTOR_CAPACITY, 1, Long.MAX_VALUE),
                Occur.FILTER);
        case PARKS -> b.add(new TermQuery(new Term(EntityDocuments.ROOM, "yes")), Occur.FILTER);
        case POLICIES -> {
          long today = LocalDate.now(clock).toEpochDay();
          b.add(new TermQuery(new Term(EntityDocuments.AUDIENCE, "founder")), Occur.FILTER);
          b.add(
              LongPoint.newRangeQuery(EntityDocuments.VALID_FROM, Long.MIN_VALUE, today),
              Occur.FILTER);
          b.add(
              LongPoint.newRangeQuery(EntityDocuments.VALID_UNTIL, today, Long.MAX_VALUE),
              Occur.FILTER);
        }
        default -> {}
      }
    }
    RequestFilters f = r.filters();
    if (!f.districts().isEmpty())
      b.add(terms(EntityDocuments.DISTRICT, f.districts()), Occur.FILTER);
    if (!f.sectors().isEmpty()) b.add(terms(EntityDocuments.SECTOR, f.sectors()), Occur.FILTER);
    if (!f.stages().isEmpty()) b.add(terms(EntityDocuments.STAGE, f.stages()), Occur.FILTER);
    if (!f.kinds().isEmpty()) b.add(terms(EntityDocuments.KIND, f.kinds()), Occur.FILTER);
    if (!f.needs().isEmpty()) b.add(terms(EntityDocuments.NEED, f.needs()), Occur.FILTER);
    return b.build();
  }

  private static List<String> scopeOf(Entity e) {
    return switch (e) {
      case Mentor m -> m.serviceDistricts();
      case cn.qingdao.peipao.core.model.Investor i -> i.serviceDistricts();
      default -> List.of();
    };
  }

  private List<String> qingdaoDistricts(List<String> codes) {
    return codes.stream().filter(c -> extractor.taxonomy().district(c).isPresent()).toList();
  }

  private static Query terms(String field, List<String> values) {
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }

  /** Builds the caches of every current segment, so that no request pays for it; O(entities). */
  public void warm() {
    index.withSearcher(
        searcher -> {
          for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) cache.of(leaf.reader());
          return null;
        });
  }
}

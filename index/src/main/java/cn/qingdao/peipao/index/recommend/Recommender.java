package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.Related;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.search.EntityDocuments;
import cn.qingdao.peipao.index.search.SearchIndex;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntroSorter;

/**
 * Ranks the entities of a target type for a subject. Phase one ({@link BlockScan}) is a Lucene
 * query holding every hard constraint as a filter; its hits are visited by blocks of similar
 * documents, skipping every block whose bound is below the k-th best lower bound so far, and each
 * hit left is scored exactly from cached {@link Features} on its structured components, giving a
 * lower bound (text relevance 0) and an upper bound (text at the most any candidate of the request
 * reaches), each with the candidate's related value when some counterpart has one. Candidates whose
 * upper bound is below the k-th best lower bound are dropped; the rest are scored with their exact
 * text relevance and related value in order of their upper bound until none left can enter the top
 * k. The result equals {@link #exhaustive} (scoring every entity), which tests check.
 */
public final class Recommender {
  /** Largest {@code limit} a request may ask for. */
  public static final int MAX_LIMIT = 100;

  private static final double EPS = 1e-9;
  private static final Comparator<Scored> ORDER =
      Comparator.comparingDouble((Scored s) -> -s.score).thenComparing(s -> s.entity.id());

  private final Ranking ranking;

  /** A recommender over the shared ranking context. */
  public Recommender(Ranking ranking) {
    this.ranking = ranking;
  }

  /** A recommender with a ranking context of its own (tools and tests). */
  public Recommender(
      SearchIndex index, EntityReader reader, ScoringProfiles profiles, Clock clock) {
    this(new Ranking(index, reader, profiles, clock));
  }

  /** The context this recommender ranks with, to build its siblings on the same caches. */
  public Ranking ranking() {
    return ranking;
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
    ScoringProfile profile = ranking.profile(direction, r.profile());
    ScoringProfile counterpart = ranking.counterpartProfile(direction);
    FeatureCache cache = ranking.cache;
    return ranking.index.withSearcher(
        searcher -> {
          // the reference computes everything afresh; the fast path remembers stored subjects
          Supplier<Features> extract =
              () -> ranking.extractor.of(r.subject(), Ranking.assignedOf(searcher, r.subject()));
          Features subject =
              exhaustive
                  ? extract.get()
                  : ranking.subjects.features(searcher, r.subject(), extract);
          // Cache every segment first: district bounds and the term dictionary then cover them all.
          Segment[] segments = ranking.segments(searcher);
          PairScorer.Context ctx =
              ranking.scorer.context(
                  direction,
                  subject,
                  profile,
                  counterpart,
                  ranking.today(),
                  r.filters(),
                  exhaustive ? null : cache.bounds());
          Query constraints =
              exhaustive
                  ? HardConstraintQueries.typeOnly(r.target())
                  : HardConstraintQueries.of(
                      r.subject(),
                      subject,
                      r.target(),
                      r.filters(),
                      ranking.today().toEpochDay(),
                      ranking.extractor.taxonomy());
          Query query = restrict(constraints, r);
          // only the shared query is remembered: one restricted to a subject's own ids (its
          // rejections, a policy's admitted set) or words would crowd the shared ones out
          HitCache hits = query == constraints ? ranking.hits : null;
          Supplier<TextRelevance> weigh =
              () ->
                  new TextRelevance(
                      searcher.getIndexReader(),
                      r.target(),
                      cache,
                      ranking.subjectTerms(searcher, r.subject()));
          TextRelevance text =
              !ctx.usesText()
                  ? null
                  : exhaustive
                      ? weigh.get()
                      : ranking.subjects.text(searcher, r.subject(), r.target(), weigh);
          // words no candidate has cannot raise any candidate's score: bound text below 1
          if (text != null) ctx.bounds().boundText(text.max());
          Related related =
              ctx.usesRelated()
                  ? ranking.related(ranking.relationModel(r.target()), r.subject(), subject)
                  : Related.NONE;
          ctx.bounds().boundRelated(related.max());
          Candidates candidates =
              exhaustive
                  ? collectAll(searcher, query, ctx, cache)
                  : BlockScan.collect(
                      searcher, query, ctx, hits, segments, r.target(), r.limit(), related);
          Top top =
              exhaustive
                  ? scoreAll(candidates, ctx, text, related, segments, r.limit())
                  : scorePruned(candidates, ctx, text, related, segments, r.limit());
          List<Match> items = new ArrayList<>(top.items().size());
          for (Scored s : top.items())
            items.add(ctx.match(s.features, s.entity, s.text, related.of(s.entity.id())));
          return new Recommendation(
              direction, r.subject().id(), profile, items, candidates.eligible, top.textScored());
        });
  }

  private record Scored(Features features, Entity entity, double score, double text) {}

  /** The best candidates, best first, and how many candidates had their text scored. */
  private record Top(List<Scored> items, long textScored) {}

  private static Top scoreAll(
      Candidates c,
      PairScorer.Context ctx,
      TextRelevance text,
      Related related,
      Segment[] segments,
      int k) {
    List<Scored> all = new ArrayList<>(c.size);
    for (int i = 0; i < c.size; i++) {
      double t = text == null ? 0 : text.of(segments[c.leaf[i]], c.doc[i]);
      Entity e = segments[c.leaf[i]].entities()[c.doc[i]];
      all.add(new Scored(c.features[i], e, ctx.score(c.features[i], t, related.of(e.id())), t));
    }
    all.sort(ORDER);
    return new Top(List.copyOf(all.subList(0, Math.min(k, all.size()))), c.size);
  }

  private static Top scorePruned(
      Candidates c,
      PairScorer.Context ctx,
      TextRelevance text,
      Related related,
      Segment[] segments,
      int k) {
    long textScored = 0;
    double threshold = c.size <= k ? Double.NEGATIVE_INFINITY : c.kthLargestLower(k);
    int[] survivors = byUpperDescending(c, threshold);
    if (c.size > 0 && !Double.isNaN(c.viewA[0]))
      return scoreFromViews(c, ctx, text, related, segments, k, survivors);
    List<Scored> top = new ArrayList<>(k + 1);
    for (int i : survivors) {
      if (top.size() == k && c.upper[i] + EPS < top.get(k - 1).score) break;
      double t;
      if (text == null) {
        t = 0;
      } else {
        t = text.of(segments[c.leaf[i]], c.doc[i]);
        textScored++;
      }
      Entity e = segments[c.leaf[i]].entities()[c.doc[i]];
      Scored s = new Scored(c.features[i], e, ctx.score(c.features[i], t, related.of(e.id())), t);
      int at = insertionPoint(top, s);
      if (at < k) {
        top.add(at, s);
        if (top.size() > k) top.remove(k);
      }
    }
    return new Top(top, textScored);
  }

  /**
   * {@link #scorePruned} for candidates whose bounds computed their views from columns: each
   * survivor's score comes from its views and text without its features or entity, and only the
   * finalists (within {@link #EPS} of the k-th such score, which is within rounding of the exact
   * one) are scored again from their features and ordered as the exhaustive path orders them.
   */
  private static Top scoreFromViews(
      Candidates c,
      PairScorer.Context ctx,
      TextRelevance text,
      Related related,
      Segment[] segments,
      int k,
      int[] survivors) {
    boolean withRelated = related.max() > 0;
    int[] seen = new int[survivors.length];
    double[] score = new double[survivors.length];
    double[] texts = new double[survivors.length];
    double[] best = new double[k]; // the k largest scores so far, descending
    int n = 0;
    for (int i : survivors) {
      if (n >= k && c.upper[i] + EPS < best[k - 1]) break;
      double t = text == null ? 0 : text.of(segments[c.leaf[i]], c.doc[i]);
      double r = withRelated ? related.of(segments[c.leaf[i]].entities()[c.doc[i]].id()) : 0;
      double v = ctx.scoreOfViews(c.viewA[i], c.viewB[i], t, r);
      seen[n] = i;
      score[n] = v;
      texts[n] = t;
      int at = Math.min(n, k);
      while (at > 0 && best[at - 1] < v) {
        if (at < k) best[at] = best[at - 1];
        at--;
      }
      if (at < k) best[at] = v;
      n++;
    }
    double bar = n < k ? Double.NEGATIVE_INFINITY : best[k - 1] - EPS;
    List<Scored> finalists = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (score[j] < bar) continue;
      int i = seen[j];
      Entity e = segments[c.leaf[i]].entities()[c.doc[i]];
      double exact = ctx.score(c.features[i], texts[j], related.of(e.id()));
      finalists.add(new Scored(c.features[i], e, exact, texts[j]));
    }
    finalists.sort(ORDER);
    return new Top(
        List.copyOf(finalists.subList(0, Math.min(k, finalists.size()))), text == null ? 0 : n);
  }

  /**
   * The candidates whose upper bound reaches {@code threshold} (within {@link #EPS}), largest bound
   * first; the order of equal bounds is of no consequence, as a scan over them stops at the first
   * bound below the k-th score. Lucene's in-place sort over primitives, instead of boxed indices
   * and a comparator (5 % of a request's time on the 100k corpus). O(n log n).
   */
  private static int[] byUpperDescending(Candidates c, double threshold) {
    int n = 0;
    int[] out = new int[c.size];
    for (int i = 0; i < c.size; i++) if (c.upper[i] + EPS >= threshold) out[n++] = i;
    double[] upper = c.upper;
    new IntroSorter() {
      private double pivot;

      @Override
      protected void setPivot(int i) {
        pivot = upper[out[i]];
      }

      @Override
      protected int comparePivot(int j) {
        return Double.compare(upper[out[j]], pivot);
      }

      @Override
      protected void swap(int i, int j) {
        int t = out[i];
        out[i] = out[j];
        out[j] = t;
      }
    }.sort(0, n);
    return Arrays.copyOf(out, n);
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

  /** Every eligible hit, for exhaustive scoring (the reference of the pruned path). */
  private static Candidates collectAll(
      IndexSearcher searcher, Query query, PairScorer.Context ctx, FeatureCache cache) {
    Candidates candidates = new Candidates();
    Hits.forEach(
        searcher,
        query,
        cache,
        (leaf, segment) -> {
          Features[] features = segment.features();
          int ord = leaf.ord;
          return doc -> {
            Features f = features[doc];
            if (f == null || !ctx.eligible(f)) return;
            candidates.eligible++;
            candidates.add(ord, doc, f, 0, 1);
          };
        });
    return candidates;
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

  /** The distinct words of {@code text} as the index segments it; see {@link Ranking#words}. */
  public List<String> words(String text) {
    return ranking.words(text);
  }

  private static Query uids(EntityType type, Set<String> ids) {
    List<BytesRef> uids = new ArrayList<>();
    for (String id : ids) uids.add(new BytesRef(EntityDocuments.uid(type, id).text()));
    return new TermInSetQuery(EntityDocuments.UID, uids);
  }

  /** Builds the caches of every current segment, so that no request pays for it; O(entities). */
  public void warm() {
    ranking.warm();
  }
}

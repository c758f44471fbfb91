package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.Related;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.PruningBounds;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.FixedBitSet;

/**
 * Phase one of the pruned path. The hard-constraint query's hits become one bit set per segment;
 * then the segments' {@link BlockLayout} runs of blocks are bounded, the best few blocks of the
 * best runs scanned first to raise the k-th best lower bound, then the blocks of every run that may
 * still reach it bounded, and those that may visited best bound first until none left can. Inside a
 * block each hit is bounded by its columns (location by its district, then by its point); survivors
 * become {@link Candidates} with their bounds. O(hits) for the bit sets, O(runs) for their bounds,
 * O(blocks) of the runs that may reach for theirs, and work per document only in the blocks
 * visited.
 */
final class BlockScan {
  private static final double EPS = 1e-9;

  /** Below this many hits per block, hits are bounded one by one without block bounds. */
  static final int SPARSE_HITS_PER_BLOCK = 2;

  /** Blocks scanned before the others are bounded against the bar they set. */
  static final int SEED_BLOCKS = 8;

  private final PairScorer.Context ctx;
  private final Segment[] segments;
  private final FixedBitSet[] hits;
  private final TopLowers lowers;
  private final Candidates candidates = new Candidates();

  /** The request's related values; looked up per survivor only when some counterpart has one. */
  private final Related related;

  private BlockScan(PairScorer.Context ctx, Segment[] segments, int k, Related related) {
    this.ctx = ctx;
    this.related = related.max() > 0 ? related : null;
    this.segments = segments;
    this.hits = new FixedBitSet[segments.length];
    this.lowers = new TopLowers(k);
  }

  /**
   * The candidates of {@code query}'s hits that may reach the top {@code k} for {@code ctx}, with
   * every hit counted as eligible; {@code segments} are the searcher's cached segments by leaf ord,
   * {@code related} the request's related values (each survivor's bounds hold its own); {@code
   * hitCache} remembers the query's hits, or null to run it.
   */
  static Candidates collect(
      IndexSearcher searcher,
      Query query,
      PairScorer.Context ctx,
      HitCache hitCache,
      Segment[] segments,
      EntityType target,
      int k,
      Related related) {
    BlockScan scan = new BlockScan(ctx, segments, k, related);
    // each segment's hits as a bit set, for the block scan to test (read only: they are shared)
    HitCache.Matched matched =
        hitCache == null ? HitCache.compute(searcher, query) : hitCache.of(searcher, query);
    System.arraycopy(matched.bits(), 0, scan.hits, 0, scan.hits.length);
    scan.candidates.eligible = matched.count();
    scan.visit(target);
    return scan.candidates;
  }

  private void visit(EntityType target) {
    int total = 0;
    int runCount = 0;
    for (int ord = 0; ord < segments.length; ord++) {
      if (hits[ord] == null) continue;
      BlockLayout l = segments[ord].layout();
      total += l.endBlock(target) - l.firstBlock(target);
      runCount += l.endRun(target) - l.firstRun(target);
    }
    if (candidates.eligible < (long) SPARSE_HITS_PER_BLOCK * total) {
      scanHits(); // few hits: bounding every block would cost more than it saves
      return;
    }
    // every run bounded; a run's bound is at least each of its blocks'
    float[] runBound = new float[runCount];
    int[] runLeaf = new int[runCount];
    int[] runOf = new int[runCount];
    int n = 0;
    for (int ord = 0; ord < segments.length; ord++) {
      if (hits[ord] == null) continue;
      BlockLayout l = segments[ord].layout();
      for (int r = l.firstRun(target); r < l.endRun(target); r++) {
        runBound[n] = roundedUp(l.runUpper(ctx, r));
        runLeaf[n] = ord;
        runOf[n++] = r;
      }
    }
    // the best few blocks of the best runs first: their documents set a high bar for the rest
    // (runs best first until they hold SEED_BLOCKS blocks: one run when runs are long)
    int[] bestRuns = best(runBound, Math.min(SEED_BLOCKS, n));
    Blocks pool = new Blocks();
    int pooledRuns = 0;
    while (pooledRuns < bestRuns.length && pool.size < SEED_BLOCKS) {
      int i = bestRuns[pooledRuns++];
      pool.addRun(runLeaf[i], runOf[i], Double.NEGATIVE_INFINITY);
    }
    boolean[] scanned = new boolean[pool.size];
    for (int i : best(pool.bound, pool.size, Math.min(SEED_BLOCKS, pool.size))) {
      scan(pool.leaf[i], pool.block[i]);
      scanned[i] = true;
    }
    // the blocks of every run that may still reach, best bound first, until none can
    double bar = lowers.threshold() - EPS;
    Blocks rest = new Blocks();
    for (int i = 0; i < pool.size; i++)
      if (!scanned[i]) rest.add(pool.leaf[i], pool.block[i], pool.bound[i], bar);
    boolean[] pooled = new boolean[n];
    for (int j = 0; j < pooledRuns; j++) pooled[bestRuns[j]] = true;
    for (int i = 0; i < n; i++)
      if (!pooled[i] && runBound[i] >= bar) rest.addRun(runLeaf[i], runOf[i], bar);
    long[] order = new long[rest.size];
    for (int i = 0; i < rest.size; i++)
      order[i] = (long) Float.floatToIntBits(rest.bound[i]) << 32 | i;
    Arrays.sort(order); // non-negative floats order as their bits
    for (int j = order.length - 1; j >= 0; j--) {
      int i = (int) order[j];
      if (rest.bound[i] < lowers.threshold() - EPS) break;
      scan(rest.leaf[i], rest.block[i]);
    }
  }

  /** {@code u} as a float no smaller: still a bound. */
  private static float roundedUp(double u) {
    float f = (float) u;
    return f < u ? up(f) : f;
  }

  /** Blocks with their bounds, gathered run by run. */
  private final class Blocks {
    float[] bound = new float[64];
    int[] leaf = new int[64];
    int[] block = new int[64];
    int size;

    /** Bounds every block of run {@code r} of segment {@code ord}; keeps those at {@code bar}. */
    void addRun(int ord, int r, double bar) {
      BlockLayout l = segments[ord].layout();
      for (int b = l.runStart[r]; b < l.runStart[r + 1]; b++) add(ord, b, l.upper(ctx, b), bar);
    }

    void add(int ord, int b, double u, double bar) {
      if (u < bar) return;
      if (size == bound.length) {
        bound = Arrays.copyOf(bound, size * 2);
        leaf = Arrays.copyOf(leaf, size * 2);
        block = Arrays.copyOf(block, size * 2);
      }
      bound[size] = roundedUp(u);
      leaf[size] = ord;
      block[size++] = b;
    }
  }

  /** The next float above {@code f}: Math.nextUp without its NaN and infinity checks for bounds. */
  private static float up(float f) {
    return f >= 0 ? Float.intBitsToFloat(Float.floatToRawIntBits(f) + 1) : Math.nextUp(f);
  }

  /** Indexes of the {@code count} largest bounds (ties to the first), best first. */
  private static int[] best(float[] bound, int count) {
    return best(bound, bound.length, count);
  }

  /** {@link #best(float[], int)} among the first {@code length} bounds. */
  private static int[] best(float[] bound, int length, int count) {
    int[] top = new int[count];
    int size = 0;
    for (int i = 0; i < length; i++) {
      if (size == count && bound[i] <= bound[top[size - 1]]) continue;
      int at = size == count ? size - 1 : size++;
      while (at > 0 && bound[top[at - 1]] < bound[i]) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = i;
    }
    return top;
  }

  private void scan(int ord, int b) {
    BlockLayout l = segments[ord].layout();
    Features[] features = segments[ord].features();
    FixedBitSet bits = hits[ord];
    boolean exact = ctx.bounds().scoresFromColumns();
    for (int i = l.start[b]; i < l.start[b + 1]; i++) {
      if (bits.get(l.doc[i])) consider(ord, l, features, i, exact);
    }
  }

  /** Every hit in doc order, for queries with fewer hits than blocks to bound. */
  private void scanHits() {
    boolean exact = ctx.bounds().scoresFromColumns();
    for (int ord = 0; ord < segments.length; ord++) {
      FixedBitSet bits = hits[ord];
      if (bits == null) continue;
      BlockLayout l = segments[ord].layout();
      Features[] features = segments[ord].features();
      for (int doc = bits.nextSetBit(0);
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = doc + 1 < bits.length() ? bits.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS)
        consider(ord, l, features, l.position[doc], exact);
    }
  }

  /** Bounds the hit at position {@code i} of segment {@code ord}; keeps it if it may reach. */
  private void consider(int ord, BlockLayout l, Features[] features, int i, boolean exact) {
    int doc = l.doc[i];
    double bar = lowers.threshold() - EPS;
    PruningBounds bounds = ctx.bounds();
    if (!bounds.columnMayReach(bar, l.columns, i)) return;
    if (!bounds.columnMayReachAt(bar, l.columns, i)) return;
    double lo;
    Features f = features[doc];
    if (exact) {
      // the bounds from the columns alone: the features are loaded only for the survivors
      lo = bounds.columnScoreAfterReach(l.columns, i);
    } else {
      // core eligibility is checked again where the features are loaded anyway
      if (!ctx.eligible(f) || bounds.cheapUpper(f) < bar) return;
      lo = bounds.lowerAfterCheapUpper(f);
    }
    double up;
    if (related == null) {
      up = bounds.upperAfterLower();
    } else {
      double r = related.of(segments[ord].entities()[doc].id());
      lo = bounds.lowerWithRelated(r);
      up = bounds.upperWithRelated(r);
    }
    if (up < bar) return;
    lowers.offer(lo);
    if (exact) candidates.add(ord, doc, f, lo, up, ctx.viewA(), ctx.viewB());
    else candidates.add(ord, doc, f, lo, up);
  }
}

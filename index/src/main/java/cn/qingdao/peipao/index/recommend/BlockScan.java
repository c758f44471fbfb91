package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.Related;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.PairScorer;
import cn.qingdao.peipao.core.scoring.PruningBounds;
import cn.qingdao.peipao.core.util.LongHeap;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.FixedBitSet;

/**
 * Phase one of the pruned path. The hard-constraint query's hits become one bit set per segment;
 * then the segments' {@link BlockLayout} runs of blocks are bounded and taken best bound first: a
 * run is opened into its blocks (each bounded), a block scanned, until no bound left reaches the
 * k-th best lower bound so far. Inside a block each hit is bounded by its columns (location by its
 * district, then by its point); survivors become {@link Candidates} with their bounds. O(hits) for
 * the bit sets, O(runs) for their bounds, O(blocks) of the runs opened for theirs, and work per
 * document only in the blocks visited.
 */
final class BlockScan {
  private static final double EPS = 1e-9;

  /** Below this many hits per block, hits are bounded one by one without block bounds. */
  static final int SPARSE_HITS_PER_BLOCK = 2;

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
    // best first over runs and blocks: the run or block of the highest bound is taken next, a run
    // becoming its blocks (each bounded, kept if it may reach), a block scanned; so the best blocks
    // raise the bar before most runs are opened, and a run is opened only if its bound still
    // reaches the bar then (a run's bound is at least each of its blocks')
    BoundQueue queue = new BoundQueue(runCount + 64);
    for (int ord = 0; ord < segments.length; ord++) {
      if (hits[ord] == null) continue;
      BlockLayout l = segments[ord].layout();
      for (int r = l.firstRun(target); r < l.endRun(target); r++)
        queue.add(roundedUp(l.runUpper(ctx, r)), ord, r, true);
    }
    queue.heapify();
    while (queue.size > 0) {
      double bar = lowers.threshold() - EPS;
      if (queue.topBound() < bar) break; // every bound left is at most the top's
      int at = queue.pop();
      int ord = queue.leaf[at];
      if (!queue.run[at]) {
        scan(ord, queue.id[at]);
        continue;
      }
      BlockLayout l = segments[ord].layout();
      int r = queue.id[at];
      for (int b = l.runStart[r]; b < l.runStart[r + 1]; b++) {
        double u = l.upper(ctx, b);
        if (!(u < bar)) queue.push(roundedUp(u), ord, b, false); // NaN: not known below
      }
    }
  }

  /** {@code u} as a float no smaller: still a bound. */
  private static float roundedUp(double u) {
    float f = (float) u;
    return f < u ? up(f) : f;
  }

  /**
   * A max-heap of runs and blocks by bound: entries (leaf, run or block id, kind) in growable
   * arrays, the heap of {@code bound bits << 32 | entry} longs (non-negative floats order as their
   * bits; ties to the larger entry, any order is exact), on {@link LongHeap}. O(log size) per push
   * and pop.
   */
  private static final class BoundQueue {
    long[] heap;
    int size;
    int[] leaf;
    int[] id;
    boolean[] run;
    int entries;

    BoundQueue(int capacity) {
      heap = new long[capacity];
      leaf = new int[capacity];
      id = new int[capacity];
      run = new boolean[capacity];
    }

    /** Appends without ordering; call {@link #heapify} before the first pop. */
    void add(float bound, int ord, int which, boolean isRun) {
      long key = entry(bound, ord, which, isRun); // first: it may grow the heap
      heap[size++] = key;
    }

    void heapify() {
      LongHeap.heapifyMax(heap, size);
    }

    void push(float bound, int ord, int which, boolean isRun) {
      long key = entry(bound, ord, which, isRun); // first: it may grow the heap
      size = LongHeap.pushMax(heap, size, key);
    }

    /**
     * Records an entry and answers its heap key. The heap grows with the entries: it never holds
     * more keys than there are entries.
     */
    private long entry(float bound, int ord, int which, boolean isRun) {
      if (entries == leaf.length) grow();
      leaf[entries] = ord;
      id[entries] = which;
      run[entries] = isRun;
      // as +0 when not above 0 (-0.0 and below would order wrongly as bits; still a bound), NaN
      // (not known) as +∞, so that it is taken and never ends the scan
      float key = bound > 0 ? bound : bound != bound ? Float.POSITIVE_INFINITY : 0f;
      return (long) Float.floatToIntBits(key) << 32 | entries++;
    }

    float topBound() {
      return Float.intBitsToFloat((int) (heap[0] >>> 32));
    }

    /** Removes the top and answers its entry. */
    int pop() {
      int entry = (int) heap[0];
      size = LongHeap.popMax(heap, size);
      return entry;
    }

    private void grow() {
      int n = leaf.length * 2;
      heap = Arrays.copyOf(heap, n);
      leaf = Arrays.copyOf(leaf, n);
      id = Arrays.copyOf(id, n);
      run = Arrays.copyOf(run, n);
    }
  }

  /** The next float above {@code f}: Math.nextUp without its NaN and infinity checks for bounds. */
  private static float up(float f) {
    return f >= 0 ? Float.intBitsToFloat(Float.floatToRawIntBits(f) + 1) : Math.nextUp(f);
  }

  private void scan(int ord, int b) {
    BlockLayout l = segments[ord].layout();
    Features[] features = segments[ord].features();
    FixedBitSet bits = hits[ord];
    boolean exact = ctx.bounds().scoresFromColumns();
    int from = l.start[b];
    // the block's candidates that may reach the bar as it stands (it only rises): one loop, then
    // each kept hit considered with the bar of its turn
    long keep =
        ctx.bounds().columnsMayReach(lowers.threshold() - EPS, l.columns, from, l.start[b + 1]);
    for (; keep != 0; keep &= keep - 1) {
      int i = from + Long.numberOfTrailingZeros(keep);
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

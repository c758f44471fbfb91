package cn.qingdao.peipao.core.allocation;

import java.util.Arrays;
import java.util.Optional;

/**
 * The largest allocation with the highest total score, by an auction (Bertsekas) with ε-scaling on
 * a square assignment problem. With F the size of a largest allocation ({@link MaxCardinality}),
 * the persons are the n projects and S − F fillers, the objects the S slots and n − F stay-out
 * tokens: a filler holding a slot leaves it empty, a project holding a token stays out. Every
 * perfect matching is an allocation of exactly F projects, so the best one is the answer, and no
 * weight for "one more project" is needed. Values are score·N with N one more than the persons, so
 * the last phase (ε = 1) leaves a gap below N, i.e. none. Each counterpart's slots, and the tokens,
 * form min-heaps by price (similar objects: a bidder's second choice may be the next slot of the
 * same counterpart); fillers take the cheapest slot overall from a tournament tree over the
 * counterparts. Cost O(E) per round of bids over the E acceptable pairs, ⌈log₈ (max score·N)⌉
 * phases; memory O(E).
 */
final class AuctionAllocator {
  /** How much ε shrinks per phase. */
  private static final int SCALE = 8;

  /**
   * Bids allowed per phase and person: far above what auctions take (about 12 on the 10k × 1k
   * benchmark's busiest phase), so running out means a problem this auction handles badly, and the
   * caller solves it another way rather than spinning.
   */
  static final int DEFAULT_BUDGET = 1000;

  private final long budget;

  AuctionAllocator() {
    this(DEFAULT_BUDGET);
  }

  /** An auction allowed {@code budget} bids per phase and person. */
  AuctionAllocator(long budget) {
    this.budget = budget;
  }

  /**
   * The counterpart of each project in problem order (-1 when it stays out), or empty when a phase
   * ran out of its budget of bids.
   */
  Optional<int[]> allocate(
      AllocationProblem problem, int[] ids, int[] slots, int[] start, int[] to) {
    return new Run(problem, ids, slots, start, to, budget).solve();
  }

  private static final class Run {
    private final int n;
    private final int m;
    private final int[] ids;
    private final int[] counterpartRank;
    private final int[] start;
    private final int[] to;
    private final long[] value;

    /**
     * The objects of counterpart k are base[k]..base[k+1], a min-heap by price; the stay-out tokens
     * are the objects of k = m, worth 0 to every project.
     */
    private final int[] base;

    private final long[] price;

    /** price[base[k]] by k: a bid reads m contiguous longs, not an object per counterpart. */
    private final long[] low;

    private final int[] owner;
    private final boolean tokens;
    private final int fillers;
    private final Tournament cheapest;

    /** Each person's object, or -1. */
    private final int[] holds;

    private final long span;

    /** No slot is cheaper: prices only rise, so the cheapest at a phase's start stays a bound. */
    private long floor;

    /** What each project's slot is worth to it. */
    private final long[] held;

    private final long bids;

    Run(AllocationProblem problem, int[] ids, int[] slots, int[] start, int[] to, long budget) {
      this.n = problem.projects();
      this.m = ids.length;
      this.ids = ids;
      this.counterpartRank = problem.counterpartRank;
      this.start = start;
      this.to = new int[to.length];
      this.base = new int[m + 2];
      for (int k = 0; k < m; k++) base[k + 1] = base[k] + slots[k];
      int placed = new MaxCardinality(start, to, slots).solve();
      base[m + 1] = base[m] + n - placed;
      this.tokens = n > placed;
      this.fillers = base[m] - placed;
      long persons = (long) n + fillers;
      long unit = persons + 1;
      this.value = new long[to.length];
      long max = 0;
      int stride = problem.counterparts();
      // Each project's counterparts best first (then by id), so a bid can stop early.
      long[] keys = new long[n == 0 ? 0 : m];
      for (int p = 0; p < n; p++) {
        int from = start[p];
        int c = start[p + 1] - from;
        for (int i = 0; i < c; i++) {
          int k = to[from + i];
          int score = problem.score[p * stride + ids[k]];
          keys[i] = ((long) (AllocationProblem.MAX_SCORE - score) << 21) | k;
        }
        Arrays.sort(keys, 0, c);
        for (int i = 0; i < c; i++) {
          int k = (int) (keys[i] & ((1 << 21) - 1));
          this.to[from + i] = k;
          value[from + i] = problem.score[p * stride + ids[k]] * unit;
          max = Math.max(max, value[from + i]);
        }
      }
      this.span = max + 1;
      this.price = new long[base[m + 1]];
      this.low = new long[m + 1];
      this.owner = new int[base[m + 1]];
      this.holds = new int[(int) persons];
      this.held = new long[n];
      Arrays.fill(holds, -1);
      Arrays.fill(owner, -1);
      this.cheapest = fillers > 0 ? new Tournament(m) : null;
      this.bids = budget * persons + 16;
    }

    Optional<int[]> solve() {
      long eps = Math.max(1, span / SCALE);
      while (true) {
        if (!phase(eps)) return Optional.empty();
        if (eps == 1) break;
        eps = Math.max(1, eps / SCALE);
      }
      int[] result = new int[n];
      for (int p = 0; p < n; p++)
        result[p] = holds[p] < base[m] ? ids[counterpartOf(holds[p])] : -1;
      return Optional.of(result);
    }

    /** The counterpart of slot s (not a token). */
    private int counterpartOf(int s) {
      int k = Arrays.binarySearch(base, 0, m + 1, s); // every counterpart here has a slot
      return k >= 0 ? k : -k - 2;
    }

    /** One phase of bidding with this ε; false when it ran out of bids. */
    private boolean phase(long eps) {
      int persons = holds.length;
      int[] queue = new int[persons];
      int size = 0;
      // Whoever still satisfies ε-CS for the new ε keeps its object; the others bid again.
      for (int i = 0; i < persons; i++) if (!keeps(i, eps)) queue[size++] = i;
      for (int i = 0; i < size; i++) {
        int person = queue[i];
        int h = holds[person];
        if (h >= 0) owner[h] = -1;
        holds[person] = -1;
      }
      floor = Long.MAX_VALUE;
      for (int k = 0; k <= m; k++) {
        heapify(k);
        low[k] = base[k + 1] > base[k] ? price[base[k]] : Long.MAX_VALUE;
        if (k < m) floor = Math.min(floor, low[k]);
      }
      if (cheapest != null) for (int k = 0; k < m; k++) cheapest.update(k);
      int head = 0;
      long left = bids;
      while (size > 0) {
        if (--left < 0) return false;
        int i = queue[head];
        head = head + 1 == persons ? 0 : head + 1;
        size--;
        int displaced = i < n ? projectBids(i, eps) : fillerBids(i, eps);
        if (displaced >= 0) {
          int tail = head + size;
          queue[tail >= persons ? tail - persons : tail] = displaced;
          size++;
        }
      }
      return true;
    }

    /**
     * Whether person i holds an object within ε of its best one (ε-CS); false when it holds none.
     */
    private boolean keeps(int i, long eps) {
      int h = holds[i];
      if (h == -1) return false;
      if (i >= n) return price[h] <= low[cheapest.min()] + eps;
      long own = held[i] - price[h];
      long best = tokens ? -low[m] : Long.MIN_VALUE;
      for (int e = start[i]; e < start[i + 1] && value[e] - floor >= best; e++)
        best = Math.max(best, value[e] - low[to[e]]);
      return own >= best - eps;
    }

    /** Project p bids for its best object; returns whom it displaced, or -1. */
    private int projectBids(int p, long eps) {
      long b1 = Long.MIN_VALUE;
      long b2 = Long.MIN_VALUE;
      int best = -1;
      boolean token = tokens; // staying out first: a slot wins a tie with it
      if (token) b1 = -low[m];
      for (int e = start[p]; e < start[p + 1]; e++) {
        // the rest are worth at most value[e] and cost at least floor: none can be first or second
        if (value[e] - floor < b2) break;
        int k = to[e];
        long net = value[e] - low[k];
        if (net > b1
            || (net == b1 && (token || counterpartRank[ids[k]] < counterpartRank[ids[to[best]]]))) {
          b2 = b1;
          b1 = net;
          best = e;
          token = false;
        } else if (net > b2) {
          b2 = net;
        }
      }
      int k = token ? m : to[best];
      long worth = token ? 0 : value[best];
      long second = secondSlot(k); // the next object of the same kind may be the second choice
      if (second != Long.MAX_VALUE) b2 = Math.max(b2, worth - second);
      if (b2 == Long.MIN_VALUE) b2 = b1 - span;
      held[p] = worth;
      return takeSlot(p, k, low[k] + b1 - b2 + eps);
    }

    /** A filler takes the cheapest slot overall; returns whom it displaced, or -1. */
    private int fillerBids(int f, long eps) {
      int k = cheapest.min();
      long own = price[base[k]];
      long next = Math.min(secondSlot(k), cheapest.minPriceWithout(k));
      long step = next == Long.MAX_VALUE ? span : next - own;
      return takeSlot(f, k, own + step + eps);
    }

    private int takeSlot(int person, int k, long bid) {
      int root = base[k];
      int q = owner[root];
      if (q >= 0) holds[q] = -1;
      price[root] = bid;
      owner[root] = person;
      holds[person] = root;
      siftDown(k, 0);
      low[k] = price[root];
      if (cheapest != null && k < m) cheapest.update(k);
      return q;
    }

    /** The price of the second-cheapest object of k, or MAX_VALUE when it has one. */
    private long secondSlot(int k) {
      int root = base[k];
      int size = base[k + 1] - root;
      if (size < 2) return Long.MAX_VALUE;
      long s = price[root + 1];
      return size > 2 ? Math.min(s, price[root + 2]) : s;
    }

    private void heapify(int k) {
      int size = base[k + 1] - base[k];
      for (int i = size / 2 - 1; i >= 0; i--) siftDown(k, i);
    }

    private void siftDown(int k, int i) {
      int b = base[k];
      int size = base[k + 1] - b;
      while (true) {
        int c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && price[b + c + 1] < price[b + c]) c++;
        if (price[b + c] >= price[b + i]) break;
        swapSlots(b + i, b + c);
        i = c;
      }
    }

    private void swapSlots(int x, int y) {
      long pr = price[x];
      price[x] = price[y];
      price[y] = pr;
      int o = owner[x];
      owner[x] = owner[y];
      owner[y] = o;
      if (owner[x] >= 0) holds[owner[x]] = x;
      if (owner[y] >= 0) holds[owner[y]] = y;
    }

    /** The counterpart whose cheapest slot is cheapest overall: a tournament tree, O(log m). */
    private final class Tournament {
      private final int leaves;
      private final int[] tree;

      Tournament(int m) {
        int size = 1;
        while (size < Math.max(1, m)) size <<= 1;
        this.leaves = size;
        this.tree = new int[2 * size];
        Arrays.fill(tree, -1);
      }

      private long key(int k) {
        return k < 0 || base[k + 1] == base[k] ? Long.MAX_VALUE : price[base[k]];
      }

      private int better(int a, int b) {
        if (a < 0) return b;
        if (b < 0) return a;
        long ka = key(a);
        long kb = key(b);
        return ka < kb || (ka == kb && a < b) ? a : b;
      }

      void update(int k) {
        int i = leaves + k;
        tree[i] = k;
        for (i >>= 1; i > 0; i >>= 1) tree[i] = better(tree[2 * i], tree[2 * i + 1]);
      }

      int min() {
        return tree[1];
      }

      /** The cheapest slot's price among the counterparts other than k. */
      long minPriceWithout(int k) {
        int best = -1;
        for (int i = leaves + k; i > 1; i >>= 1) best = better(best, tree[i ^ 1]);
        return key(best);
      }
    }
  }
}

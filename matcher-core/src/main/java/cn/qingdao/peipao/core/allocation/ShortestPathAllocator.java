package cn.qingdao.peipao.core.allocation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The reference coverage allocation, kept to check {@link CoverageAllocator} and as the baseline of
 * {@code AllocationBenchmark}: the largest allocation with the highest total reciprocal score as a
 * min-cost max-flow (source → project → counterpart → sink, the counterpart's edge holding its
 * slots, cost = −score) by successive shortest paths with Dijkstra on reduced costs.
 *
 * <p>The searches run over counterparts only. An unassigned project is at distance 0, so the
 * cheapest way into a counterpart from all of them is its best unassigned project, kept by a
 * pointer into a list sorted once. Going from counterpart a to counterpart j means moving one of
 * a's projects p to j; its reduced cost is π(a) − π(j) + w(p,a) − w(p,j) (the project's potential
 * cancels), so the best move a → j is kept in an m × m table and recomputed only for the
 * counterparts an augmentation changes. Each augmentation assigns one more project and may move
 * others. O(m²) per augmentation, O(n·m log n) to start; memory O(m²) for the m counterparts that
 * have slots.
 */
public final class ShortestPathAllocator implements Allocator {
  private static final long INF = Long.MAX_VALUE / 4;
  private static final int NO_MOVE = Integer.MAX_VALUE;

  @Override
  public Allocation allocate(AllocationProblem problem) {
    return new Run(problem).solve();
  }

  private static final class Run {
    private final AllocationProblem problem;
    private final int n;
    private final int stride;
    private final int[] w;

    /** The counterparts with slots, in problem order: index k here is {@code ids[k]} there. */
    private final int[] ids;

    private final int m;
    private final int[] slots;

    /** Each counterpart's acceptable projects, best first (score desc, then id). */
    private final int[][] candidates;

    private final int[] next;

    private final int[] counterpartOf;
    private final int[][] members;
    private final int[] load;

    /** Best move a → j: its cost w(p,a) − w(p,j) and its project p, by a·m + j. */
    private final int[] moveCost;

    private final int[] moveProject;

    private final long[] pi;
    private long piT;

    private final long[] dist;
    private final boolean[] done;

    /** How each counterpart was reached: an assigned project p as p, an unassigned one -1 - p. */
    private final int[] pred;

    private final int[] changed;
    private final int[] unsettled;

    Run(AllocationProblem problem) {
      this.problem = problem;
      this.n = problem.projects();
      this.stride = problem.counterparts();
      this.w = problem.score;
      this.ids = IntStream.range(0, stride).filter(j -> problem.slots(j) > 0).toArray();
      this.m = ids.length;
      if ((long) m * m > Integer.MAX_VALUE / 2)
        throw new IllegalArgumentException(
            m + " counterparts with free slots are too many for one coverage allocation");
      this.slots = new int[m];
      for (int k = 0; k < m; k++) slots[k] = Math.min(problem.slots(ids[k]), n);
      this.candidates = new int[m][];
      this.next = new int[m];
      this.counterpartOf = new int[n];
      Arrays.fill(counterpartOf, -1);
      this.members = new int[m][];
      this.load = new int[m];
      this.moveCost = new int[m * m];
      this.moveProject = new int[m * m];
      Arrays.fill(moveCost, NO_MOVE);
      this.pi = new long[m];
      this.dist = new long[m];
      this.done = new boolean[m];
      this.pred = new int[m];
      this.changed = new int[m];
      this.unsettled = new int[m];
      sortCandidates();
    }

    private int w(int p, int k) {
      return w[p * stride + ids[k]];
    }

    private void sortCandidates() {
      int[] byRank = new int[n];
      for (int p = 0; p < n; p++) byRank[problem.projectRank[p]] = p;
      long[] keys = new long[n];
      for (int k = 0; k < m; k++) {
        members[k] = new int[slots[k]];
        int c = 0;
        for (int p = 0; p < n; p++) {
          int s = w(p, k);
          if (s != AllocationProblem.NONE)
            keys[c++] = ((long) (AllocationProblem.MAX_SCORE - s) << 21) | problem.projectRank[p];
        }
        Arrays.sort(keys, 0, c);
        int[] list = new int[c];
        for (int i = 0; i < c; i++) list[i] = byRank[(int) (keys[i] & ((1 << 21) - 1))];
        candidates[k] = list;
        // The first shortest distance to k is through its best project: −best score.
        pi[k] = c == 0 ? 0 : -w(list[0], k);
        piT = Math.min(piT, pi[k]); // keeps every reduced cost k → sink non-negative
      }
    }

    Allocation solve() {
      while (augment()) {
        // one more project assigned per round
      }
      int[] out = new int[n];
      for (int p = 0; p < n; p++) out[p] = counterpartOf[p] < 0 ? -1 : ids[counterpartOf[p]];
      return new Allocation(problem, out);
    }

    /** The best unassigned project of counterpart k, or -1. */
    private int bestFree(int k) {
      int[] c = candidates[k];
      int i = next[k];
      while (i < c.length && counterpartOf[c[i]] >= 0) i++;
      next[k] = i;
      return i < c.length ? c[i] : -1;
    }

    private boolean augment() {
      for (int k = 0; k < m; k++) {
        done[k] = false;
        int p = bestFree(k);
        if (p < 0) {
          dist[k] = INF;
        } else {
          dist[k] = -w(p, k) - pi[k];
          pred[k] = -1 - p;
        }
      }
      long distT = INF;
      int predT = -1;
      // The unsettled counterparts, compacted: one pass both relaxes from the counterpart just
      // settled and finds the next nearest.
      int open = 0; // how many are unsettled
      for (int k = 0; k < m; k++) unsettled[open++] = k;
      int at = nearest(open);
      while (at >= 0) {
        int a = unsettled[at];
        long best = dist[a];
        if (best >= distT) break;
        unsettled[at] = unsettled[--open];
        done[a] = true;
        if (load[a] < slots[a]) {
          long dt = best + pi[a] - piT;
          if (dt < distT) {
            distT = dt;
            predT = a;
          }
        }
        if (load[a] == 0) {
          at = nearest(open);
          continue;
        }
        long base = best + pi[a];
        int row = a * m;
        long min = INF;
        at = -1;
        for (int i = 0; i < open; i++) {
          int k = unsettled[i];
          int c = moveCost[row + k];
          long dk = dist[k];
          if (c != NO_MOVE) {
            long d = base - pi[k] + c;
            if (d < dk) {
              dist[k] = dk = d;
              pred[k] = moveProject[row + k];
            }
          }
          if (dk < min) {
            min = dk;
            at = i;
          }
        }
      }
      if (predT < 0) return false;
      for (int k = 0; k < m; k++) pi[k] += done[k] ? Math.min(dist[k], distT) : distT;
      piT += distT;
      // Walk back: the last counterpart gains a project; each assigned project on the way moves.
      int changes = 0;
      int k = predT;
      while (true) {
        changed[changes++] = k;
        int from = pred[k];
        if (from < 0) {
          add(k, -1 - from);
          break;
        }
        int p = from;
        int a = counterpartOf[p];
        remove(a, p);
        add(k, p);
        k = a;
      }
      for (int i = 0; i < changes; i++) recomputeMoves(changed[i]);
      return true;
    }

    /**
     * Position in {@code unsettled[0..size)} of the nearest counterpart, or -1 when none is
     * reached.
     */
    private int nearest(int size) {
      long min = INF;
      int at = -1;
      for (int i = 0; i < size; i++) {
        long d = dist[unsettled[i]];
        if (d < min) {
          min = d;
          at = i;
        }
      }
      return at;
    }

    /** The best project of a to move to each other counterpart; O(load · m). */
    private void recomputeMoves(int a) {
      int row = a * m;
      Arrays.fill(moveCost, row, row + m, NO_MOVE);
      int[] mem = members[a];
      for (int i = 0; i < load[a]; i++) {
        int p = mem[i];
        int base = p * stride;
        int here = w[base + ids[a]];
        for (int k = 0; k < m; k++) {
          int s = w[base + ids[k]];
          if (s == AllocationProblem.NONE || k == a) continue;
          int c = here - s;
          int old = moveCost[row + k];
          if (c < old
              || (c == old && problem.projectRank[p] < problem.projectRank[moveProject[row + k]])) {
            moveCost[row + k] = c;
            moveProject[row + k] = p;
          }
        }
      }
    }

    private void add(int k, int p) {
      members[k][load[k]++] = p;
      counterpartOf[p] = k;
    }

    private void remove(int k, int p) {
      int[] mem = members[k];
      for (int i = 0; i < load[k]; i++) {
        if (mem[i] == p) {
          mem[i] = mem[--load[k]];
          break;
        }
      }
      counterpartOf[p] = -1;
    }
  }
}

package cn.qingdao.peipao.core.allocation;

/**
 * Among allocations of the same size and total score, the one ids settle: no unassigned project
 * could take the place of a project with a larger id that has the same score at that counterpart;
 * no project could move, at the same score, to a counterpart with a smaller id and a free slot; and
 * no two placed projects could trade counterparts at the same total so that the smaller id gets the
 * smaller id. Each exchange keeps size and total and lowers, in this order, the sum of the placed
 * projects' id ranks, the sum of their counterparts' id ranks, and minus the sum of the products of
 * the two; so repeating them ends. O(E · slots) per pass; ties are rare, so passes are few. A
 * cohort so tied that {@link #MAX_PASSES} passes do not settle it keeps what is left: as good an
 * allocation, less canonical. Beyond these rules, which of several equally good allocations comes
 * out depends on the input's order (deterministic for a given problem).
 */
final class TieRules {
  /**
   * Passes before giving up: ties from real scores (in millionths) settle in one or two, but a
   * cohort where hundreds of projects tie with hundreds of counterparts could take thousands.
   */
  static final int MAX_PASSES = 8;

  private final AllocationProblem problem;

  /** Passes the last {@link #settle} made. */
  int passes;

  private final int[] ids;
  private final int[] slots;
  private final int[] start;
  private final int[] to;
  private final int stride;

  TieRules(AllocationProblem problem, int[] ids, int[] slots, int[] start, int[] to) {
    this.problem = problem;
    this.ids = ids;
    this.slots = slots;
    this.start = start;
    this.to = to;
    this.stride = problem.counterparts();
  }

  /** Rewrites {@code counterpartOf} (problem indices, -1 unassigned) in place. */
  void settle(int[] counterpartOf) {
    int n = counterpartOf.length;
    int m = ids.length;
    int[] kOf = new int[stride];
    java.util.Arrays.fill(kOf, -1);
    for (int k = 0; k < m; k++) kOf[ids[k]] = k;
    int[][] members = new int[m][];
    int[] load = new int[m];
    for (int k = 0; k < m; k++) members[k] = new int[slots[k]];
    for (int p = 0; p < n; p++) {
      int j = counterpartOf[p];
      if (j >= 0) members[kOf[j]][load[kOf[j]]++] = p;
    }
    int[] rank = problem.projectRank;
    int[] cRank = problem.counterpartRank;
    int[] byRank = new int[n];
    for (int p = 0; p < n; p++) byRank[rank[p]] = p;
    boolean changed = true;
    for (passes = 0; changed && passes < MAX_PASSES; passes++) {
      changed = false;
      for (int r = 0; r < n; r++) {
        int p = byRank[r];
        int j = counterpartOf[p];
        if (j < 0) continue;
        int here = score(p, j);
        int best = kOf[j];
        for (int e = start[p]; e < start[p + 1]; e++) {
          int k = to[e];
          if (load[k] < slots[k] && cRank[ids[k]] < cRank[ids[best]] && score(p, ids[k]) == here)
            best = k;
        }
        if (best != kOf[j]) {
          remove(members, load, kOf[j], p);
          members[best][load[best]++] = p;
          counterpartOf[p] = ids[best];
          changed = true;
        }
      }
      // smallest ids first, each taking the smallest-id counterpart it can trade into (from the
      // largest id there): one pass sorts most of a tied block, as selection sort would
      for (int r = 0; r < n; r++) {
        int p = byRank[r];
        int j = counterpartOf[p];
        if (j < 0) continue;
        int a = kOf[j];
        int here = score(p, j);
        int toB = -1;
        int at = -1;
        for (int e = start[p]; e < start[p + 1]; e++) {
          int b = to[e];
          if (cRank[ids[b]] >= cRank[j] || (toB >= 0 && cRank[ids[b]] > cRank[ids[toB]])) continue;
          int there = score(p, ids[b]);
          for (int i = 0; i < load[b]; i++) {
            int q = members[b][i];
            int qHere = score(q, j);
            if (rank[q] < rank[p] || qHere < 0 || there + qHere != here + score(q, ids[b]))
              continue;
            if (toB != b || rank[q] > rank[members[b][at]]) {
              toB = b;
              at = i;
            }
          }
        }
        if (toB >= 0) {
          int q = members[toB][at];
          members[toB][at] = p;
          remove(members, load, a, p);
          members[a][load[a]++] = q;
          counterpartOf[p] = ids[toB];
          counterpartOf[q] = j;
          changed = true;
        }
      }
      for (int r = 0; r < n; r++) {
        int q = byRank[r];
        if (counterpartOf[q] >= 0) continue;
        int out = -1;
        int at = -1;
        for (int e = start[q]; e < start[q + 1]; e++) {
          int k = to[e];
          int s = score(q, ids[k]);
          for (int i = 0; i < load[k]; i++) {
            int p = members[k][i];
            if (rank[p] > rank[q] && score(p, ids[k]) == s && (out < 0 || rank[p] > rank[out])) {
              out = p;
              at = k;
            }
          }
        }
        if (out >= 0) {
          remove(members, load, at, out);
          members[at][load[at]++] = q;
          counterpartOf[out] = -1;
          counterpartOf[q] = ids[at];
          changed = true;
        }
      }
    }
  }

  private int score(int p, int j) {
    return problem.score[p * stride + j];
  }

  private static void remove(int[][] members, int[] load, int k, int p) {
    int[] mem = members[k];
    for (int i = 0; i < load[k]; i++) {
      if (mem[i] == p) {
        mem[i] = mem[--load[k]];
        return;
      }
    }
  }
}

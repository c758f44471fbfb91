package cn.qingdao.peipao.core.allocation;

import cn.qingdao.peipao.core.util.LongHeap;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Deferred acceptance with capacities, projects proposing (Gale–Shapley, hospitals/residents): each
 * free project proposes to its best counterpart not yet tried; a counterpart keeps the projects it
 * prefers up to its slots and turns the worst away. The result has no blocking pair and is the
 * stable allocation every project likes best. Preferences are each side's own view (ties by the
 * reciprocal score, then id). O(P log m) for P proposals after O(n·m) to read the pairs.
 */
public final class StableAllocator implements Allocator {
  private static final long RANK_MASK = (1L << 21) - 1;

  @Override
  public Allocation allocate(AllocationProblem problem) {
    int n = problem.projects();
    int m = problem.counterparts();
    int[] byRank = new int[n];
    for (int p = 0; p < n; p++) byRank[problem.projectRank[p]] = p;
    int[] byCounterpartRank = new int[m];
    for (int j = 0; j < m; j++) byCounterpartRank[problem.counterpartRank[j]] = j;

    // Each project's acceptable counterparts as a min-heap of preference keys, popped on demand.
    long[][] choices = new long[n][];
    int[] choicesLeft = new int[n];
    // Each counterpart's held projects as a max-heap of its keys: the worst held on top.
    long[][] held = new long[m][];
    int[] heldSize = new int[m];
    for (int j = 0; j < m; j++) held[j] = new long[Math.min(problem.slots(j), n)];

    int[] counterpartOf = new int[n];
    Arrays.fill(counterpartOf, -1);
    ArrayDeque<Integer> free = new ArrayDeque<>();
    for (int r = 0; r < n; r++) free.add(byRank[r]);
    while (!free.isEmpty()) {
      int p = free.poll();
      if (choices[p] == null) {
        choices[p] = choicesOf(problem, p, m);
        choicesLeft[p] = choices[p].length;
        LongHeap.heapify(choices[p], choicesLeft[p]);
      }
      while (choicesLeft[p] > 0) {
        long best = choices[p][0];
        choicesLeft[p] = LongHeap.pop(choices[p], choicesLeft[p]);
        int j = byCounterpartRank[(int) (best & RANK_MASK)];
        long key = problem.counterpartKey(p, j);
        long[] h = held[j];
        if (heldSize[j] < h.length) {
          heldSize[j] = LongHeap.pushMax(h, heldSize[j], key);
          counterpartOf[p] = j;
          break;
        }
        if (h.length > 0 && key < h[0]) {
          int rejected = byRank[(int) (h[0] & RANK_MASK)];
          LongHeap.replaceTopMax(h, heldSize[j], key);
          counterpartOf[rejected] = -1;
          counterpartOf[p] = j;
          free.addFirst(rejected);
          break;
        }
      }
    }
    return new Allocation(problem, counterpartOf);
  }

  private static long[] choicesOf(AllocationProblem problem, int p, int m) {
    int k = 0;
    for (int j = 0; j < m; j++) if (problem.acceptable(p, j) && problem.slots(j) > 0) k++;
    long[] out = new long[k];
    k = 0;
    for (int j = 0; j < m; j++)
      if (problem.acceptable(p, j) && problem.slots(j) > 0) out[k++] = problem.projectKey(p, j);
    return out;
  }
}

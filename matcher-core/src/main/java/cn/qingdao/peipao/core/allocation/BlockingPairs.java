package cn.qingdao.peipao.core.allocation;

import java.util.Arrays;

/**
 * Counts the blocking pairs of an allocation: an acceptable (project, counterpart) pair where the
 * project is unassigned or prefers the counterpart to its own, and the counterpart has a free slot
 * or prefers the project to one it holds. A stable allocation has none. O(n·m).
 */
public final class BlockingPairs {
  private BlockingPairs() {}

  public static long count(Allocation a) {
    AllocationProblem problem = a.problem();
    int n = problem.projects();
    int m = problem.counterparts();
    // The project each counterpart likes least among those it holds.
    int[] worst = new int[m];
    Arrays.fill(worst, -1);
    for (int p = 0; p < n; p++) {
      int j = a.counterpartOf(p);
      if (j >= 0 && (worst[j] < 0 || problem.counterpartPrefers(j, worst[j], p))) worst[j] = p;
    }
    long blocking = 0;
    for (int p = 0; p < n; p++) {
      int own = a.counterpartOf(p);
      for (int j = 0; j < m; j++) {
        if (j == own || !problem.acceptable(p, j) || problem.slots(j) == 0) continue;
        if (own >= 0 && !problem.projectPrefers(p, j, own)) continue;
        boolean room = a.load(j) < problem.slots(j);
        if (room || problem.counterpartPrefers(j, p, worst[j])) blocking++;
      }
    }
    return blocking;
  }
}

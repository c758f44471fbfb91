package cn.qingdao.peipao.core.allocation;

import java.util.Arrays;

/**
 * The outcome of an allocation: the counterpart of each project ({@code -1} when unassigned) and
 * the load of each counterpart. Immutable.
 */
public final class Allocation {
  private final AllocationProblem problem;
  private final int[] counterpartOf;
  private final int[] load;

  Allocation(AllocationProblem problem, int[] counterpartOf) {
    this.problem = problem;
    this.counterpartOf = counterpartOf.clone();
    this.load = new int[problem.counterparts()];
    for (int p = 0; p < counterpartOf.length; p++) {
      int j = counterpartOf[p];
      if (j < 0) continue;
      if (!problem.acceptable(p, j))
        throw new IllegalStateException(
            "assigned an unacceptable pair (" + problem.projectId(p) + ", " + j + ")");
      load[j]++;
    }
    for (int j = 0; j < load.length; j++) {
      if (load[j] > problem.slots(j))
        throw new IllegalStateException(
            problem.counterpartId(j) + " got " + load[j] + " projects for " + problem.slots(j));
    }
  }

  /**
   * An allocation made elsewhere (e.g. a baseline), checked like the allocators' own.
   *
   * @throws IllegalStateException when it uses an unacceptable pair or exceeds a counterpart's
   *     slots
   */
  public static Allocation of(AllocationProblem problem, int[] counterpartOf) {
    if (counterpartOf.length != problem.projects())
      throw new IllegalArgumentException(
          counterpartOf.length + " choices for " + problem.projects() + " projects");
    return new Allocation(problem, counterpartOf);
  }

  public AllocationProblem problem() {
    return problem;
  }

  /** The counterpart index of project {@code p}, or -1 when it is unassigned. */
  public int counterpartOf(int p) {
    return counterpartOf[p];
  }

  /** How many projects counterpart {@code j} received. */
  public int load(int j) {
    return load[j];
  }

  public int assigned() {
    int k = 0;
    for (int j : counterpartOf) if (j >= 0) k++;
    return k;
  }

  /** The sum of the reciprocal scores of the assigned pairs, in score units (1e-6). */
  public long totalUnits() {
    long total = 0;
    for (int p = 0; p < counterpartOf.length; p++) {
      int j = counterpartOf[p];
      if (j >= 0) total += problem.score[p * problem.counterparts() + j];
    }
    return total;
  }

  /** The sum of the reciprocal scores of the assigned pairs. */
  public double totalScore() {
    return totalUnits() * AllocationProblem.UNIT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Allocation a
        && a.problem == problem
        && Arrays.equals(a.counterpartOf, counterpartOf);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counterpartOf);
  }
}

package cn.qingdao.peipao.core.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hand-built allocations with obvious answers, and properties over seeded random instances. */
class AllocationTest {
  private static final StableAllocator STABLE = new StableAllocator();
  private static final CoverageAllocator COVERAGE = new CoverageAllocator();

  private static List<String> ids(String prefix, int k) {
    return IntStream.range(0, k).mapToObj(i -> prefix + String.format("%03d", i)).toList();
  }

  /** Both views equal to the score: preferences follow the reciprocal score. */
  private static AllocationProblem symmetric(double[][] scores, int... slots) {
    var b = AllocationProblem.builder(ids("p", scores.length), ids("m", slots.length), slots);
    for (int p = 0; p < scores.length; p++)
      for (int j = 0; j < slots.length; j++)
        if (!Double.isNaN(scores[p][j])) b.accept(p, j, scores[p][j], scores[p][j], scores[p][j]);
    return b.build();
  }

  private static int[] outcome(Allocation a) {
    return IntStream.range(0, a.problem().projects()).map(a::counterpartOf).toArray();
  }

  @Test
  void stableGivesTheStarMentorToItsFavouriteAndCoverageServesEveryone() {
    double x = Double.NaN;
    // p0 fits only m0; p1 fits m0 best but m1 too. Top-1 for everyone overloads m0.
    AllocationProblem problem = symmetric(new double[][] {{0.6, x}, {0.9, 0.5}}, 1, 1);
    assertEquals(List.of(-1, 0), Arrays.stream(outcome(STABLE.allocate(problem))).boxed().toList());
    Allocation cover = COVERAGE.allocate(problem);
    assertEquals(List.of(0, 1), Arrays.stream(outcome(cover)).boxed().toList());
    assertEquals(1.1, cover.totalScore(), 1e-9);
    assertEquals(1, BlockingPairs.count(cover), "p1 and m0 would both rather have each other");
    assertEquals(0, BlockingPairs.count(STABLE.allocate(problem)));
  }

  @Test
  void stableFollowsEachSidesOwnView() {
    // Both projects like m0 best; m0 prefers p1 by its own view although p0's score is higher.
    var b = AllocationProblem.builder(ids("p", 2), ids("m", 2), new int[] {1, 1});
    b.accept(0, 0, 0.8, 0.9, 0.3).accept(0, 1, 0.5, 0.5, 0.5);
    b.accept(1, 0, 0.7, 0.9, 0.6).accept(1, 1, 0.4, 0.4, 0.4);
    AllocationProblem problem = b.build();
    assertEquals(List.of(1, 0), Arrays.stream(outcome(STABLE.allocate(problem))).boxed().toList());
    // Coverage maximises the total reciprocal score instead: 0.8 + 0.4 beats 0.5 + 0.7.
    assertEquals(
        List.of(0, 1), Arrays.stream(outcome(COVERAGE.allocate(problem))).boxed().toList());
  }

  @Test
  void edgeCasesAreWellDefined() {
    double x = Double.NaN;
    // zero capacity: nobody goes there
    AllocationProblem zero = symmetric(new double[][] {{0.9, 0.1}}, 0, 1);
    assertEquals(1, STABLE.allocate(zero).counterpartOf(0));
    assertEquals(1, COVERAGE.allocate(zero).counterpartOf(0));
    // empty preference list
    AllocationProblem empty = symmetric(new double[][] {{x, x}, {0.5, x}}, 2, 2);
    assertEquals(-1, STABLE.allocate(empty).counterpartOf(0));
    assertEquals(-1, COVERAGE.allocate(empty).counterpartOf(0));
    assertEquals(0, COVERAGE.allocate(empty).counterpartOf(1));
    // no projects, no counterparts
    assertEquals(0, STABLE.allocate(symmetric(new double[0][], 3)).assigned());
    assertEquals(0, COVERAGE.allocate(symmetric(new double[0][], 3)).assigned());
    assertEquals(0, STABLE.allocate(symmetric(new double[][] {{}, {}})).assigned());
    assertEquals(0, COVERAGE.allocate(symmetric(new double[][] {{}, {}})).assigned());
    // more projects than slots, all tied: the smaller ids win, the mentor takes them in id order
    AllocationProblem tied = symmetric(new double[][] {{0.5}, {0.5}, {0.5}}, 2);
    assertEquals(List.of(0, 0, -1), Arrays.stream(outcome(STABLE.allocate(tied))).boxed().toList());
    assertEquals(
        List.of(0, 0, -1), Arrays.stream(outcome(COVERAGE.allocate(tied))).boxed().toList());
    // a project tied between two mentors takes the smaller id
    AllocationProblem between = symmetric(new double[][] {{0.5, 0.5}}, 1, 1);
    assertEquals(0, STABLE.allocate(between).counterpartOf(0));
    assertEquals(0, COVERAGE.allocate(between).counterpartOf(0));
  }

  @Test
  void badInputIsRefusedWithTheReason() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AllocationProblem.builder(List.of("p"), List.of("m"), new int[] {-1}));
    assertTrue(e.getMessage().contains("m has -1 slots"), e.getMessage());
    var b = AllocationProblem.builder(List.of("p"), List.of("m"), new int[] {1});
    e = assertThrows(IllegalArgumentException.class, () -> b.accept(0, 0, 1.2, 0.5, 0.5));
    assertTrue(e.getMessage().contains("score must be in [0,1]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AllocationProblem.builder(List.of("p", "p"), List.of("m"), new int[] {1}));
    assertTrue(e.getMessage().contains("duplicate project ids"), e.getMessage());
  }

  /** A random instance; coarse scores make ties common. */
  private static AllocationProblem random(
      Random r, int n, int m, List<Integer> projectOrder, List<Integer> counterpartOrder) {
    int[] slots = new int[m];
    for (int j = 0; j < m; j++) slots[j] = r.nextInt(4);
    double density = new double[] {0.3, 0.7, 1.0}[r.nextInt(3)];
    boolean coarse = r.nextBoolean();
    double[][][] v = new double[n][m][];
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < m; j++) {
        if (r.nextDouble() >= density) continue;
        v[p][j] = new double[3];
        for (int k = 0; k < 3; k++)
          v[p][j][k] = coarse ? r.nextInt(5) / 4.0 : Math.round(r.nextDouble() * 1e6) / 1e6;
      }
    }
    List<String> ps = ids("p", n);
    List<String> cs = ids("m", m);
    var b =
        AllocationProblem.builder(
            projectOrder.stream().map(ps::get).toList(),
            counterpartOrder.stream().map(cs::get).toList(),
            counterpartOrder.stream().mapToInt(j -> slots[j]).toArray());
    for (int pi = 0; pi < n; pi++) {
      for (int ji = 0; ji < m; ji++) {
        double[] s = v[projectOrder.get(pi)][counterpartOrder.get(ji)];
        if (s != null) b.accept(pi, ji, s[0], s[1], s[2]);
      }
    }
    return b.build();
  }

  private static List<Integer> identity(int k) {
    return IntStream.range(0, k).boxed().toList();
  }

  /** The (project id → counterpart id) pairs of an allocation. */
  private static List<String> pairs(Allocation a) {
    List<String> out = new ArrayList<>();
    AllocationProblem pr = a.problem();
    for (int p = 0; p < pr.projects(); p++) {
      int j = a.counterpartOf(p);
      out.add(pr.projectId(p) + "→" + (j < 0 ? "-" : pr.counterpartId(j)));
    }
    Collections.sort(out);
    return out;
  }

  @Test
  void propertiesHoldOnThousandsOfSeededInstances() {
    Random r = new Random(20261121);
    for (int round = 0; round < 3000; round++) {
      int n = r.nextInt(41);
      int m = r.nextInt(9);
      long seed = r.nextLong();
      AllocationProblem problem = random(new Random(seed), n, m, identity(n), identity(m));
      Allocation stable = STABLE.allocate(problem);
      Allocation cover = COVERAGE.allocate(problem);
      String at = "round " + round + " (n=" + n + ", m=" + m + ")";
      for (Allocation a : List.of(stable, cover)) {
        for (int j = 0; j < m; j++) assertTrue(a.load(j) <= problem.slots(j), at);
        for (int p = 0; p < n; p++) {
          int j = a.counterpartOf(p);
          assertTrue(j < 0 || problem.acceptable(p, j), at);
        }
      }
      assertEquals(0, naiveBlockingPairs(stable), at);
      assertEquals(BlockingPairs.count(cover), naiveBlockingPairs(cover), at);
      assertTrue(cover.assigned() >= stable.assigned(), at);
      if (cover.assigned() == stable.assigned())
        assertTrue(cover.totalUnits() >= stable.totalUnits(), at);
      assertOptimal(cover, at);
      // deterministic, and the stable outcome does not depend on the order of the input
      assertEquals(stable, STABLE.allocate(problem), at);
      assertEquals(cover, COVERAGE.allocate(problem), at);
      List<Integer> po = new ArrayList<>(identity(n));
      List<Integer> co = new ArrayList<>(identity(m));
      Collections.shuffle(po, new Random(round));
      Collections.shuffle(co, new Random(round + 1));
      AllocationProblem shuffled = random(new Random(seed), n, m, po, co);
      assertEquals(pairs(stable), pairs(STABLE.allocate(shuffled)), at);
      Allocation coverShuffled = COVERAGE.allocate(shuffled);
      assertEquals(cover.assigned(), coverShuffled.assigned(), at);
      assertEquals(cover.totalUnits(), coverShuffled.totalUnits(), at);
    }
  }

  @Test
  void coverageEqualsBruteForceOnSmallInstances() {
    Random r = new Random(7);
    for (int round = 0; round < 600; round++) {
      int n = r.nextInt(8);
      int m = r.nextInt(4);
      AllocationProblem problem = random(r, n, m, identity(n), identity(m));
      long[] best = {0, 0}; // assigned, total units
      bruteForce(problem, 0, new int[m], 0, 0, best);
      Allocation cover = COVERAGE.allocate(problem);
      String at = "round " + round;
      assertEquals(best[0], cover.assigned(), at);
      assertEquals(best[1], cover.totalUnits(), at);
    }
  }

  private static void bruteForce(
      AllocationProblem pr, int p, int[] load, int assigned, long units, long[] best) {
    if (p == pr.projects()) {
      if (assigned > best[0] || (assigned == best[0] && units > best[1])) {
        best[0] = assigned;
        best[1] = units;
      }
      return;
    }
    bruteForce(pr, p + 1, load, assigned, units, best);
    for (int j = 0; j < pr.counterparts(); j++) {
      if (!pr.acceptable(p, j) || load[j] >= pr.slots(j)) continue;
      load[j]++;
      long u = Math.round(pr.score(p, j) / AllocationProblem.UNIT);
      bruteForce(pr, p + 1, load, assigned + 1, units + u, best);
      load[j]--;
    }
  }

  /** Blocking pairs straight from the definition, against every held project. */
  private static long naiveBlockingPairs(Allocation a) {
    AllocationProblem pr = a.problem();
    long count = 0;
    for (int p = 0; p < pr.projects(); p++) {
      for (int j = 0; j < pr.counterparts(); j++) {
        int own = a.counterpartOf(p);
        if (own == j || !pr.acceptable(p, j) || pr.slots(j) == 0) continue;
        if (own >= 0 && !pr.projectPrefers(p, j, own)) continue;
        boolean wants = a.load(j) < pr.slots(j);
        for (int q = 0; q < pr.projects() && !wants; q++)
          wants = a.counterpartOf(q) == j && pr.counterpartPrefers(j, p, q);
        if (wants) count++;
      }
    }
    return count;
  }

  /**
   * Proof of a min-cost max-flow: the residual graph has no source–sink path (no larger allocation)
   * and no negative cycle (no better one of the same size), by Bellman–Ford.
   */
  private static void assertOptimal(Allocation a, String at) {
    AllocationProblem pr = a.problem();
    int n = pr.projects();
    int m = pr.counterparts();
    int s = n + m;
    int t = s + 1;
    List<long[]> edges = new ArrayList<>(); // from, to, cost
    for (int p = 0; p < n; p++) {
      int own = a.counterpartOf(p);
      edges.add(own < 0 ? new long[] {s, p, 0} : new long[] {p, s, 0});
      for (int j = 0; j < m; j++) {
        if (!pr.acceptable(p, j) || pr.slots(j) == 0) continue;
        long u = Math.round(pr.score(p, j) / AllocationProblem.UNIT);
        edges.add(own == j ? new long[] {n + j, p, u} : new long[] {p, n + j, -u});
      }
    }
    for (int j = 0; j < m; j++) {
      if (a.load(j) < pr.slots(j)) edges.add(new long[] {n + j, t, 0});
      if (a.load(j) > 0) edges.add(new long[] {t, n + j, 0});
    }
    // reachability of t from s
    boolean[] seen = new boolean[t + 1];
    seen[s] = true;
    for (boolean changed = true; changed; ) {
      changed = false;
      for (long[] e : edges) {
        if (seen[(int) e[0]] && !seen[(int) e[1]]) {
          seen[(int) e[1]] = true;
          changed = true;
        }
      }
    }
    assertTrue(!seen[t], at + ": a larger allocation exists");
    long[] dist = new long[t + 1];
    for (int round = 0; round <= t + 1; round++) {
      boolean changed = false;
      for (long[] e : edges) {
        if (dist[(int) e[0]] + e[2] < dist[(int) e[1]]) {
          dist[(int) e[1]] = dist[(int) e[0]] + e[2];
          changed = true;
        }
      }
      if (!changed) return;
    }
    throw new AssertionError(at + ": a negative cycle: a better allocation of the same size");
  }
}

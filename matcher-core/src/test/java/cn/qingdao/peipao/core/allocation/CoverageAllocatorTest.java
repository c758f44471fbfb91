package cn.qingdao.peipao.core.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The auction against the successive-shortest-paths reference on seeded instances of every shape
 * (more slots than projects and fewer, sparse and dense, coarse scores full of ties), the tie rules
 * over their outcomes, and a largest allocation only a long augmenting path reaches.
 */
class CoverageAllocatorTest {
  private static final CoverageAllocator COVERAGE = new CoverageAllocator();
  private static final ShortestPathAllocator REFERENCE = new ShortestPathAllocator();

  /** An auction that runs out at once unless a phase needs almost no bids: the fallback answers. */
  private static final CoverageAllocator STARVED = new CoverageAllocator(new AuctionAllocator(0));

  /** Ids are numbered in reverse of the indices, so id order and index order disagree. */
  private static AllocationProblem random(Random r, int n, int m) {
    int maxSlots = new int[] {1, 3, 12, 40}[r.nextInt(4)];
    int[] slots = new int[m];
    for (int j = 0; j < m; j++) slots[j] = r.nextInt(maxSlots + 1);
    double density = new double[] {0.05, 0.3, 0.7, 1.0}[r.nextInt(4)];
    int levels = new int[] {3, 20, 1_000_000}[r.nextInt(3)];
    var b =
        AllocationProblem.builder(
            IntStream.range(0, n).mapToObj(i -> String.format("p%04d", n - i)).toList(),
            IntStream.range(0, m).mapToObj(i -> String.format("m%04d", m - i)).toList(),
            slots);
    for (int p = 0; p < n; p++) {
      for (int j = 0; j < m; j++) {
        if (r.nextDouble() >= density) continue;
        double s = r.nextInt(levels + 1) / (double) levels;
        b.accept(p, j, s, r.nextDouble(), r.nextDouble());
      }
    }
    return b.build();
  }

  @Test
  void sameSizeAndTotalAsTheReferenceOnSeededInstances() {
    Random r = new Random(20261130);
    for (int round = 0; round < 2500; round++) {
      boolean large = round % 100 == 0;
      int n = large ? 300 + r.nextInt(300) : r.nextInt(80);
      int m = large ? 20 + r.nextInt(40) : r.nextInt(14);
      AllocationProblem problem = random(r, n, m);
      Allocation ours = COVERAGE.allocate(problem);
      Allocation reference = REFERENCE.allocate(problem);
      String at = "round " + round + " (n=" + n + ", m=" + m + ")";
      assertEquals(reference.assigned(), ours.assigned(), at);
      assertEquals(reference.totalUnits(), ours.totalUnits(), at);
      assertEquals(ours, COVERAGE.allocate(problem), at);
      assertTiesSettled(ours, at);
      Allocation fallback = STARVED.allocate(problem);
      assertEquals(reference.totalUnits(), fallback.totalUnits(), at);
      assertTiesSettled(fallback, at);
    }
  }

  /** Everything tied: the smallest ids are placed, and in id order. */
  @Test
  void aCohortTiedEverywhereIsSettledById() {
    int n = 200;
    int m = 20;
    var b =
        AllocationProblem.builder(
            IntStream.range(0, n).mapToObj(i -> String.format("p%04d", n - i)).toList(),
            IntStream.range(0, m).mapToObj(i -> String.format("m%04d", m - i)).toList(),
            IntStream.range(0, m).map(i -> 5).toArray());
    for (int p = 0; p < n; p++) for (int j = 0; j < m; j++) b.accept(p, j, 0.5, 0.5, 0.5);
    Allocation a = COVERAGE.allocate(b.build());
    assertEquals(100, a.assigned());
    assertTiesSettled(a, "all tied");
    for (int p = 0; p < n; p++) {
      int id = n - p; // p0001 is the last index
      int j = a.counterpartOf(p);
      if (id > 100) assertEquals(-1, j, "p" + id);
      else assertEquals(String.format("m%04d", (id - 1) / 5 + 1), a.problem().counterpartId(j));
    }
  }

  /** No exchange the tie rules forbid is open: an equal-score swap or move that ids prefer. */
  private static void assertTiesSettled(Allocation a, String at) {
    AllocationProblem pr = a.problem();
    for (int p = 0; p < pr.projects(); p++) {
      int own = a.counterpartOf(p);
      for (int j = 0; j < pr.counterparts(); j++) {
        if (!pr.acceptable(p, j)) continue;
        if (own < 0) {
          for (int q = 0; q < pr.projects(); q++) {
            if (a.counterpartOf(q) == j && pr.score(q, j) == pr.score(p, j))
              assertTrue(
                  pr.projectId(q).compareTo(pr.projectId(p)) < 0,
                  at + ": unassigned " + pr.projectId(p) + " should replace " + pr.projectId(q));
          }
        } else if (j != own && a.load(j) < pr.slots(j) && pr.score(p, j) == pr.score(p, own)) {
          assertTrue(
              pr.counterpartId(j).compareTo(pr.counterpartId(own)) > 0,
              at + ": " + pr.projectId(p) + " should move to " + pr.counterpartId(j));
        } else if (j != own) {
          for (int q = 0; q < pr.projects(); q++) {
            if (a.counterpartOf(q) != j || !pr.acceptable(q, own)) continue;
            boolean same = unitsEqual(pr, p, j, q, own);
            boolean idsPrefer =
                (pr.projectId(p).compareTo(pr.projectId(q)) < 0)
                    == (pr.counterpartId(j).compareTo(pr.counterpartId(own)) < 0);
            assertTrue(
                !same || !idsPrefer,
                at + ": " + pr.projectId(p) + " and " + pr.projectId(q) + " should trade");
          }
        }
      }
    }
  }

  /** Whether p at j and q at own total what p at own and q at j do, in exact score units. */
  private static boolean unitsEqual(AllocationProblem pr, int p, int j, int q, int own) {
    return pr.score[p * pr.counterparts() + j] + pr.score[q * pr.counterparts() + own]
        == pr.score[p * pr.counterparts() + own] + pr.score[q * pr.counterparts() + j];
  }

  /**
   * Project i may go to counterparts i and i + 1, the last only to counterpart 0, one slot each:
   * taking the first free counterpart places all but the last, and only the augmenting path through
   * all of them places everyone.
   */
  @Test
  void aLongAugmentingPathIsFound() {
    int n = 3000;
    var b =
        AllocationProblem.builder(
            IntStream.range(0, n).mapToObj(i -> String.format("p%05d", i)).toList(),
            IntStream.range(0, n).mapToObj(i -> String.format("m%05d", i)).toList(),
            IntStream.range(0, n).map(i -> 1).toArray());
    for (int i = 0; i < n - 1; i++) {
      b.accept(i, i, 0.9, 0.5, 0.5);
      b.accept(i, i + 1, 0.2, 0.5, 0.5);
    }
    b.accept(n - 1, 0, 0.1, 0.5, 0.5);
    AllocationProblem problem = b.build();
    int[] start = new int[n + 1];
    int[] to = new int[2 * n - 1];
    for (int i = 0, e = 0; i < n; i++) {
      if (i < n - 1) {
        to[e++] = i;
        to[e++] = i + 1;
      } else {
        to[e++] = 0;
      }
      start[i + 1] = e;
    }
    int[] one = IntStream.range(0, n).map(i -> 1).toArray();
    assertEquals(n, new MaxCardinality(start, to, one).solve());
    assertEquals(n - 1, new MaxCardinality(start, to, one).solveGreedyOnly());
    Allocation a = COVERAGE.allocate(problem);
    assertEquals(n, a.assigned());
    assertEquals(a.totalUnits(), REFERENCE.allocate(problem).totalUnits());
    for (int i = 0; i < n - 1; i++) assertEquals(i + 1, a.counterpartOf(i));
    assertEquals(0, a.counterpartOf(n - 1));
  }
}

package cn.qingdao.peipao.core.allocation;

import java.util.stream.IntStream;

/**
 * The largest allocation, and among the largest the one with the highest total reciprocal score, by
 * an {@link AuctionAllocator auction}; among the allocations that tie on both, {@link TieRules}
 * settle it by id. Cost about O(E · log(max score · n)) for the E acceptable pairs and O(n·m) to
 * read them; memory O(E). {@link ShortestPathAllocator} gives the same size and total by another
 * algorithm, and answers when the auction runs out of its budget of bids.
 */
public final class CoverageAllocator implements Allocator {
  private final AuctionAllocator auction;

  public CoverageAllocator() {
    this(new AuctionAllocator());
  }

  /** With this auction: tests give one a tiny budget of bids to see the fallback answer. */
  CoverageAllocator(AuctionAllocator auction) {
    this.auction = auction;
  }

  @Override
  public Allocation allocate(AllocationProblem problem) {
    int n = problem.projects();
    int stride = problem.counterparts();
    // Slots beyond a counterpart's acceptable projects are never used: left in, each would be an
    // object of the auction with a filler to leave it empty (10,000 slots each at 1 % density took
    // 78 s against 0.9 s). Counterparts left with none take no part.
    int[] acceptable = new int[stride];
    for (int p = 0; p < n; p++)
      for (int j = 0; j < stride; j++) if (problem.score[p * stride + j] >= 0) acceptable[j]++;
    int[] ids =
        IntStream.range(0, stride)
            .filter(j -> Math.min(problem.slots(j), acceptable[j]) > 0)
            .toArray();
    int m = ids.length;
    int[] slots = new int[m];
    for (int k = 0; k < m; k++) slots[k] = Math.min(problem.slots(ids[k]), acceptable[ids[k]]);
    int[] start = new int[n + 1];
    int edges = 0;
    for (int p = 0; p < n; p++) {
      for (int k = 0; k < m; k++) if (problem.score[p * stride + ids[k]] >= 0) edges++;
      start[p + 1] = edges;
    }
    int[] to = new int[edges];
    for (int p = 0, e = 0; p < n; p++)
      for (int k = 0; k < m; k++) if (problem.score[p * stride + ids[k]] >= 0) to[e++] = k;
    int[] counterpartOf =
        auction
            .allocate(problem, ids, slots, start, to)
            .orElseGet(() -> reference(problem)); // an auction out of bids: exact, only slower
    new TieRules(problem, ids, slots, start, to).settle(counterpartOf);
    return new Allocation(problem, counterpartOf);
  }

  private static int[] reference(AllocationProblem problem) {
    Allocation a = new ShortestPathAllocator().allocate(problem);
    return IntStream.range(0, problem.projects()).map(a::counterpartOf).toArray();
  }
}

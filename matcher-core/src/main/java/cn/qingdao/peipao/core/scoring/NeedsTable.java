package cn.qingdao.peipao.core.scoring;

/**
 * One view's weighted {@code needs} value of a candidate by its service mask, and the largest value
 * of any candidate whose mask lies within a block's OR, for one request. A project subject's value
 * depends only on how many of its needs the candidate offers, so it is a table by that count (a few
 * entries per request instead of one per mask, and its block bound a prefix maximum instead of a
 * pass over every mask's submasks); other subjects keep the table by mask. Values are the bits
 * {@link PairScorer.Context#needsValue} times the weight gives. O(service bits) to build for a
 * project subject, O(2ⁿ) otherwise; every lookup O(1).
 */
final class NeedsTable {
  /** The subject's needs (project subject), or 0; a candidate's count is of {@code mask & it}. */
  private final int needs;

  /** Weighted value by count of needs offered (project subject), else null. */
  private final double[] byCount;

  /**
   * The largest of 0 and the values of counts up to c ({@code [0][c]}), or from 1 up to c ({@code
   * [1][c]}): a block's bound when some member's mask may lie outside the needs, or none can.
   */
  private final double[][] prefixMax;

  /** Weighted value by mask (other subjects), else null. */
  private final double[] byMask;

  /** {@link PruningBounds#submaskMax} of {@link #byMask}, built on first use. */
  private double[] blockByMask;

  private final int masks;

  private NeedsTable(int needs, double[] byCount, double[] byMask, int masks) {
    this.needs = needs;
    this.byCount = byCount;
    this.byMask = byMask;
    this.masks = masks;
    if (byCount == null) {
      prefixMax = null;
      return;
    }
    prefixMax = new double[2][byCount.length];
    for (int from = 0; from < 2; from++) {
      double best = 0; // submaskMax's out[0]: every bound is at least 0
      for (int c = 0; c < byCount.length; c++) {
        if (c >= from && byCount[c] > best) best = byCount[c];
        prefixMax[from][c] = best;
      }
    }
  }

  /**
   * The table of one view: {@code weight} (0 when needs are not {@code used}) times the needs value
   * of {@code ctx}, for a subject with features {@code subject}.
   */
  static NeedsTable of(
      PairScorer.Context ctx,
      Features subject,
      boolean projectSubject,
      double weight,
      boolean used) {
    int bits = ctx.fx().serviceBits();
    int masks = 1 << bits;
    if (projectSubject) {
      // needsValue(needs, m) = bitCount(needs & m) / bitCount(needs), or neutral without needs
      int needs = subject.services;
      double[] byCount = new double[Integer.bitCount(needs) + 1];
      for (int c = 0; c < byCount.length; c++) {
        // the same arithmetic as needsValue on a mask offering c of the needs
        double v = needs == 0 ? ctx.params.neutral() : (double) c / Integer.bitCount(needs);
        byCount[c] = used ? weight * v : 0;
      }
      return new NeedsTable(needs, byCount, null, masks);
    }
    double[] byMask = new double[masks];
    for (int m = 0; m < masks; m++)
      byMask[m] = used ? weight * ctx.needsValue(m, subject.services) : 0;
    return new NeedsTable(0, null, byMask, masks);
  }

  /** The subject's needs when the table is by count, else 0. */
  int needs() {
    return needs;
  }

  /** The weighted value by count of needs offered (a project subject), else null; not a copy. */
  double[] byCount() {
    return byCount;
  }

  /** The weighted value of a candidate offering {@code services}. O(1). */
  double value(int services) {
    return byCount != null ? byCount[Integer.bitCount(services & needs)] : byMask[services];
  }

  /**
   * The largest weighted value of any candidate offering a non-empty submask of {@code services} (a
   * block's OR), and 0: {@link PruningBounds#submaskMax} of the table by mask. O(1) for a project
   * subject; O(n·2ⁿ⁻¹) once per request otherwise.
   */
  double blockValue(int services) {
    if (byCount != null) {
      if (services == 0) return 0;
      int offered = Integer.bitCount(services & needs);
      // a member may offer none of the needs only when the OR holds a service outside them
      return prefixMax[(services & ~needs) != 0 ? 0 : 1][offered];
    }
    if (blockByMask == null) blockByMask = PruningBounds.submaskMax(byMask);
    return blockByMask[services];
  }

  /** The table by mask, for {@link ColumnForm}. O(2ⁿ). */
  double[] byMask() {
    if (byMask != null) return byMask.clone();
    double[] out = new double[masks];
    for (int m = 0; m < masks; m++) out[m] = value(m);
    return out;
  }
}

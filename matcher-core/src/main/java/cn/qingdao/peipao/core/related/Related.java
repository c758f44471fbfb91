package cn.qingdao.peipao.core.related;

import java.util.Arrays;
import java.util.Map;

/**
 * The {@code related} value ∈ [0,1] of every counterpart for one subject, 0 for those not listed;
 * built by {@link RelationModel#of}, immutable. {@link #max} bounds every value, so the fast path
 * can prune with it as it does with text.
 */
public final class Related {
  /** Nothing known: every counterpart 0. */
  public static final Related NONE = new Related(Map.of(), new int[0], new double[0]);

  private final Map<String, Integer> index;
  // model indexes with a value > 0, ascending (sparse: cohorts keep one per project)
  private final int[] positive;
  private final double[] values; // by position in positive
  private final double max;

  /**
   * {@code ids}: model indexes ascending, {@code values} theirs (those ≤ 0 are left out); both
   * taken as they are.
   */
  Related(Map<String, Integer> index, int[] ids, double[] values) {
    this.index = index;
    int n = 0;
    for (double v : values) if (v > 0) n++;
    positive = new int[n];
    this.values = new double[n];
    double m = 0;
    for (int x = 0, k = 0; x < ids.length; x++) {
      if (!(values[x] > 0)) continue;
      positive[k] = ids[x];
      this.values[k++] = values[x];
      m = Math.max(m, values[x]);
    }
    this.max = m;
  }

  /** The value of counterpart {@code id}; a hash lookup and a binary search. */
  public double of(String id) {
    if (positive.length == 0) return 0;
    Integer i = index.get(id);
    if (i == null) return 0;
    int k = Arrays.binarySearch(positive, i);
    return k < 0 ? 0 : values[k];
  }

  /** The largest value of any counterpart (0 when none has one). O(1). */
  public double max() {
    return max;
  }
}

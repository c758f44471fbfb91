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
  public static final Related NONE = new Related(Map.of(), new double[0]);

  private final Map<String, Integer> index;
  private final int[]
      positive; // model indexes with a value > 0, ascending (sparse: cohorts keep one per project)
  private final double[] values; // by position in positive
  private final double max;

  /** {@code dense}: the value of each counterpart by its index in {@code index}. */
  Related(Map<String, Integer> index, double[] dense) {
    this.index = index;
    int n = 0;
    for (double v : dense) if (v > 0) n++;
    positive = new int[n];
    values = new double[n];
    double m = 0;
    for (int i = 0, k = 0; i < dense.length; i++) {
      if (!(dense[i] > 0)) continue;
      positive[k] = i;
      values[k++] = dense[i];
      m = Math.max(m, dense[i]);
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

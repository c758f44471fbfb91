package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.scoring.Features;
import java.util.Arrays;

/**
 * The candidates of one request that passed the hard constraints, with the bounds of their score:
 * {@code lower} (text = 0) and {@code upper} (text at its bound), each with the candidate's related
 * value (or 0 and its bound). Growable parallel arrays.
 */
final class Candidates {
  int size;
  int[] leaf = new int[256];
  int[] doc = new int[256];
  Features[] features = new Features[256];
  double[] lower = new double[256];
  double[] upper = new double[256];

  /**
   * Each candidate's exact views without text and related ({@link
   * cn.qingdao.peipao.core.scoring.PairScorer.Context#viewA}) where the bounds computed them from
   * its columns, else NaN: its score then needs no features.
   */
  double[] viewA = new double[256];

  double[] viewB = new double[256];

  /** Candidates that passed the hard constraints, pruned or not. */
  long eligible;

  void add(int leafOrd, int docId, Features f, double lo, double up) {
    add(leafOrd, docId, f, lo, up, Double.NaN, Double.NaN);
  }

  /** {@link #add} with the candidate's exact views without text and related. */
  void add(int leafOrd, int docId, Features f, double lo, double up, double a, double b) {
    if (size == doc.length) grow();
    viewA[size] = a;
    viewB[size] = b;
    leaf[size] = leafOrd;
    doc[size] = docId;
    features[size] = f;
    lower[size] = lo;
    upper[size] = up;
    size++;
  }

  private void grow() {
    int n = doc.length * 2;
    leaf = Arrays.copyOf(leaf, n);
    doc = Arrays.copyOf(doc, n);
    features = Arrays.copyOf(features, n);
    lower = Arrays.copyOf(lower, n);
    upper = Arrays.copyOf(upper, n);
    viewA = Arrays.copyOf(viewA, n);
    viewB = Arrays.copyOf(viewB, n);
  }

  /** The k-th largest lower bound (1-based k ≤ size), by quickselect on a copy: O(size). */
  double kthLargestLower(int k) {
    double[] a = Arrays.copyOf(lower, size);
    int target = size - k; // index in ascending order
    int lo = 0;
    int hi = size - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) i++;
        while (a[j] > pivot) j--;
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (target <= j) hi = j;
      else if (target >= i) lo = i;
      else return a[target];
    }
    return a[target];
  }
}

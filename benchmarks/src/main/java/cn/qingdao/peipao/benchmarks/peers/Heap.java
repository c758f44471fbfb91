package cn.qingdao.peipao.benchmarks.peers;

/**
 * A top-k min-heap over parallel (score, document index) arrays: the worst kept entry at the root,
 * a lower score or, on equal scores, a larger index being worse (ties go to the smaller index).
 */
public final class Heap {
  private Heap() {}

  /** Restores the heap after an entry was added at {@code i}. */
  public static void up(double[] s, int[] d, int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (!worse(s, d, i, parent)) return;
      swap(s, d, i, parent);
      i = parent;
    }
  }

  /** Restores the heap of {@code size} entries after its root was replaced. */
  public static void down(double[] s, int[] d, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int m = i;
      if (l < size && worse(s, d, l, m)) m = l;
      if (r < size && worse(s, d, r, m)) m = r;
      if (m == i) return;
      swap(s, d, i, m);
      i = m;
    }
  }

  /** The document indexes of the heap's {@code size} entries, best first; empties the heap. */
  public static int[] drain(double[] s, int[] d, int size) {
    int[] out = new int[size];
    for (int j = size - 1; j >= 0; j--) {
      out[j] = d[0];
      s[0] = s[j];
      d[0] = d[j];
      down(s, d, j);
    }
    return out;
  }

  private static boolean worse(double[] s, int[] d, int a, int b) {
    return s[a] < s[b] || (s[a] == s[b] && d[a] > d[b]);
  }

  private static void swap(double[] s, int[] d, int a, int b) {
    double ts = s[a];
    s[a] = s[b];
    s[b] = ts;
    int td = d[a];
    d[a] = d[b];
    d[b] = td;
  }
}

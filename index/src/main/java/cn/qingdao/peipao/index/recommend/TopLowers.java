package cn.qingdao.peipao.index.recommend;

/**
 * The k largest lower bounds seen so far, as a binary min-heap of primitives: its minimum is the
 * score any candidate must be able to reach to enter the top k.
 */
final class TopLowers {
  private final double[] heap;
  private int size;

  TopLowers(int k) {
    heap = new double[k];
  }

  /** The k-th largest lower bound so far, or −∞ while fewer than k were offered. */
  double threshold() {
    return size < heap.length ? Double.NEGATIVE_INFINITY : heap[0];
  }

  void offer(double v) {
    if (size < heap.length) {
      int i = size++;
      heap[i] = v;
      while (i > 0 && heap[(i - 1) >>> 1] > heap[i]) {
        swap(i, (i - 1) >>> 1);
        i = (i - 1) >>> 1;
      }
    } else if (v > heap[0]) {
      heap[0] = v;
      int i = 0;
      while (true) {
        int l = 2 * i + 1;
        int r = l + 1;
        int m = i;
        if (l < size && heap[l] < heap[m]) m = l;
        if (r < size && heap[r] < heap[m]) m = r;
        if (m == i) break;
        swap(i, m);
        i = m;
      }
    }
  }

  private void swap(int a, int b) {
    double t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }
}

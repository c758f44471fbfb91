package cn.qingdao.peipao.core.allocation;

/** Binary heaps over a prefix of a {@code long[]}: min-heaps and max-heaps, no boxing. */
final class LongHeap {
  private LongHeap() {}

  /** Arranges {@code a[0..size)} as a min-heap; O(size). */
  static void heapify(long[] a, int size) {
    for (int i = size / 2 - 1; i >= 0; i--) siftDownMin(a, size, i);
  }

  /** Removes the smallest (at {@code a[0]}); returns the new size. */
  static int pop(long[] a, int size) {
    size--;
    a[0] = a[size];
    siftDownMin(a, size, 0);
    return size;
  }

  private static void siftDownMin(long[] a, int size, int i) {
    long v = a[i];
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && a[c + 1] < a[c]) c++;
      if (a[c] >= v) break;
      a[i] = a[c];
      i = c;
    }
    if (size > 0) a[i] = v;
  }

  /** Adds {@code v} to a max-heap; returns the new size. */
  static int pushMax(long[] a, int size, long v) {
    int i = size;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (a[parent] >= v) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = v;
    return size + 1;
  }

  /** Replaces the largest of a max-heap by {@code v}. */
  static void replaceTopMax(long[] a, int size, long v) {
    int i = 0;
    while (true) {
      int c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && a[c + 1] > a[c]) c++;
      if (a[c] <= v) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = v;
  }
}

package cn.qingdao.peipao.core.util;

/**
 * Binary heaps over a prefix of a {@code long[]}: min-heaps and max-heaps, no boxing (the
 * allocator's choices and holdings, the block scan's queue of bounds). O(log size) per push and
 * pop.
 */
public final class LongHeap {
  private LongHeap() {}

  /** Arranges {@code a[0..size)} as a min-heap; O(size). */
  public static void heapify(long[] a, int size) {
    for (int i = size / 2 - 1; i >= 0; i--) siftDownMin(a, size, i);
  }

  /** Removes the smallest (at {@code a[0]}); returns the new size. */
  public static int pop(long[] a, int size) {
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

  /** Arranges {@code a[0..size)} as a max-heap; O(size). */
  public static void heapifyMax(long[] a, int size) {
    for (int i = size / 2 - 1; i >= 0; i--) replaceAtMax(a, size, i, a[i]);
  }

  /** Removes the largest (at {@code a[0]}) of a max-heap; returns the new size. */
  public static int popMax(long[] a, int size) {
    size--;
    if (size > 0) replaceTopMax(a, size, a[size]);
    return size;
  }

  /** Adds {@code v} to a max-heap; returns the new size. */
  public static int pushMax(long[] a, int size, long v) {
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
  public static void replaceTopMax(long[] a, int size, long v) {
    replaceAtMax(a, size, 0, v);
  }

  /** Puts {@code v} at {@code i} of a max-heap whose subtrees below {@code i} are heaps. */
  private static void replaceAtMax(long[] a, int size, int i, long v) {
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

package cn.qingdao.peipao.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Both heaps answer what {@link PriorityQueue} answers over seeded random sequences of heapify,
 * push, pop and replace (duplicates and negative keys included).
 */
class LongHeapTest {
  @Test
  void maxHeapAgreesWithAPriorityQueue() {
    Random r = new Random(91);
    for (int round = 0; round < 200; round++) {
      long[] a = new long[256];
      int size = r.nextInt(40);
      PriorityQueue<Long> ref = new PriorityQueue<>(Collections.reverseOrder());
      for (int i = 0; i < size; i++) ref.add(a[i] = key(r));
      LongHeap.heapifyMax(a, size);
      for (int op = 0; op < 100; op++) {
        int what = r.nextInt(3);
        if (what == 0 && size < a.length) {
          long v = key(r);
          size = LongHeap.pushMax(a, size, v);
          ref.add(v);
        } else if (what == 1 && size > 0) {
          assertEquals(ref.poll(), a[0], "round " + round + " pop");
          size = LongHeap.popMax(a, size);
        } else if (size > 0) {
          long v = key(r);
          ref.poll();
          ref.add(v);
          LongHeap.replaceTopMax(a, size, v);
        }
        assertEquals(ref.size(), size);
        if (size > 0) assertEquals(ref.peek(), a[0], "round " + round + " top");
      }
    }
  }

  @Test
  void minHeapAgreesWithAPriorityQueue() {
    Random r = new Random(92);
    for (int round = 0; round < 200; round++) {
      long[] a = new long[64];
      int size = 1 + r.nextInt(63);
      PriorityQueue<Long> ref = new PriorityQueue<>();
      for (int i = 0; i < size; i++) ref.add(a[i] = key(r));
      LongHeap.heapify(a, size);
      while (size > 0) {
        assertEquals(ref.poll(), a[0], "round " + round);
        size = LongHeap.pop(a, size);
      }
    }
  }

  private static long key(Random r) {
    return r.nextInt(5) == 0 ? r.nextInt(4) : r.nextLong();
  }
}

package cn.qingdao.peipao.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.index.store.StoreException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The workers' contract, over seeded random batches and failure positions: every item is worked on
 * exactly once when nothing fails; when something fails, the batch returns only once no thread is
 * working on it any more, and rethrows a store failure before any other.
 */
class IndexWorkersTest {
  @Test
  void everyItemOnceAndNothingStillRunningAfterAFailure() throws Exception {
    Random r = new Random(30);
    try (IndexWorkers workers = new IndexWorkers()) {
      for (int round = 0; round < 200; round++) {
        int n = r.nextInt(300);
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        int storeAt = r.nextInt(3) == 0 && n > 0 ? r.nextInt(n) : -1;
        int otherAt = r.nextInt(3) == 0 && n > 0 ? r.nextInt(n) : -1;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger lateStarts = new AtomicInteger();
        AtomicInteger returned = new AtomicInteger();
        ConcurrentHashMap<Integer, Integer> seen = new ConcurrentHashMap<>();
        Runnable batch =
            () ->
                workers.forEach(
                    items,
                    i -> {
                      if (returned.get() > 0) lateStarts.incrementAndGet();
                      inFlight.incrementAndGet();
                      try {
                        seen.merge(i, 1, Integer::sum);
                        if (i % 7 == 0) Thread.onSpinWait();
                        if (i == storeAt) throw new StoreException("store away at " + i);
                        if (i == otherAt) throw new IllegalStateException("index broke at " + i);
                      } finally {
                        inFlight.decrementAndGet();
                      }
                    });
        String at =
            "round " + round + " (n=" + n + ", store " + storeAt + ", other " + otherAt + ")";
        if (storeAt < 0 && otherAt < 0) {
          batch.run();
          assertEquals(n, seen.size(), at);
          assertTrue(seen.values().stream().allMatch(c -> c == 1), at);
        } else {
          RuntimeException e = assertThrows(RuntimeException.class, batch::run, at);
          // a store failure is the store's, whichever came first
          if (storeAt >= 0 && seen.containsKey(storeAt))
            assertTrue(e instanceof StoreException, at + ": " + e);
          assertTrue(seen.values().stream().allMatch(c -> c == 1), at);
        }
        returned.incrementAndGet();
        assertEquals(
            0, inFlight.get(), at + ": a worker was still running when the batch returned");
        Thread.sleep(1);
        assertEquals(
            0, lateStarts.get(), at + ": a worker started an item after the batch returned");
      }
    }
  }

  @Test
  void aClosedPoolLeavesTheWorkToTheCallingThread() {
    IndexWorkers workers = new IndexWorkers();
    workers.close();
    AtomicInteger done = new AtomicInteger();
    workers.forEach(IntStream.range(0, 500).boxed().toList(), i -> done.incrementAndGet());
    assertEquals(500, done.get());
  }
}

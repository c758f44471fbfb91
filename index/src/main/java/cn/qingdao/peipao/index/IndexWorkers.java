package cn.qingdao.peipao.index;

import cn.qingdao.peipao.index.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A few threads that index one batch together (an import's changes, a rebuild's rows): SmartCN's
 * segmentation is most of the time of indexing, and Lucene's writer takes documents from several
 * threads. A batch returns only when every thread is done with it, failed or not, so nothing is
 * still writing to the index when the caller goes on (to recover, to commit, to apply newer rows).
 */
final class IndexWorkers implements AutoCloseable {
  /**
   * At most this many threads: each holds a store connection while it reads a row (SQLite's pool
   * has 4, one of them for the importer's writes and readers of requests).
   */
  static final int MAX = 3;

  private final int size = Math.clamp(Runtime.getRuntime().availableProcessors(), 1, MAX);
  private final ExecutorService pool;

  IndexWorkers() {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            size,
            r -> {
              Thread t = new Thread(r, "index-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code work} on every item, the threads taking the next item as they finish one; returns
   * once all have stopped, rethrowing the first failure (a store failure before any other, since
   * the caller handles it as the store's and not the index's). Cost: the items' work over up to
   * {@link #MAX} threads.
   */
  <T> void forEach(List<T> items, Consumer<T> work) {
    if (size == 1 || items.size() < 2) {
      items.forEach(work);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < Math.min(size, items.size()); t++) {
      running.add(
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < items.size(); )
                  work.accept(items.get(i));
              }));
    }
    RuntimeException first = null;
    Error error = null;
    for (Future<?> f : running) {
      try {
        awaitUninterruptibly(f);
      } catch (ExecutionException e) {
        next.set(items.size()); // the others stop at their next item
        Throwable cause = e.getCause();
        if (cause instanceof Error x) {
          if (error == null) error = x;
        } else if (cause instanceof StoreException s) {
          if (!(first instanceof StoreException)) first = s;
        } else if (cause instanceof RuntimeException x && first == null) {
          first = x;
        }
      }
    }
    if (error != null) throw error;
    if (first != null) throw first;
  }

  /**
   * Waits for {@code f} even when interrupted (the interrupt is kept for the caller): leaving early
   * would let the caller work on the index while {@code f} still writes to it.
   */
  static void awaitUninterruptibly(Future<?> f) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    pool.shutdown(); // never interrupted: an interrupt during Lucene's file I/O closes its channel
  }
}

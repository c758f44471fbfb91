package cn.qingdao.peipao.index;

import cn.qingdao.peipao.index.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
  // the calling thread works too: size − 1 more
  private final ExecutorService pool;

  IndexWorkers() {
    this.pool =
        Executors.newFixedThreadPool(
            Math.max(1, size - 1), Thread.ofPlatform().name("index-worker-", 1).daemon().factory());
  }

  /**
   * Runs {@code work} on every item, the calling thread and the pool's taking the next item as they
   * finish one; returns once all have stopped, rethrowing the first failure (a store failure before
   * any other, since the caller handles it as the store's and not the index's). A pool that is
   * closing leaves the work to the calling thread. Cost: the items' work over up to {@link #MAX}
   * threads.
   */
  <T> void forEach(List<T> items, Consumer<T> work) {
    if (size == 1 || items.size() < 2) {
      items.forEach(work);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable drain =
        () -> {
          for (int i; (i = next.getAndIncrement()) < items.size(); ) work.accept(items.get(i));
        };
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int t = 1; t < Math.min(size, items.size()); t++) running.add(pool.submit(drain));
    } catch (RejectedExecutionException closing) {
      // the service is stopping: this thread does the rest
    }
    Failures failures = new Failures();
    try {
      drain.run();
    } catch (RuntimeException | Error e) {
      next.set(items.size()); // the others stop at their next item
      failures.add(e);
    }
    for (Future<?> f : running) {
      try {
        awaitUninterruptibly(f);
      } catch (ExecutionException e) {
        next.set(items.size());
        failures.add(e.getCause());
      }
    }
    failures.rethrow();
  }

  /** The first failure of each kind; an error first, then a store failure, then any other. */
  private static final class Failures {
    private Error error;
    private StoreException store;
    private RuntimeException other;

    void add(Throwable t) {
      if (t instanceof Error e && error == null) error = e;
      else if (t instanceof StoreException s && store == null) store = s;
      else if (t instanceof RuntimeException r && other == null) other = r;
    }

    void rethrow() {
      if (error != null) throw error;
      if (store != null) throw store;
      if (other != null) throw other;
    }
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

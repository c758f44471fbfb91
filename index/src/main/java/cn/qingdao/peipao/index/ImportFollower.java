package cn.qingdao.peipao.index;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Runs the index's catch-up with an import on another thread, one run at a time: after each batch
 * the store commits, {@link #committed} starts a run unless one is going (it then takes this batch
 * too, since a run applies everything the store has past the index). {@link #close} waits for the
 * last run. See {@code IndexSync.follow}.
 */
final class ImportFollower implements AutoCloseable {
  private final Consumer<Map<String, Staged>> applyPending;
  // what the import saved and the index has not taken yet, by entity (the last write of each)
  private final Map<String, Staged> staged = new ConcurrentHashMap<>();
  private ExecutorService thread;
  private Future<?> running;

  /**
   * {@code applyPending} applies the store's changes past the index, taking an entity from the
   * staged ones when its last change is the staged write, and handles its failures.
   */
  ImportFollower(Consumer<Map<String, Staged>> applyPending) {
    this.applyPending = applyPending;
  }

  /** A batch was committed: start applying it unless a run is going (it is next then). */
  void committed(List<Staged> batch) {
    for (Staged s : batch) staged.put(s.key(), s);
    if (running != null && !running.isDone()) return;
    if (thread == null)
      thread =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().name("index-import").daemon().factory());
    running = thread.submit(() -> applyPending.accept(staged));
  }

  /** Waits for the last run, even when interrupted: catching up meanwhile would race it. */
  @Override
  public void close() {
    if (thread == null) return;
    thread.shutdown();
    try {
      IndexWorkers.awaitUninterruptibly(running);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException("applyPending handles its failures", e);
    }
  }
}

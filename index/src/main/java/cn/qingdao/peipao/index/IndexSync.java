package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.search.SearchIndex;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.EntityStore;
import cn.qingdao.peipao.index.store.StoreException;
import cn.qingdao.peipao.index.store.StoredEntity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the search index in line with the store: reconciles at start-up (catch up, rebuild, or
 * refuse when the index is ahead), applies each committed write, commits the index once a second,
 * and rebuilds it from the store when its files are lost or its writer fails. Every method that
 * changes the index runs under the catalog's write lock, so the index never sees writes out of
 * order.
 */
final class IndexSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexSync.class);

  /** Changed entities from which a batch is applied on several threads (below: one write's few). */
  static final int PARALLEL_FROM = 64;

  /** Stored rows indexed together while the index is rebuilt. */
  private static final int REBUILD_CHUNK = 1_000;

  private final EntityStore store;
  private final AssignmentStore assignments;
  private final SearchIndex index;
  private final EntityReader reader;
  private final ReentrantLock writeLock;
  private final Supplier<String> storeDamage;
  private final java.util.function.Consumer<String> markDamaged;
  // whether start-up brought the index in line with the store: only then does close() commit
  // (a damaged store skips it, and committing seq 0 would hide that the index is ahead)
  private boolean reconciled;
  private final java.time.Clock clock;
  private ScheduledExecutorService committer;
  // index large batches on several threads (imports, rebuilds)
  private final IndexWorkers workers = new IndexWorkers();
  // subjects of recommendations, dropped as their changes reach the index
  final SubjectCache subjects = new SubjectCache();
  // written under the write lock; read without it by lag()
  private volatile long appliedSeq;
  // what the last look at the store saw, when, and since when the index has been behind it
  private volatile long seenSeq;
  private volatile long lookedAt;
  private volatile long behindSince;
  private volatile long lastStoreErrorLog;
  private boolean dirty;
  // why the index cannot be trusted (files lost, writer failed); null when sound. The committer
  // rebuilds it from the store and clears this.
  private volatile String problem;

  IndexSync(
      EntityStore store,
      AssignmentStore assignments,
      SearchIndex index,
      EntityReader reader,
      ReentrantLock writeLock,
      Supplier<String> storeDamage,
      java.util.function.Consumer<String> markDamaged,
      java.time.Clock clock) {
    this.clock = clock;
    this.store = store;
    this.assignments = assignments;
    this.index = index;
    this.reader = reader;
    this.writeLock = writeLock;
    this.storeDamage = storeDamage;
    this.markDamaged = markDamaged;
  }

  /**
   * Starts the once-a-second commit (and repair) of the index and, with {@code tailMillis > 0}, the
   * tail of the store's audit log every {@code tailMillis} (for a store other nodes write).
   */
  void start(long tailMillis) {
    committer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("index-committer").daemon().factory());
    committer.scheduleWithFixedDelay(this::commitIfDirty, 1, 1, TimeUnit.SECONDS);
    if (tailMillis > 0)
      committer.scheduleWithFixedDelay(this::tail, tailMillis, tailMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * Another node committed: apply it now rather than at the next poll (on the committer's thread,
   * so that the index still changes on one thread at a time with the lock).
   */
  void wake() {
    ScheduledExecutorService c = committer;
    if (c == null || c.isShutdown()) return;
    // one tail queued is enough: more notifications while it waits would find nothing new
    if (wakePending.compareAndSet(false, true))
      try {
        c.execute(
            () -> {
              wakePending.set(false);
              tail();
            });
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        wakePending.set(false);
      }
  }

  private final java.util.concurrent.atomic.AtomicBoolean wakePending =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Applies what other nodes committed since the last look: one indexed {@code MAX(seq)} read when
   * nothing changed; the write lock only when something did.
   */
  private void tail() {
    if (storeDamage.get() != null || problem != null) return; // the committer repairs first
    try {
      long storeSeq = look();
      if (storeSeq <= appliedSeq) return;
      writeLock.lock();
      try {
        applyUpTo(storeSeq);
      } finally {
        writeLock.unlock();
      }
    } catch (StoreException e) {
      storeFailed(e);
    } catch (RuntimeException | Error e) {
      // nothing may escape a scheduled task: the executor would silently never run it again
      indexFailed("following the store's log failed: " + e);
      LOG.error("applying other nodes' changes failed; rebuilding the index from the store", e);
    }
  }

  /**
   * Applies the store's changes up to {@code storeSeq} (what a look saw) and makes them visible;
   * the caller holds the write lock.
   */
  private void applyUpTo(long storeSeq) {
    if (appliedSeq < storeSeq) {
      applyChanges(appliedSeq);
      index.refresh();
      appliedSeq = storeSeq;
      dirty = true;
    }
    if (appliedSeq >= seenSeq) behindSince = 0;
  }

  /** Reads the store's newest sequence and notes when the index fell behind it. */
  private long look() {
    long storeSeq = store.lastSeq();
    long now = clock.millis();
    seenSeq = storeSeq;
    lookedAt = now;
    if (storeSeq > appliedSeq) {
      if (behindSince == 0) behindSince = now;
    } else {
      behindSince = 0;
    }
    return storeSeq;
  }

  /** What identifies the write at {@code seq}; null when it cannot be read now (the store away). */
  private String mark(long seq) {
    try {
      return store.markAt(seq).orElse(null);
    } catch (StoreException e) {
      return null; // committed without: the next start cannot check, and accepts it as before
    }
  }

  /** How far the index is behind the store, as of the last look; O(1). */
  SyncLag lag() {
    long now = clock.millis();
    long since = behindSince;
    long applied = appliedSeq;
    long seen = Math.max(seenSeq, applied);
    return new SyncLag(
        applied,
        seen,
        since == 0 || applied >= seen ? 0 : now - since,
        lookedAt == 0 ? -1 : now - lookedAt);
  }

  /**
   * Brings the index in line with the store at start-up; returns what it did.
   *
   * @throws DataDirectoryException when the index is ahead of the store and {@code ahead} is {@link
   *     Catalog.IndexAhead#REFUSE}
   */
  String reconcile(
      Catalog.IndexAhead ahead, java.util.function.Supplier<String> storeIdOnce, boolean shared) {
    long storeSeq = store.lastSeq();
    SearchIndex.Committed committed = index.committed();
    IndexStartup plan =
        IndexStartup.plan(
            storeSeq,
            committed,
            index.rebuildNeeded(),
            index.openNote(),
            ahead,
            storeIdOnce,
            shared,
            store::markAt);
    index.bindStore(plan.storeId());
    String note =
        switch (plan.action()) {
          case REBUILD -> {
            rebuild(storeSeq, n -> {});
            yield "rebuilt the index (" + plan.why() + ")";
          }
          case CATCH_UP ->
              "caught up the index with "
                  + applyChanges(committed.seq())
                  + " changed entities (seq "
                  + committed.seq()
                  + " → "
                  + storeSeq
                  + ")";
          case UP_TO_DATE -> "index up to date at seq " + storeSeq;
        };
    appliedSeq = storeSeq;
    seenSeq = storeSeq;
    index.commit(storeSeq, mark(storeSeq));
    index.refresh();
    reconciled = true;
    LOG.info(note);
    return note;
  }

  /** Rebuilds the index from the whole store and commits it; the caller holds the write lock. */
  int rebuildCommitted() {
    return rebuildCommitted(n -> {});
  }

  /** As {@link #rebuildCommitted()}, telling {@code progress} the entities done so far. */
  int rebuildCommitted(java.util.function.LongConsumer progress) {
    long seq = store.lastSeq();
    int n = rebuild(seq, progress);
    appliedSeq = seq;
    index.commit(seq, mark(seq));
    index.refresh();
    dirty = false;
    return n;
  }

  private int rebuild(long seq, java.util.function.LongConsumer progress) {
    index.deleteAll();
    subjects.clear();
    Map<EntityType, Map<String, Integer>> loads = new EnumMap<>(EntityType.class);
    for (EntityType t : List.of(EntityType.MENTORS, EntityType.PARKS))
      loads.put(t, assignments.loads(t));
    // Rows are streamed from the store and indexed a chunk at a time on several threads, as an
    // import's changes are (see apply).
    List<StoredEntity> chunk = new ArrayList<>(REBUILD_CHUNK);
    long[] done = {0};
    Runnable indexChunk =
        () -> {
          if (chunk.isEmpty()) return;
          workers.forEach(
              chunk,
              row -> {
                int assigned = loads.getOrDefault(row.type(), Map.of()).getOrDefault(row.id(), 0);
                parse(row).ifPresent(e -> index.upsert(e, row.json(), assigned));
              });
          done[0] += chunk.size();
          chunk.clear();
          progress.accept(done[0]);
        };
    long n =
        store.forEach(
            row -> {
              chunk.add(row);
              if (chunk.size() == REBUILD_CHUNK) indexChunk.run();
            });
    indexChunk.run();
    subjects.clear(); // again: a subject read during the rebuild may be older than what it indexed
    return (int) n;
  }

  /**
   * Runs {@code apply} (an index change for a write just committed at {@code seq}) and makes it
   * visible. A failure does not fail the write: it is committed, and the committer rebuilds the
   * index from the store.
   */
  void afterWrite(long seq, Runnable apply) {
    try {
      // another node wrote between this node's last look and this write (a shared store): apply
      // everything in order instead of this write alone, or the others' changes would be skipped
      if (seq == appliedSeq + 1) apply.run();
      else applyChanges(appliedSeq);
      index.refresh();
      appliedSeq = Math.max(appliedSeq, seq);
      dirty = true;
    } catch (StoreException e) {
      // the store failed while the index was being brought up to date: not the index's fault
      storeFailed(e);
    } catch (RuntimeException | Error e) {
      // an Error too (Lucene out of memory): the write is committed and the index misses it, so
      // it is marked for the committer's rebuild instead of leaving health saying all is well
      indexFailed("an index update failed after a committed write: " + e);
      LOG.error(
          "index update failed after a committed write (seq {}); rebuilding from the store",
          seq,
          e);
    }
  }

  /**
   * Marks the index as missing a change, for the committer to rebuild it from the store; until then
   * no cached subject may be older than the store either.
   */
  private void indexFailed(String why) {
    problem = why;
    subjects.clear();
  }

  /**
   * A store failure seen while syncing: a damaged store is marked (and nothing is rebuilt from it);
   * another failure is logged and retried at the next tick. Never a reason to rebuild the index.
   */
  private void storeFailed(StoreException e) {
    subjects.clear(); // a change may not have reached the index: nor may a cached subject be older
    if (StoreException.damaged(e)
        || e.kind() == StoreException.Kind.DAMAGED
        || e.kind() == StoreException.Kind.CORRUPT_ROW) {
      markDamaged.accept(e.getMessage());
      return;
    }
    // a store that is away (PostgreSQL restarting) is retried every tick: say so every 10 s, not
    // ten times a second
    long now = clock.millis();
    if (now - lastStoreErrorLog >= 10_000) {
      lastStoreErrorLog = now;
      if (e.kind() == StoreException.Kind.UNAVAILABLE)
        LOG.warn("the store cannot be reached to sync the index ({}); retrying", e.getMessage());
      else LOG.error("reading the store to sync the index failed; retrying", e);
    }
  }

  /** Applies every store change not in the index yet (e.g. after a logged transaction). */
  void catchUp() {
    long seq;
    try {
      seq = store.lastSeq();
    } catch (StoreException e) {
      // the write before this committed; the store went away just after: the next tick catches
      // up, and the caller is not told its committed write failed
      storeFailed(e);
      return;
    }
    afterWrite(seq, () -> applyChanges(appliedSeq));
  }

  /** Current assignments of a mentor or park (0 for the other types). */
  int assigned(EntityType type, String id) {
    return type == EntityType.MENTORS || type == EntityType.PARKS ? assignments.load(type, id) : 0;
  }

  /** Applies to the index every store change after {@code seq}; returns how many entities. */
  private int applyChanges(long seq) {
    List<EntityStore.Change> changes = store.changesSince(seq);
    apply(changes, this::applyChange);
    return changes.size();
  }

  /**
   * Applies {@code changes} (each entity once, as the store lists them). Applying a change reads
   * the entity's current row, so their order does not matter, and a large batch (an import) is
   * analysed on several threads (IndexWorkers): SmartCN's segmentation is most of an import's time,
   * and Lucene's writer takes documents from several threads.
   */
  private void apply(List<EntityStore.Change> changes, Consumer<EntityStore.Change> one) {
    if (changes.size() < PARALLEL_FROM) changes.forEach(one);
    else workers.forEach(changes, one);
  }

  /**
   * Follows an import while it writes: after each batch the store commits, the index takes the
   * store's new changes on another thread while the importer parses and writes the next batch.
   * Nothing becomes visible before {@link #catchUp}. The caller holds the write lock throughout and
   * closes the follower (which waits for it) before catching up.
   */
  ImportFollower follow() {
    return new ImportFollower(this::applyPending);
  }

  /**
   * Applies the changes after {@code appliedSeq} without making them visible (for an import),
   * taking an entity as {@code staged} holds it when its last change is that very write (no other
   * node or write came after it), else from the store; forgets the staged entries it passed.
   */
  private void applyPending(Map<String, Staged> staged) {
    if (problem != null) return; // the index is rebuilt from the store anyway
    try {
      List<EntityStore.Change> changes = store.changesSince(appliedSeq);
      if (changes.isEmpty()) return;
      apply(
          changes,
          c -> {
            Staged s = staged.get(key(c.type(), c.id()));
            if (s != null && s.seq() == c.seq()) applyWritten(s.saved(), s.json());
            else applyChange(c);
          });
      long last = changes.getLast().seq();
      staged.values().removeIf(s -> s.seq() <= last);
      appliedSeq = Math.max(appliedSeq, last);
      dirty = true;
    } catch (StoreException e) {
      storeFailed(e);
    } catch (RuntimeException | Error e) {
      // as after a write: the import's batches so far are committed, the index misses them
      indexFailed("an index update failed during an import: " + e);
      LOG.error("index update failed during an import; rebuilding from the store", e);
    }
  }

  /** The key of an entity in the caches of staged and of subject entities. */
  static String key(EntityType type, String id) {
    return type.path() + '/' + id;
  }

  /** Applies the entity a write on this node just saved as {@code json}. */
  void applyWritten(Entity saved, String json) {
    try {
      index.upsert(saved, json, assigned(saved.type(), saved.id()));
    } finally {
      subjects.drop(saved.type(), saved.id());
    }
  }

  private void applyChange(EntityStore.Change c) {
    try {
      indexChange(c);
    } finally {
      // after the row is read and indexed: a subject read meanwhile may be older than both
      subjects.drop(c.type(), c.id());
    }
  }

  private void indexChange(EntityStore.Change c) {
    Optional<StoredEntity> row = store.get(c.type(), c.id());
    if (row.isEmpty()) {
      index.delete(c.type(), c.id());
    } else {
      Optional<Entity> e = parse(row.get());
      if (e.isPresent()) index.upsert(e.get(), row.get().json(), assigned(c.type(), c.id()));
      else index.delete(c.type(), c.id());
    }
  }

  /** The stored row as a validated entity, or empty (logged) when it no longer validates. */
  Optional<Entity> parse(StoredEntity row) {
    try {
      Entity e = reader.read(row.type(), Json.parse(row.json()));
      return Optional.of(e.withServerFields(row.id(), row.version(), row.updatedAt()));
    } catch (ValidationException e) {
      LOG.error(
          "stored {} {} no longer validates and is left out of the index: {}",
          row.type().path(),
          row.id(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private void commitIfDirty() {
    if (storeDamage.get() != null) return; // nothing is read from a damaged store
    writeLock.lock();
    try {
      String p = problem != null ? problem : index.problem();
      if (p != null) {
        recover(p);
        return;
      }
      applyUpTo(look());
      if (dirty) {
        index.commit(appliedSeq, mark(appliedSeq));
        dirty = false;
      }
    } catch (StoreException e) {
      storeFailed(e);
    } catch (RuntimeException | Error e) {
      // nothing may escape a scheduled task: the executor would silently never run it again,
      // and with it every later commit and repair
      indexFailed("the periodic index commit failed: " + e);
      LOG.error("periodic index commit failed; rebuilding the index from the store", e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Rebuilds a lost or failed index from the store; writes wait, searches answer 503. */
  private void recover(String why) {
    problem = why;
    LOG.error("{}; rebuilding the index from the store", why);
    try {
      index.recreate();
      int n = rebuildCommitted();
      problem = null;
      LOG.info("rebuilt the index from the store: {} entities at seq {}", n, appliedSeq);
    } catch (StoreException e) {
      problem = why + "; the store failed during the rebuild (" + e.getMessage() + ")";
      storeFailed(e);
    } catch (IOException | RuntimeException e) {
      problem = why + "; the rebuild failed too (" + e + "), retrying";
      LOG.error("rebuilding the index failed; retrying in a second", e);
    }
  }

  /** What the last write or the committer found wrong with the index, or null; O(1). */
  String problem() {
    return problem;
  }

  /** As {@link #problem()}, also looking at the index's files now (one directory listing). */
  String check() {
    String known = problem;
    return known != null ? known : index.problem();
  }

  /** Stops the committer (letting a running commit finish), commits and closes the index. */
  @Override
  public void close() {
    // Never interrupt the committer: an interrupt during Lucene's file I/O closes the channel and
    // with it the index's write lock ("FileLock invalidated by an external force").
    if (committer != null) {
      committer.shutdown();
      try {
        if (!committer.awaitTermination(30, TimeUnit.SECONDS))
          LOG.warn("the periodic index commit did not finish within 30 s; closing anyway");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writeLock.lock(); // an import holds it: the workers are closed once it is done
    workers.close();
    try {
      if (reconciled && problem == null && storeDamage.get() == null)
        index.commit(appliedSeq, mark(appliedSeq));
    } catch (RuntimeException e) {
      LOG.error("the last index commit failed; start-up catches the index up from the store", e);
    } finally {
      try {
        index.close();
      } catch (IOException | RuntimeException e) {
        LOG.error("closing the index failed", e);
      }
      writeLock.unlock();
    }
  }
}

package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Investor;
import cn.qingdao.peipao.core.model.Location;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.search.SearchIndex;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.Database;
import cn.qingdao.peipao.index.store.EntityStore;
import cn.qingdao.peipao.index.store.FeedbackStore;
import cn.qingdao.peipao.index.store.GrowthStore;
import cn.qingdao.peipao.index.store.ReadAudit;
import cn.qingdao.peipao.index.store.StoreException;
import cn.qingdao.peipao.index.store.StoredEntity;
import cn.qingdao.peipao.index.store.Tx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entities of one data directory: the SQLite store is the system of record, the Lucene index
 * follows it. A write is committed to the store (with its audit entry) before it is acknowledged,
 * then applied to the index and made visible to the next search. The index records which store
 * sequence it reflects, so that at start-up it catches up after a crash or is rebuilt when missing,
 * unreadable or built with another mapping. Writes are serialised; reads run concurrently.
 */
public final class Catalog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

  /** Store rows written per transaction in a non-atomic import. */
  static final int IMPORT_BATCH = 500;

  private final Database db;
  private final EntityStore store;
  private final AssignmentStore assignments;
  private final ReadAudit readAudit;
  private final GrowthStore growth;
  private final FeedbackStore feedback;
  private final SearchIndex index;
  private final EntityReader reader;
  private final Clock clock;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ScheduledExecutorService committer;
  private final SecureRandom random = new SecureRandom();
  private long appliedSeq;
  private boolean dirty;
  private final String startupNote;
  // why the store cannot be used (page-level damage found at start-up or by a read); null if sound
  private volatile String storeDamage;
  // why the index cannot be trusted (files lost, writer failed); null when sound. The committer
  // rebuilds it from the store and clears this.
  private volatile String indexProblem;

  /** How start-up treats an index that reflects more of the log than the store holds. */
  public enum IndexAhead {
    /**
     * Refuse to open: the store was truncated or replaced, and the index may hold the only copy.
     */
    REFUSE,
    /** The store is the truth (a backup restored on purpose): rebuild the index from it. */
    REBUILD
  }

  private Catalog(
      Database db, SearchIndex index, Taxonomy taxonomy, Clock clock, IndexAhead ahead) {
    this.db = db;
    this.store = new EntityStore(db);
    this.assignments = new AssignmentStore(db);
    this.readAudit = new ReadAudit(db);
    this.growth = new GrowthStore(db);
    this.feedback = new FeedbackStore(db);
    this.index = index;
    this.reader = new EntityReader(taxonomy);
    this.clock = clock;
    List<String> damage = db.quickCheck();
    if (damage.isEmpty()) {
      this.startupNote = reconcile(ahead);
    } else {
      // a damaged store is neither read into the index nor written: the index stays as it was
      storeDamage = "store.db failed its integrity check: " + String.join("; ", damage);
      this.startupNote = storeDamage;
      LOG.error("{}; answering 503 until store.db is restored from a backup", storeDamage);
    }
    this.committer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "index-committer");
              t.setDaemon(true);
              return t;
            });
    committer.scheduleWithFixedDelay(this::commitIfDirty, 1, 1, TimeUnit.SECONDS);
  }

  /** Opens (creating if needed) the store and index under {@code dataDir} and reconciles them. */
  public static Catalog open(Path dataDir, Taxonomy taxonomy) {
    return open(dataDir, taxonomy, Clock.systemUTC());
  }

  public static Catalog open(Path dataDir, Taxonomy taxonomy, Clock clock) {
    return open(dataDir, taxonomy, clock, IndexAhead.REFUSE);
  }

  /**
   * Opens {@code dataDir}, treating an index ahead of the store as {@code ahead} says.
   *
   * @throws DataDirectoryException when the store is missing or behind an existing index (with
   *     {@link IndexAhead#REFUSE}), or the directory cannot be created
   */
  public static Catalog open(Path dataDir, Taxonomy taxonomy, Clock clock, IndexAhead ahead) {
    Database db = Database.open(DataDirectory.prepare(dataDir));
    SearchIndex index = null;
    try {
      index = SearchIndex.open(dataDir.resolve(DataDirectory.INDEX), taxonomy);
      return new Catalog(db, index, taxonomy, clock, ahead);
    } catch (RuntimeException e) {
      if (index != null) closeQuietly(index);
      db.close();
      throw e;
    }
  }

  private static void closeQuietly(SearchIndex index) {
    try {
      index.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing the index after a failed open: {}", e.toString());
    }
  }

  public EntityReader reader() {
    return reader;
  }

  /** What start-up did to bring the index in line with the store. */
  public String startupNote() {
    return startupNote;
  }

  private String reconcile(IndexAhead ahead) {
    long storeSeq = store.lastSeq();
    long indexSeq = index.committedSeq();
    if (indexSeq > storeSeq && ahead == IndexAhead.REFUSE)
      throw new DataDirectoryException(
          "the search index reflects the store up to change "
              + indexSeq
              + " but store.db only holds "
              + storeSeq
              + (storeSeq == 0 ? " (it is empty)" : "")
              + ": store.db was truncated or replaced by an older copy. Refusing to start, because"
              + " rebuilding the index from it would drop what only the index still holds."
              + " Restore the newest store.db from a backup; or rebuild the store from the index"
              + " with 'matcher recover'; or, if you restored an older backup on purpose, run"
              + " 'matcher reindex' to rebuild the index from it.");
    String note;
    if (index.rebuildNeeded() || indexSeq > storeSeq) {
      note =
          "rebuilt the index ("
              + (index.rebuildNeeded() ? index.openNote() : "index ahead of store")
              + ")";
      rebuildIndex(storeSeq);
    } else if (indexSeq < storeSeq) {
      int n = applyChanges(indexSeq);
      note =
          "caught up the index with "
              + n
              + " changed entities (seq "
              + indexSeq
              + " → "
              + storeSeq
              + ")";
    } else {
      note = "index up to date at seq " + storeSeq;
    }
    appliedSeq = storeSeq;
    index.commit(storeSeq);
    index.refresh();
    LOG.info(note);
    return note;
  }

  /** Rebuilds the whole index from the store; blocks writes meanwhile. */
  public int reindex() {
    writeLock.lock();
    try {
      return rebuildCommitted();
    } finally {
      writeLock.unlock();
    }
  }

  /** Rebuilds the index from the whole store and commits it; the caller holds the write lock. */
  private int rebuildCommitted() {
    long seq = store.lastSeq();
    int n = rebuildIndex(seq);
    appliedSeq = seq;
    index.commit(seq);
    index.refresh();
    dirty = false;
    return n;
  }

  private int rebuildIndex(long seq) {
    index.deleteAll();
    Map<EntityType, Map<String, Integer>> loads = new EnumMap<>(EntityType.class);
    for (EntityType t : List.of(EntityType.MENTORS, EntityType.PARKS))
      loads.put(t, assignments.loads(t));
    int[] n = {0};
    store.forEach(
        row -> {
          int assigned = loads.getOrDefault(row.type(), Map.of()).getOrDefault(row.id(), 0);
          parse(row).ifPresent(e -> index.upsert(e, row.json(), assigned));
          n[0]++;
        });
    return n[0];
  }

  /** Current assignments of a mentor or park (0 for the other types). */
  private int assigned(EntityType type, String id) {
    return type == EntityType.MENTORS || type == EntityType.PARKS ? assignments.load(type, id) : 0;
  }

  /** Applies to the index every store change after {@code seq}; returns how many entities. */
  private int applyChanges(long seq) {
    List<EntityStore.Change> changes = store.changesSince(seq);
    changes.forEach(this::applyChange);
    return changes.size();
  }

  private void applyChange(EntityStore.Change c) {
    Optional<StoredEntity> row = store.get(c.type(), c.id());
    if (row.isEmpty()) {
      index.delete(c.type(), c.id());
    } else {
      Optional<Entity> e = parse(row.get());
      if (e.isPresent()) index.upsert(e.get(), row.get().json(), assigned(c.type(), c.id()));
      else index.delete(c.type(), c.id());
    }
  }

  private Optional<Entity> parse(StoredEntity row) {
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

  public Optional<StoredEntity> get(EntityType type, String id) {
    return store.get(type, id);
  }

  /** The stored entity as a validated record with its server fields. */
  public Optional<Entity> entity(EntityType type, String id) {
    return store.get(type, id).flatMap(this::parse);
  }

  /** Creates a new entity; its id is generated when absent. */
  public WriteResult create(Entity e, String actor) {
    return write(e, actor, Mode.CREATE, null, null);
  }

  /**
   * Creates or replaces the entity with {@code e.id()}. With {@code expectedVersion}, the stored
   * version must equal it (0 meaning "must not exist yet").
   */
  public WriteResult put(Entity e, Long expectedVersion, String actor) {
    return write(e, actor, Mode.PUT, expectedVersion, null);
  }

  /**
   * As {@link #put}, recording {@code action} in the audit log instead of {@code update} (e.g. a
   * status change the entity's history should show).
   */
  public WriteResult put(Entity e, Long expectedVersion, String actor, String action) {
    return write(e, actor, Mode.PUT, expectedVersion, action);
  }

  private enum Mode {
    CREATE,
    PUT
  }

  private WriteResult write(
      Entity e, String actor, Mode mode, Long expectedVersion, String action) {
    writeLock.lock();
    try {
      String id = e.id() != null ? e.id() : newId(e.type());
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      Entity[] saved = new Entity[1];
      String[] json = new String[1];
      WriteResult result =
          store.write(
              tx -> {
                Optional<StoredEntity> old = tx.get(e.type(), id);
                if (mode == Mode.CREATE && old.isPresent()) {
                  throw new EntityConflictException(
                      e.type().path() + " '" + id + "' exists; use PUT to replace it");
                }
                long current = old.map(StoredEntity::version).orElse(0L);
                if (expectedVersion != null && expectedVersion != current) {
                  throw new EntityConflictException(
                      old.isPresent()
                          ? "version "
                              + expectedVersion
                              + " is stale: "
                              + e.type().path()
                              + " '"
                              + id
                              + "' is at version "
                              + current
                              + "; read it again and retry"
                          : e.type().path()
                              + " '"
                              + id
                              + "' does not exist, but If-Match expected version "
                              + expectedVersion);
                }
                saved[0] = e.withServerFields(id, current + 1, now);
                json[0] = Json.write(saved[0]);
                long seq =
                    put(
                        tx,
                        saved[0],
                        json[0],
                        actor,
                        action != null ? action : old.isPresent() ? "update" : "create");
                return new WriteResult(
                    new StoredEntity(e.type(), id, current + 1, now, json[0], seq), old.isEmpty());
              });
      applyToIndex(
          result.stored().seq(),
          () -> index.upsert(saved[0], json[0], assigned(saved[0].type(), saved[0].id())));
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Deletes an entity (with {@code expectedVersion}, only at that version).
   *
   * @throws EntityNotFoundException when absent
   */
  public void delete(EntityType type, String id, Long expectedVersion, String actor) {
    writeLock.lock();
    try {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      store.write(
          tx -> {
            StoredEntity old =
                tx.get(type, id).orElseThrow(() -> new EntityNotFoundException(type, id));
            if (expectedVersion != null && expectedVersion != old.version()) {
              throw new EntityConflictException(
                  "version "
                      + expectedVersion
                      + " is stale: "
                      + type.path()
                      + " '"
                      + id
                      + "' is at version "
                      + old.version());
            }
            return tx.delete(type, id, actor, now);
          });
      applyToIndex(store.lastSeq(), () -> index.delete(type, id));
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Imports JSON Lines (one entity per line, upsert by id). Non-atomic: every valid line is
   * applied, every invalid one reported. Atomic: all lines or none. Returns after the applied lines
   * are committed to the store and visible to search.
   */
  public ImportReport importLines(
      EntityType type, Iterator<String> lines, boolean atomic, String actor) {
    Iterator<byte[]> bytes =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return lines.hasNext();
          }

          @Override
          public byte[] next() {
            return lines.next().getBytes(StandardCharsets.UTF_8);
          }
        };
    return importUtf8Lines(type, bytes, atomic, actor);
  }

  /**
   * As {@link #importLines}, for raw lines: a line that is not valid UTF-8 is reported like any
   * other malformed line.
   */
  public ImportReport importUtf8Lines(
      EntityType type, Iterator<byte[]> lines, boolean atomic, String actor) {
    List<ImportReport.LineError> errors = new ArrayList<>();
    int[] counts = new int[4]; // received, applied, created, updated
    List<Entity> batch = new ArrayList<>();
    writeLock.lock();
    try {
      if (atomic) {
        store.write(
            tx -> {
              readLines(type, lines, errors, counts, e -> stage(tx, e, actor, counts));
              if (!errors.isEmpty()) throw new AtomicImportRejected();
              return null;
            });
      } else {
        try {
          readLines(
              type,
              lines,
              errors,
              counts,
              e -> {
                batch.add(e);
                if (batch.size() >= IMPORT_BATCH) flush(batch, actor, counts);
              });
        } catch (SQLException e) {
          throw new StoreException("import failed: " + e.getMessage(), e);
        }
        flush(batch, actor, counts);
      }
    } catch (AtomicImportRejected rejected) {
      counts[1] = counts[2] = counts[3] = 0;
    } finally {
      try {
        applyToIndex(store.lastSeq(), () -> applyChanges(appliedSeq));
      } finally {
        writeLock.unlock();
      }
    }
    return new ImportReport(
        atomic, counts[0], counts[1], counts[2], counts[3], errors.size(), List.copyOf(errors));
  }

  private static final class AtomicImportRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AtomicImportRejected() {
      super("atomic import rejected", null, false, false);
    }
  }

  @FunctionalInterface
  private interface EntitySink {
    void accept(Entity e) throws SQLException;
  }

  private void readLines(
      EntityType type,
      Iterator<byte[]> lines,
      List<ImportReport.LineError> errors,
      int[] counts,
      EntitySink sink)
      throws SQLException {
    int lineNo = 0;
    while (lines.hasNext()) {
      byte[] line = lines.next();
      lineNo++;
      if (isBlank(line)) continue;
      counts[0]++;
      try {
        Entity e = reader.read(type, Json.parse(line));
        if (e.id() == null) e = e.withServerFields(newId(type), 0, null);
        sink.accept(e);
      } catch (ValidationException ex) {
        String id = null;
        try {
          var node = Json.parse(line).get("id");
          if (node != null && node.isTextual()) id = node.textValue();
        } catch (ValidationException malformed) {
          // no id to report
        }
        errors.add(new ImportReport.LineError(lineNo, id, ex.errors()));
      }
    }
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') return false;
    }
    return true;
  }

  private void flush(List<Entity> batch, String actor, int[] counts) {
    if (batch.isEmpty()) return;
    store.write(
        tx -> {
          for (Entity e : batch) stage(tx, e, actor, counts);
          return null;
        });
    batch.clear();
  }

  private void stage(Tx tx, Entity e, String actor, int[] counts) throws SQLException {
    Optional<StoredEntity> old = tx.get(e.type(), e.id());
    long version = old.map(StoredEntity::version).orElse(0L) + 1;
    Entity saved =
        e.withServerFields(e.id(), version, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    put(tx, saved, Json.write(saved), actor, old.isPresent() ? "import-update" : "import-create");
    counts[1]++;
    counts[old.isPresent() ? 3 : 2]++;
  }

  private long put(Tx tx, Entity e, String json, String actor, String action) throws SQLException {
    return tx.put(e.type(), e.id(), e.version(), e.updatedAt(), json, columns(e), actor, action);
  }

  /** Applies committed store changes to the index; if that fails, the committer retries. */
  private void applyToIndex(long seq, Runnable apply) {
    try {
      apply.run();
      index.refresh();
      appliedSeq = Math.max(appliedSeq, seq);
      dirty = true;
    } catch (RuntimeException e) {
      indexProblem = "an index update failed after a committed write: " + e;
      LOG.error(
          "index update failed after a committed write (seq {}); rebuilding from the store",
          seq,
          e);
    }
  }

  private void commitIfDirty() {
    if (storeDamage != null) return; // nothing is read from a damaged store, not even its seq
    writeLock.lock();
    try {
      String problem = indexProblem != null ? indexProblem : index.problem();
      if (problem != null) {
        recoverIndex(problem);
        return;
      }
      long storeSeq = store.lastSeq();
      if (appliedSeq < storeSeq) {
        applyChanges(appliedSeq);
        index.refresh();
        appliedSeq = storeSeq;
        dirty = true;
      }
      if (dirty) {
        index.commit(appliedSeq);
        dirty = false;
      }
    } catch (RuntimeException e) {
      indexProblem = "the periodic index commit failed: " + e;
      LOG.error("periodic index commit failed; rebuilding the index from the store", e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Rebuilds a lost or failed index from the store, under the write lock (writes wait; searches and
   * recommendations answer 503 meanwhile, see {@link #indexProblem()}).
   */
  private void recoverIndex(String problem) {
    indexProblem = problem;
    LOG.error("{}; rebuilding the index from the store", problem);
    try {
      index.recreate();
      int n = rebuildCommitted();
      indexProblem = null;
      LOG.info("rebuilt the index from the store: {} entities at seq {}", n, appliedSeq);
    } catch (IOException | RuntimeException e) {
      indexProblem = problem + "; the rebuild failed too (" + e + "), retrying";
      LOG.error("rebuilding the index failed; retrying in a second", e);
    }
  }

  /**
   * Why the search index cannot be trusted now (being rebuilt from the store), or null. O(1): what
   * the last write or the committer found; {@link #checkIndex()} looks now.
   */
  public String indexProblem() {
    return indexProblem;
  }

  /** As {@link #indexProblem()}, also looking at the index's files now (one directory listing). */
  public String checkIndex() {
    String known = indexProblem;
    return known != null ? known : index.problem();
  }

  /** Why the store cannot be used (damaged pages; restore it from a backup), or null. */
  public String storeDamage() {
    return storeDamage;
  }

  /** Records that a read or write found the store damaged: from now on it is not used. */
  public void markStoreDamaged(String why) {
    if (storeDamage == null) {
      storeDamage = "store.db is damaged: " + why;
      LOG.error("{}; answering 503 until store.db is restored from a backup", storeDamage);
    }
  }

  /**
   * Runs {@code work} in one store transaction under the write lock, then brings the index up to
   * date with every entity it logged (e.g. mentors whose assignments changed). Returns what the
   * work returned, once committed.
   */
  public <T> T writeLogged(EntityStore.Work<T> work) {
    writeLock.lock();
    try {
      T result = store.write(work);
      applyToIndex(store.lastSeq(), () -> applyChanges(appliedSeq));
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /** What users did with recommendations. */
  public FeedbackStore feedback() {
    return feedback;
  }

  /** Growth records and alerts. */
  public GrowthStore growth() {
    return growth;
  }

  /** Who read personal data. */
  public ReadAudit readAudit() {
    return readAudit;
  }

  /** Allocations and assignments. */
  public AssignmentStore assignments() {
    return assignments;
  }

  public Clock clock() {
    return clock;
  }

  public SearchResult search(SearchRequest request) {
    return index.search(request);
  }

  /** Entities per type in the store and in the index; equal when they agree. */
  public Map<EntityType, long[]> counts() {
    Map<EntityType, long[]> out = new EnumMap<>(EntityType.class);
    for (EntityType t : EntityType.values())
      out.put(t, new long[] {store.count(t), index.count(t)});
    return out;
  }

  public long storeSeq() {
    return store.lastSeq();
  }

  /** The search index (for the recommender, which reads it directly). */
  public SearchIndex index() {
    return index;
  }

  public EntityStore store() {
    return store;
  }

  /** Whether a one-time fact about this data directory was recorded (e.g. demo loaded). */
  public Optional<String> meta(String key) {
    return store.meta(key);
  }

  public void putMeta(String key, String value) {
    store.write(
        tx -> {
          tx.putMeta(key, value);
          return null;
        });
  }

  private String newId(EntityType type) {
    byte[] b = new byte[6];
    random.nextBytes(b);
    return type.idPrefix() + "-" + HexFormat.of().formatHex(b);
  }

  private static Tx.Columns columns(Entity e) {
    return switch (e) {
      case Project p ->
          new Tx.Columns(
              p.name(),
              p.status(),
              district(p.location()),
              p.stage(),
              String.join(",", p.sectors()));
      case Mentor m ->
          new Tx.Columns(
              m.name(),
              null,
              district(m.location()),
              String.join(",", m.stages()),
              String.join(",", m.sectors()));
      case Park k ->
          new Tx.Columns(
              k.name(),
              null,
              district(k.location()),
              String.join(",", k.stages()),
              String.join(",", k.sectors()));
      case Investor i ->
          new Tx.Columns(
              i.name(),
              null,
              district(i.location()),
              String.join(",", i.stages()),
              String.join(",", i.sectors()));
      case Policy p ->
          new Tx.Columns(
              p.name(),
              null,
              String.join(",", p.districts()),
              String.join(",", p.stages()),
              String.join(",", p.sectors()));
    };
  }

  private static String district(Location l) {
    return l == null ? null : l.district();
  }

  /** Commits the index and closes store and index. */
  @Override
  public void close() {
    // Never interrupt the committer: an interrupt during Lucene's file I/O closes the channel and
    // with it the index's write lock ("FileLock invalidated by an external force"). Let a running
    // commit finish; no new one starts.
    committer.shutdown();
    try {
      if (!committer.awaitTermination(30, TimeUnit.SECONDS))
        LOG.warn("the periodic index commit did not finish within 30 s; closing anyway");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writeLock.lock();
    try {
      index.commit(appliedSeq);
      index.close();
    } catch (IOException e) {
      LOG.error("closing the index failed", e);
    } finally {
      db.close();
      writeLock.unlock();
    }
  }
}

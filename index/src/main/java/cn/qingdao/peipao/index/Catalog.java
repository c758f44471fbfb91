package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.search.SearchIndex;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.AuditEntry;
import cn.qingdao.peipao.index.store.Database;
import cn.qingdao.peipao.index.store.EntityStore;
import cn.qingdao.peipao.index.store.FeedbackStore;
import cn.qingdao.peipao.index.store.GrowthStore;
import cn.qingdao.peipao.index.store.OutreachStore;
import cn.qingdao.peipao.index.store.ParkReportStore;
import cn.qingdao.peipao.index.store.ReadAudit;
import cn.qingdao.peipao.index.store.RegistrationStore;
import cn.qingdao.peipao.index.store.RelationStore;
import cn.qingdao.peipao.index.store.SpaceStore;
import cn.qingdao.peipao.index.store.StoreConfig;
import cn.qingdao.peipao.index.store.StoredEntity;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.store.Tx;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private final Database db;
  private final StoreConfig storeConfig;
  private final EntityStore store;
  private final AssignmentStore assignments;
  private final ReadAudit readAudit;
  private final GrowthStore growth;
  private final FeedbackStore feedback;
  private final TicketStore tickets;
  private final OutreachStore outreach;
  private final SpaceStore spaces;
  private final ParkReportStore parkReports;
  private final RegistrationStore registrations;
  private final RelationStore relations;
  private final SearchIndex index;
  private final EntityReader reader;
  private final Clock clock;
  // the one lock every write takes: entity writes, imports, logged transactions, the committer
  private final ReentrantLock writeLock = new ReentrantLock();
  // write transactions begun (for the test that no read takes the write path)
  private final java.util.concurrent.atomic.AtomicLong writeTransactions =
      new java.util.concurrent.atomic.AtomicLong();
  private final IndexSync sync;
  private final EntityImporter importer;
  private final SecureRandom random = new SecureRandom();
  private final String startupNote;
  // why the store cannot be used (page-level damage found at start-up or by a read); null if sound
  private volatile String storeDamage;

  /** {@code expectedVersion} for "any version, as long as it exists" ({@code If-Match: *}). */
  public static final long ANY_VERSION = -1;

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
      Database db,
      SearchIndex index,
      Taxonomy taxonomy,
      Clock clock,
      IndexAhead ahead,
      StoreConfig storeConfig) {
    this.storeConfig = storeConfig;
    this.db = db;
    this.store = new EntityStore(db);
    this.assignments = new AssignmentStore(db);
    this.readAudit = new ReadAudit(db);
    this.growth = new GrowthStore(db);
    this.feedback = new FeedbackStore(db);
    this.tickets = new TicketStore(db);
    this.outreach = new OutreachStore(db);
    this.spaces = new SpaceStore(db);
    this.parkReports = new ParkReportStore(db);
    this.registrations = new RegistrationStore(db);
    this.relations = new RelationStore(db);
    this.index = index;
    this.reader = new EntityReader(taxonomy);
    this.clock = clock;
    this.sync =
        new IndexSync(
            store,
            assignments,
            index,
            reader,
            writeLock,
            () -> storeDamage,
            this::markStoreDamaged,
            clock);
    this.importer = new EntityImporter(store, reader, clock, this::newId);
    List<String> damage = db.quickCheck();
    if (damage.isEmpty()) {
      this.startupNote = sync.reconcile(ahead, () -> storeId(store), storeConfig.shared());
    } else {
      // a damaged store is neither read into the index nor written: the index stays as it was
      storeDamage = "store.db failed its integrity check: " + String.join("; ", damage);
      this.startupNote = storeDamage;
      LOG.error("{}; answering 503 until store.db is restored from a backup", storeDamage);
    }
    // a shared store is written by other nodes too: follow its audit log when they say they
    // committed (LISTEN/NOTIFY), and poll it ten times a second in case a notification is missed
    sync.start(storeConfig.shared() ? SHARED_TAIL_MILLIS : 0);
    if (storeConfig.shared()) db.listenForCommits(sync::wake);
  }

  /** How often a node on a shared store reads the audit log for other nodes' writes. */
  static final long SHARED_TAIL_MILLIS = 100;

  /** The meta key of the store's identity, which its index records with each commit. */
  static final String STORE_ID = "store.id";

  /**
   * This store's identity, made once (first start, or the first since store ids exist); nodes
   * starting together on one shared store agree on the first recorded. Not an audit-logged write.
   */
  private static String storeId(EntityStore store) {
    String mine = java.util.UUID.randomUUID().toString();
    store.write(tx -> tx.putMetaIfAbsent(STORE_ID, mine));
    return store.meta(STORE_ID).orElseThrow();
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
    return open(dataDir, StoreConfig.EMBEDDED, taxonomy, clock, ahead);
  }

  /**
   * Opens the index under {@code dataDir} on the store {@code store} (the directory's own SQLite
   * file, or a PostgreSQL database other nodes may share), treating an index ahead of the store as
   * {@code ahead} says.
   *
   * @throws DataDirectoryException as {@link #open(Path, Taxonomy, Clock, IndexAhead)}
   * @throws cn.qingdao.peipao.index.store.StoreException when PostgreSQL cannot be reached
   */
  public static Catalog open(
      Path dataDir, StoreConfig store, Taxonomy taxonomy, Clock clock, IndexAhead ahead) {
    Database db =
        store.shared() ? Database.open(store) : Database.open(DataDirectory.prepare(dataDir));
    SearchIndex index = null;
    try {
      if (store.shared()) DataDirectory.prepareIndexOnly(dataDir);
      index = DataDirectory.openIndex(dataDir, taxonomy);
      return new Catalog(db, index, taxonomy, clock, ahead, store);
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

  /** Rebuilds the whole index from the store; blocks writes meanwhile. */
  public int reindex() {
    return reindex(n -> {});
  }

  /** As {@link #reindex()}, telling {@code progress} how many entities are done so far. */
  public int reindex(java.util.function.LongConsumer progress) {
    writeLock.lock();
    try {
      return sync.rebuildCommitted(progress);
    } finally {
      writeLock.unlock();
    }
  }

  /** Entities in the store, all types; O(types). */
  public long storeCount() {
    long n = 0;
    for (EntityType t : EntityType.values()) n += store.count(t);
    return n;
  }

  public Optional<StoredEntity> get(EntityType type, String id) {
    return store.get(type, id);
  }

  /** The stored entity as a validated record with its server fields. */
  public Optional<Entity> entity(EntityType type, String id) {
    return store.get(type, id).flatMap(sync::parse);
  }

  /**
   * As {@link #entity}, for the subject of a recommendation: from a cache the index keeps in step
   * with itself, so the subject is as current as what it is ranked against (on a node that did not
   * take the latest write, as current as its index). O(1) when cached.
   */
  public Optional<Entity> subject(EntityType type, String id) {
    return sync.subjects.get(type, id, () -> entity(type, id));
  }

  /** The audit log of one entity, newest first. */
  public List<AuditEntry> audit(EntityType type, String id, int limit) {
    return store.audit(type, id, limit);
  }

  /** Creates a new entity; its id is generated when absent. */
  public WriteResult create(Entity e, String actor) {
    return write(e, actor, Mode.CREATE, null, null);
  }

  /**
   * Creates or replaces the entity with {@code e.id()}. With {@code expectedVersion}, the stored
   * version must equal it (0 meaning "must not exist yet", {@link #ANY_VERSION} "must exist").
   *
   * @throws PreconditionFailedException when the expected version does not hold
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
    writeTransactions.incrementAndGet();
    try {
      String id = e.id() != null ? e.id() : newId(e.type());
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      WriteResult result =
          store.write(
              tx -> {
                Optional<StoredEntity> old = tx.get(e.type(), id);
                if (mode == Mode.CREATE && old.isPresent()) {
                  throw new EntityConflictException(
                      e.type().path() + " '" + id + "' exists; use PUT to replace it");
                }
                long current = old.map(StoredEntity::version).orElse(0L);
                boolean holds =
                    expectedVersion == null
                        || (expectedVersion == ANY_VERSION
                            ? old.isPresent()
                            : expectedVersion == current);
                if (!holds)
                  throw PreconditionFailedException.stale(
                      e.type(), id, expectedVersion, old.isPresent() ? current : null);
                Entity saved = e.withServerFields(id, current + 1, now);
                String json = Json.write(saved);
                String verb = action != null ? action : old.isPresent() ? "update" : "create";
                long seq = EntityRows.put(tx, saved, json, actor, verb);
                return new WriteResult(
                    new StoredEntity(e.type(), id, current + 1, now, json, seq), old.isEmpty());
              });
      StoredEntity row = result.stored();
      Entity saved = e.withServerFields(id, row.version(), row.updatedAt());
      sync.afterWrite(row.seq(), () -> sync.applyWritten(saved, row.json()));
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Deletes an entity (with {@code expectedVersion}, only at that version), ending the active
   * assignments it takes part in.
   *
   * @throws EntityNotFoundException when absent
   */
  public void delete(EntityType type, String id, Long expectedVersion, String actor) {
    writeLock.lock();
    writeTransactions.incrementAndGet();
    try {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      store.write(
          tx -> {
            StoredEntity old =
                tx.get(type, id).orElseThrow(() -> new EntityNotFoundException(type, id));
            if (expectedVersion != null
                && expectedVersion != ANY_VERSION
                && expectedVersion != old.version())
              throw PreconditionFailedException.stale(type, id, expectedVersion, old.version());
            // a deleted project or counterpart takes no part in any accompaniment any more: its
            // assignments end with it (and free their slots), in the same transaction
            if (type == EntityType.PROJECTS
                || type == EntityType.MENTORS
                || type == EntityType.PARKS)
              for (Assignment a : AssignmentStore.activeInvolving(tx, type, id))
                AssignmentStore.end(tx, a, actor, now);
            return tx.delete(type, id, actor, now);
          });
      sync.catchUp(); // the entity leaves the index; counterparts whose load changed are redone
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
    return importUtf8Lines(type, EntityImporter.utf8(lines), atomic, actor);
  }

  /**
   * As {@link #importLines}, for raw lines: a line that is not valid UTF-8 is reported like any
   * other malformed line.
   */
  public ImportReport importUtf8Lines(
      EntityType type, Iterator<byte[]> lines, boolean atomic, String actor) {
    writeLock.lock();
    writeTransactions.incrementAndGet();
    try (ImportFollower follower = sync.follow()) {
      return importer.importLines(type, lines, atomic, actor, follower::committed);
    } finally {
      try {
        sync.catchUp();
      } finally {
        writeLock.unlock();
      }
    }
  }

  /**
   * Runs {@code work} in one store transaction under the write lock — the one way to write
   * allocations, assignments, feedback and growth files — then brings the index up to date with
   * every entity it logged (e.g. mentors whose assignments changed). Returns what the work
   * returned, once committed.
   */
  public <T> T writeLogged(EntityStore.Work<T> work) {
    writeLock.lock();
    writeTransactions.incrementAndGet();
    try {
      T result = store.write(work);
      sync.catchUp();
      return result;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Replaces stored entity {@code e} inside {@code tx}, a {@link #writeLogged} transaction, so that
   * a change derived from other rows (a park's free area after its inventory changed) commits with
   * them or not at all; the index catches up when that transaction ends. Returns the new version.
   *
   * @throws EntityNotFoundException when it is not stored
   */
  public long replaceIn(Tx tx, Entity e, String actor, String action) throws SQLException {
    StoredEntity old =
        tx.get(e.type(), e.id()).orElseThrow(() -> new EntityNotFoundException(e.type(), e.id()));
    Entity saved =
        e.withServerFields(
            e.id(), old.version() + 1, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    EntityRows.put(tx, saved, Json.write(saved), actor, action);
    return saved.version();
  }

  /** Write operations begun since open (entity writes, deletes, imports, logged transactions). */
  public long writeTransactions() {
    return writeTransactions.get();
  }

  /** Whether {@code thread} is waiting for the write lock (for tests of the write path). */
  boolean waitsForWriteLock(Thread thread) {
    return writeLock.hasQueuedThread(thread);
  }

  /** The index's sync with the store, for tests in this package that inject failures. */
  IndexSync sync() {
    return sync;
  }

  /**
   * Why the search index cannot be trusted now (being rebuilt from the store), or null. O(1): what
   * the last write or the committer found; {@link #checkIndex()} looks now.
   */
  public String indexProblem() {
    return sync.problem();
  }

  /** As {@link #indexProblem()}, also looking at the index's files now (one directory listing). */
  public String checkIndex() {
    return sync.check();
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

  /** What users did with recommendations (reads; events are written through writeLogged). */
  public FeedbackStore feedback() {
    return feedback;
  }

  public TicketStore tickets() {
    return tickets;
  }

  public RegistrationStore registrations() {
    return registrations;
  }

  /** Which projects went to which counterparts, for the collaborative component (reads). */
  public RelationStore relations() {
    return relations;
  }

  public ParkReportStore parkReports() {
    return parkReports;
  }

  public SpaceStore spaces() {
    return spaces;
  }

  public OutreachStore outreach() {
    return outreach;
  }

  /** Growth records and alerts (reads; written through writeLogged). */
  public GrowthStore growth() {
    return growth;
  }

  /** Who read personal data: an append-only log of its own, outside the entity write path. */
  public ReadAudit readAudit() {
    return readAudit;
  }

  /** Allocations and assignments (reads; written through writeLogged). */
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

  /**
   * How many write transactions this process has ended ({@link EntityStore#writes}); on the
   * embedded store, which one process holds, every write of the data is one of them. O(1).
   */
  public long localWrites() {
    return store.writes();
  }

  /** Where the store lives (for {@code /health}; no credentials). */
  public StoreConfig storeConfig() {
    return storeConfig;
  }

  /** How far this node's index is behind the store; O(1), from its last look at the log. */
  public SyncLag syncLag() {
    return sync.lag();
  }

  /** The search index (for the recommender, which reads it directly). */
  public SearchIndex index() {
    return index;
  }

  /** Whether a one-time fact about this data directory was recorded (e.g. demo loaded). */
  public Optional<String> meta(String key) {
    return store.meta(key);
  }

  public void putMeta(String key, String value) {
    writeLogged(
        tx -> {
          tx.putMeta(key, value);
          return null;
        });
  }

  /**
   * Records {@code key} = {@code value} unless some node recorded it first; returns the value that
   * holds afterwards (first writer wins, so nodes starting together agree).
   */
  public String putMetaIfAbsent(String key, String value) {
    writeLogged(tx -> tx.putMetaIfAbsent(key, value));
    return store.meta(key).orElseThrow();
  }

  private String newId(EntityType type) {
    byte[] b = new byte[6];
    random.nextBytes(b);
    return type.idPrefix() + "-" + HexFormat.of().formatHex(b);
  }

  /** Commits the index and closes store and index. */
  @Override
  public void close() {
    try {
      sync.close();
    } finally {
      db.close();
    }
  }
}

package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.store.EntityStore;
import cn.qingdao.peipao.index.store.StoredEntity;
import cn.qingdao.peipao.index.store.Tx;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Bulk upsert from JSON Lines. Non-atomic: valid lines are committed in batches of {@link #BATCH},
 * invalid ones reported by line. Atomic: one transaction, nothing applied when any line is invalid.
 * The caller holds the catalog's write lock and brings the index up to date afterwards; a
 * non-atomic import says when each batch is committed, so the index can follow while it writes.
 */
final class EntityImporter {
  /**
   * Store rows written per transaction in a non-atomic import. The parse thread reads one batch
   * ahead, so about two batches are in memory besides the index's buffer: an import of 100,000
   * projects runs in a 128 MB heap. 2,000 was tried (fewer commits, each waits ~4 ms for the disk):
   * no measurable gain, and 128 MB no longer sufficed.
   */
  static final int BATCH = 500;

  private final EntityStore store;
  private final EntityReader reader;
  private final Clock clock;
  private final Function<EntityType, String> newId;

  EntityImporter(
      EntityStore store, EntityReader reader, Clock clock, Function<EntityType, String> newId) {
    this.store = store;
    this.reader = reader;
    this.clock = clock;
    this.newId = newId;
  }

  /** {@code lines} as UTF-8 bytes, converted as they are read. */
  static Iterator<byte[]> utf8(Iterator<String> lines) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public byte[] next() {
        return lines.next().getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  /** What an import counted: lines received, entities applied, of which created and updated. */
  private static final class Tally {
    int received;
    int applied;
    int created;
    int updated;
  }

  ImportReport importLines(
      EntityType type,
      Iterator<byte[]> lines,
      boolean atomic,
      String actor,
      Consumer<List<Staged>> committed) {
    List<ImportReport.LineError> errors = new ArrayList<>();
    Tally tally = new Tally();
    if (atomic) {
      try {
        store.write(
            tx -> {
              readLines(type, lines, errors, tally, e -> stage(tx, e, actor, tally));
              if (!errors.isEmpty()) throw new AtomicImportRejected();
              return null;
            });
      } catch (AtomicImportRejected rejected) {
        tally.applied = tally.created = tally.updated = 0;
      }
    } else {
      importPipelined(type, lines, actor, errors, tally, committed);
    }
    return new ImportReport(
        atomic,
        tally.received,
        tally.applied,
        tally.created,
        tally.updated,
        errors.size(),
        List.copyOf(errors));
  }

  /**
   * The non-atomic import: lines are read, parsed and validated a batch ahead on another thread
   * while this one writes the batch before (on two cores the importer's thread, not the CPU, had
   * become the limit). Lines keep their order; a batch is read only after the one before it.
   */
  private void importPipelined(
      EntityType type,
      Iterator<byte[]> lines,
      String actor,
      List<ImportReport.LineError> errors,
      Tally tally,
      Consumer<List<Staged>> committed) {
    ExecutorService parser =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("import-parse").daemon().factory());
    Future<Parsed> next = parser.submit(() -> parseBatch(type, lines, 0));
    try {
      while (next != null) {
        Parsed p = take(next);
        int last = p.lastLine();
        next = p.more() ? parser.submit(() -> parseBatch(type, lines, last)) : null;
        tally.received += p.received();
        errors.addAll(p.errors());
        flush(p.entities(), actor, tally, committed);
      }
    } finally {
      // a batch still being read (when a write failed) must not touch the lines after we return
      if (next != null) {
        try {
          IndexWorkers.awaitUninterruptibly(next);
        } catch (ExecutionException ignored) {
          // the write's failure is the one reported
        }
      }
      parser.shutdown();
    }
  }

  /** One batch as the parse thread leaves it: valid entities, line errors, where it stopped. */
  private record Parsed(
      List<Entity> entities,
      List<ImportReport.LineError> errors,
      int received,
      int lastLine,
      boolean more) {}

  /** Reads lines after line {@code lineNo} until {@link #BATCH} are valid or none are left. */
  private Parsed parseBatch(EntityType type, Iterator<byte[]> lines, int lineNo) {
    List<Entity> entities = new ArrayList<>(BATCH);
    List<ImportReport.LineError> errors = new ArrayList<>();
    int received = 0;
    while (entities.size() < BATCH && lines.hasNext()) {
      byte[] line = lines.next();
      lineNo++;
      if (isBlank(line)) continue;
      received++;
      try {
        entities.add(entity(type, line));
      } catch (ValidationException ex) {
        errors.add(new ImportReport.LineError(lineNo, idOf(line), ex.errors()));
      }
    }
    return new Parsed(entities, errors, received, lineNo, lines.hasNext());
  }

  private static Parsed take(Future<Parsed> f) {
    try {
      IndexWorkers.awaitUninterruptibly(f);
      return f.resultNow();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error error) throw error;
      throw new IllegalStateException("reading the lines failed", e.getCause());
    }
  }

  /** The entity of one line, with a new id when it has none. */
  private Entity entity(EntityType type, byte[] line) {
    Entity e = reader.read(type, Json.parse(line));
    return e.id() == null ? e.withServerFields(newId.apply(type), 0, null) : e;
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
      Tally tally,
      EntitySink sink)
      throws SQLException {
    int lineNo = 0;
    while (lines.hasNext()) {
      byte[] line = lines.next();
      lineNo++;
      if (isBlank(line)) continue;
      tally.received++;
      try {
        sink.accept(entity(type, line));
      } catch (ValidationException ex) {
        errors.add(new ImportReport.LineError(lineNo, idOf(line), ex.errors()));
      }
    }
  }

  /** The line's {@code id} when it has one that reads, for the report; else null. */
  private static String idOf(byte[] line) {
    try {
      var node = Json.parse(line).get("id");
      return node != null && node.isTextual() ? node.textValue() : null;
    } catch (ValidationException malformed) {
      return null;
    }
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') return false;
    }
    return true;
  }

  /** Commits {@code batch}, then hands what it saved to {@code committed} (which may index it). */
  private void flush(
      List<Entity> batch, String actor, Tally tally, Consumer<List<Staged>> committed) {
    if (batch.isEmpty()) return;
    List<Staged> saved =
        store.write(
            tx -> {
              List<Staged> out = new ArrayList<>(batch.size());
              for (Entity e : batch) out.add(stage(tx, e, actor, tally));
              return out;
            });
    committed.accept(saved);
  }

  private Staged stage(Tx tx, Entity e, String actor, Tally tally) throws SQLException {
    Optional<StoredEntity> old = tx.get(e.type(), e.id());
    long version = old.map(StoredEntity::version).orElse(0L) + 1;
    Entity saved =
        e.withServerFields(e.id(), version, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    String json = Json.write(saved);
    long seq =
        EntityRows.put(tx, saved, json, actor, old.isPresent() ? "import-update" : "import-create");
    tally.applied++;
    if (old.isPresent()) tally.updated++;
    else tally.created++;
    return new Staged(saved, json, seq);
  }
}

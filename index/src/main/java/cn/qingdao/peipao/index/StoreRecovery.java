package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.search.EntityDocuments;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Rebuilds a lost or truncated store from the entity JSON the search index keeps. Nothing is
 * deleted: the old store files and the index are moved aside under a timestamped name, the entities
 * are first written out as JSON Lines next to them, then imported into a new store (which indexes
 * them again). Only entities can come back this way: assignments, feedback, growth files, alerts
 * and the audit history lived in the store alone.
 */
public final class StoreRecovery {
  /** What a recovery did: entities per type, and where the old files went. */
  public record Report(Map<EntityType, Integer> recovered, Path kept, long rejected) {}

  private StoreRecovery() {}

  /**
   * Recovers {@code dataDir}'s store from its index. The server must be stopped.
   *
   * @throws DataDirectoryException when there is no index to recover from
   */
  public static Report fromIndex(Path dataDir, Taxonomy taxonomy, Clock clock) {
    Path index = dataDir.resolve(DataDirectory.INDEX);
    if (!DataDirectory.hasIndex(index))
      throw new DataDirectoryException(
          "there is no search index in " + dataDir + " to recover the store from");
    // a running server holds the index's write lock: recovering under it would move its files away
    Directory lockDir;
    Lock lock;
    try {
      lockDir = FSDirectory.open(index);
      lock = lockDir.obtainLock(IndexWriter.WRITE_LOCK_NAME);
    } catch (LockObtainFailedException e) {
      throw new DataDirectoryException(
          "the data directory " + dataDir + " is in use by a running server; stop it first", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index of " + dataDir, e);
    }
    try (lockDir;
        lock) {
      return recover(dataDir, index, taxonomy, clock, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("recovering the store of " + dataDir + " failed", e);
    }
  }

  /** Recovers under {@code lock}, released once the old index has moved aside. */
  private static Report recover(Path dataDir, Path index, Taxonomy taxonomy, Clock clock, Lock lock)
      throws IOException {
    String stamp = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-');
    Path kept = dataDir.resolve("before-recovery-" + stamp);
    try {
      Files.createDirectories(kept);
      Map<EntityType, Path> lines = new EnumMap<>(EntityType.class);
      Map<EntityType, BufferedWriter> out = new EnumMap<>(EntityType.class);
      try {
        readStored(
            index,
            (type, json) -> {
              try {
                BufferedWriter w = out.get(type);
                if (w == null) {
                  Path f = kept.resolve(type.path() + ".jsonl");
                  lines.put(type, f);
                  w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
                  out.put(type, w);
                }
                w.write(json);
                w.newLine();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } finally {
        for (BufferedWriter w : out.values()) w.close();
      }
      for (String name : new String[] {"store.db", "store.db-wal", "store.db-shm"}) {
        Path f = dataDir.resolve(name);
        if (Files.exists(f)) Files.move(f, kept.resolve(name));
      }
      Files.move(index, kept.resolve(DataDirectory.INDEX));
      lock.close(); // the new store's index is created where the old one was
      Map<EntityType, Integer> recovered = new LinkedHashMap<>();
      long rejected = 0;
      try (Catalog catalog = Catalog.open(dataDir, taxonomy, clock)) {
        for (Map.Entry<EntityType, Path> e : lines.entrySet()) {
          try (Stream<String> s = Files.lines(e.getValue(), StandardCharsets.UTF_8)) {
            ImportReport r = catalog.importLines(e.getKey(), s.iterator(), false, "recovery");
            recovered.put(e.getKey(), r.applied());
            rejected += r.rejected();
          }
        }
      }
      return new Report(recovered, kept, rejected);
    } catch (IOException e) {
      throw new UncheckedIOException("recovering the store of " + dataDir + " failed", e);
    }
  }

  /**
   * Reads the entity JSON every live document of the index at {@code path} stores, without opening
   * it for writing or changing a file; for rebuilding a lost store. O(documents).
   *
   * @return how many documents were read
   */
  /** What recovery reads of a stored document (not the term counts). */
  private static final Set<String> RECOVERED = Set.of(EntityDocuments.TYPE, EntityDocuments.JSON);

  static long readStored(Path path, BiConsumer<EntityType, String> sink) throws IOException {
    try (Directory d = FSDirectory.open(path);
        DirectoryReader reader = DirectoryReader.open(d)) {
      long n = 0;
      for (var leaf : reader.leaves()) {
        var live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (live != null && !live.get(doc)) continue;
          var document = stored.document(doc, RECOVERED);
          EntityType type = EntityType.fromPath(document.get(EntityDocuments.TYPE)).orElseThrow();
          sink.accept(type, document.get(EntityDocuments.JSON));
          n++;
        }
      }
      return n;
    }
  }
}

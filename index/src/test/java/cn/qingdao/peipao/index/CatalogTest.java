package cn.qingdao.peipao.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import cn.qingdao.peipao.index.store.Database;
import cn.qingdao.peipao.index.store.EntityStore;
import cn.qingdao.peipao.index.store.Tx;
import cn.qingdao.peipao.index.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();

  @TempDir Path dir;

  private static Entity project(Catalog c, String json) {
    return c.reader().read(EntityType.PROJECTS, Json.parse(json));
  }

  private static final String P1 =
      "{\"id\":\"t-1\",\"name\":\"海洋大模型\",\"sectors\":[\"ai\"],\"stage\":\"seed\",\"location\":{\"district\":\"laoshan\"}}";

  @Test
  void writesAreVersionedAuditedAndVisibleToTheNextSearch() {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      WriteResult w = c.create(project(c, P1), "tester");
      assertTrue(w.created());
      assertEquals(1, w.stored().version());
      assertEquals(1, search(c, "海洋").total());

      assertThrows(EntityConflictException.class, () -> c.create(project(c, P1), "tester"));
      assertThrows(PreconditionFailedException.class, () -> c.put(project(c, P1), 7L, "tester"));
      WriteResult w2 = c.put(project(c, P1.replace("海洋大模型", "港口物流")), 1L, "tester");
      assertFalse(w2.created());
      assertEquals(2, w2.stored().version());
      assertEquals(0, search(c, "海洋").total());
      assertEquals(1, search(c, "港口").total());

      c.delete(EntityType.PROJECTS, "t-1", null, "tester");
      assertEquals(0, search(c, "港口").total());
      assertTrue(c.get(EntityType.PROJECTS, "t-1").isEmpty());
      assertThrows(
          EntityNotFoundException.class,
          () -> c.delete(EntityType.PROJECTS, "t-1", null, "tester"));

      var audit = c.audit(EntityType.PROJECTS, "t-1", 10);
      assertEquals(
          List.of("delete", "update", "create"), audit.stream().map(a -> a.action()).toList());
      assertTrue(audit.stream().allMatch(a -> a.actor().equals("tester")));
    }
  }

  @Test
  void generatedIdsUseTheTypePrefix() {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      WriteResult w = c.create(project(c, P1.replace("\"id\":\"t-1\",", "")), "tester");
      assertTrue(w.stored().id().matches("p-[0-9a-f]{12}"), w.stored().id());
    }
  }

  @Test
  void nonAtomicImportAppliesValidLinesAndReportsBadOnesByLineNumber() {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      ImportReport r =
          c.importLines(
              EntityType.PROJECTS,
              Fixtures.lines("projects-with-errors.jsonl").iterator(),
              false,
              "tester");
      assertEquals(4, r.received());
      assertEquals(2, r.applied());
      assertEquals(2, r.created());
      assertEquals(2, r.rejected());
      assertEquals(List.of(2, 4), r.errors().stream().map(ImportReport.LineError::line).toList());
      assertEquals("fx-bad-1", r.errors().get(0).id());
      var fields = r.errors().get(0).errors().stream().map(e -> e.field()).toList();
      assertTrue(fields.containsAll(List.of("stage", "location.district")), fields.toString());
      assertEquals(2, c.counts().get(EntityType.PROJECTS)[0]);
      assertEquals(2, c.counts().get(EntityType.PROJECTS)[1]);
    }
  }

  @Test
  void atomicImportAppliesAllOrNothing() {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      ImportReport bad =
          c.importLines(
              EntityType.PROJECTS,
              Fixtures.lines("projects-with-errors.jsonl").iterator(),
              true,
              "tester");
      assertFalse(bad.committed());
      assertEquals(0, bad.applied());
      assertEquals(0, c.counts().get(EntityType.PROJECTS)[0]);
      assertEquals(0, c.storeSeq(), "a rejected atomic import leaves no audit entry either");

      ImportReport good =
          c.importLines(
              EntityType.PROJECTS, Fixtures.lines("projects.jsonl").iterator(), true, "tester");
      assertTrue(good.committed());
      assertEquals(10, good.applied());
      assertEquals(10, search(c, null).total());
      ImportReport again =
          c.importLines(
              EntityType.PROJECTS, Fixtures.lines("projects.jsonl").iterator(), true, "tester");
      assertEquals(10, again.updated());
      assertEquals(2, c.get(EntityType.PROJECTS, "fx-p-01").orElseThrow().version());
    }
  }

  @Test
  void startUpCatchesUpWithStoreWritesTheIndexNeverSaw() throws Exception {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      c.importLines(
          EntityType.PROJECTS, Fixtures.lines("projects.jsonl").iterator(), false, "tester");
    }
    // A crash between the store commit and the index update: the store has writes the index lacks.
    try (Database db = TestStores.database(dir)) {
      EntityStore store = new EntityStore(db);
      store.write(
          tx -> {
            tx.delete(EntityType.PROJECTS, "fx-p-04", "crash", Instant.now());
            String json = P1.replace("t-1", "t-crash");
            tx.put(
                EntityType.PROJECTS,
                "t-crash",
                1,
                Instant.now(),
                json,
                new Tx.Columns("x", "active", "laoshan", "seed", "ai", "370200"),
                "crash",
                "create");
            return null;
          });
    }
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      assertTrue(c.startupNote().startsWith("caught up"), c.startupNote());
      assertAgree(c);
      assertEquals(
          1, search(c, "海洋大模型").hits().stream().filter(h -> h.id().equals("t-crash")).count());
      assertTrue(search(c, "客服").hits().stream().noneMatch(h -> h.id().equals("fx-p-04")));
    }
  }

  @Test
  void missingOrCorruptIndexIsRebuiltFromTheStore() throws IOException {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      c.importLines(
          EntityType.PROJECTS, Fixtures.lines("projects.jsonl").iterator(), false, "tester");
    }
    try (Stream<Path> files = Files.list(dir.resolve("index"))) {
      for (Path f : files.toList()) {
        if (f.getFileName().toString().startsWith("segments_")) {
          Files.write(f, new byte[] {1, 2, 3, 4, 5}, StandardOpenOption.TRUNCATE_EXISTING);
        }
      }
    }
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      assertTrue(c.startupNote().startsWith("rebuilt"), c.startupNote());
      assertAgree(c);
      assertEquals(10, search(c, null).total());
    }
    deleteRecursively(dir.resolve("index"));
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      assertTrue(c.startupNote().contains("no index yet"), c.startupNote());
      assertAgree(c);
      assertEquals(10, c.reindex());
    }
  }

  /**
   * Imports large enough to be indexed on several threads (with an entity repeated inside one
   * import and across imports, and deletions between them) leave the index holding exactly what the
   * store holds: every entity once, in its last version, findable by its text.
   */
  @Test
  void largeImportsAreIndexedExactlyAsTheStoreHoldsThem() {
    Random r = new Random(25);
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      Map<String, String> expected = new TreeMap<>(); // id → name
      for (int round = 0; round < 4; round++) {
        List<String> lines = new ArrayList<>();
        int size = IndexSync.PARALLEL_FROM + r.nextInt(3 * EntityImporter.BATCH);
        for (int i = 0; i < size; i++) {
          String id = "t-" + r.nextInt(300);
          String name = "项目" + r.nextInt(1_000_000);
          lines.add(P1.replace("t-1", id).replace("海洋大模型", name));
          expected.put(id, name);
        }
        ImportReport report = c.importLines(EntityType.PROJECTS, lines.iterator(), false, "t");
        assertEquals(size, report.applied(), "round " + round);
        for (int i = 0; i < 10; i++) {
          String id = "t-" + r.nextInt(300);
          if (expected.remove(id) != null) c.delete(EntityType.PROJECTS, id, null, "t");
        }
        assertEquals(expected, indexedNames(c), "round " + round);
        // what the index stores is the store's JSON, whether it took the entity as the import
        // saved it or read it back from the store
        for (int offset = 0; ; offset += 100) {
          var page = c.search(new SearchRequest(EntityType.PROJECTS, null, Map.of(), offset, 100));
          for (SearchResult.Hit h : page.hits())
            assertEquals(c.get(EntityType.PROJECTS, h.id()).orElseThrow().json(), h.json(), h.id());
          if (page.hits().size() < 100) break;
        }
        for (String id : List.copyOf(expected.keySet()).subList(0, 5)) {
          var found = search(c, expected.get(id)).hits().stream().map(SearchResult.Hit::id);
          assertTrue(found.anyMatch(id::equals), id + " is not found by its name");
        }
      }
      assertAgree(c);
      // a rebuild (reindex, recovery) indexes on several threads too
      assertEquals(expected.size(), c.reindex());
      assertEquals(expected, indexedNames(c), "after a rebuild");
    }
  }

  /**
   * The subject of a recommendation (cached) is the stored entity after every kind of write: a
   * create, a replacement, an import (large and small), a deletion, a re-creation.
   */
  @Test
  void aSubjectIsTheStoredEntityAfterEveryKindOfWrite() {
    Random r = new Random(26);
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      List<String> ids = List.of("t-1", "t-2", "t-3");
      for (int step = 0; step < 60; step++) {
        String id = ids.get(r.nextInt(ids.size()));
        String line = P1.replace("t-1", id).replace("海洋大模型", "项目" + step);
        boolean exists = c.entity(EntityType.PROJECTS, id).isPresent();
        switch (r.nextInt(4)) {
          case 0 -> c.put(project(c, line), null, "t");
          case 1 -> c.importLines(EntityType.PROJECTS, List.of(line).iterator(), false, "t");
          case 2 -> {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < IndexSync.PARALLEL_FROM; i++) lines.add(line.replace(id, "u-" + i));
            lines.add(line);
            c.importLines(EntityType.PROJECTS, lines.iterator(), false, "t");
          }
          default -> {
            if (exists) c.delete(EntityType.PROJECTS, id, null, "t");
          }
        }
        for (String each : ids) {
          // read twice: the first may fill the cache, the second reads it
          c.subject(EntityType.PROJECTS, each);
          assertEquals(
              c.entity(EntityType.PROJECTS, each),
              c.subject(EntityType.PROJECTS, each),
              "step " + step + ", " + each);
        }
      }
    }
  }

  /**
   * Readers racing the writes never leave a subject older than a write already acknowledged, nor
   * older than the store once the writes stop.
   */
  @Test
  void subjectsReadWhileWritesRaceThemAreNeverLeftBehind() throws Exception {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      c.put(project(c, P1), null, "t");
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> readers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread reader =
            new Thread(
                () -> {
                  while (!stop.get()) c.subject(EntityType.PROJECTS, "t-1");
                });
        reader.start();
        readers.add(reader);
      }
      try {
        for (int v = 0; v < 60; v++) {
          WriteResult w = c.put(project(c, P1.replace("海洋大模型", "项目" + v)), null, "t");
          long seen = c.subject(EntityType.PROJECTS, "t-1").orElseThrow().version();
          assertTrue(seen >= w.stored().version(), "write " + v + ": subject at version " + seen);
        }
      } finally {
        stop.set(true);
        for (Thread reader : readers) reader.join();
      }
      assertEquals(c.entity(EntityType.PROJECTS, "t-1"), c.subject(EntityType.PROJECTS, "t-1"));
    }
  }

  /** Every project the index holds, id → name, checking that none is there twice. */
  private static Map<String, String> indexedNames(Catalog c) {
    Map<String, String> indexed = new TreeMap<>();
    for (int offset = 0; ; offset += 100) {
      var page = c.search(new SearchRequest(EntityType.PROJECTS, null, Map.of(), offset, 100));
      for (SearchResult.Hit h : page.hits())
        assertNull(
            indexed.put(h.id(), Json.parse(h.json()).get("name").asText()), "twice: " + h.id());
      if (page.hits().size() < 100) return indexed;
    }
  }

  @Test
  void reopeningACleanlyClosedCatalogNeedsNoWork() {
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      c.importLines(
          EntityType.MENTORS, Fixtures.lines("mentors.jsonl").iterator(), false, "tester");
    }
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      assertTrue(c.startupNote().startsWith("index up to date"), c.startupNote());
      assertAgree(c);
    }
  }

  /**
   * An index follows one store: opened on another store (a node pointed at another database, a
   * store file swapped for one that is not its backup) it refuses to start rather than catch up by
   * sequence numbers and mix the two; with {@code reindex}'s REBUILD it is rebuilt from the store.
   */
  @Test
  void anIndexOpenedOnAnotherStoreRefusesInsteadOfMixingThem() throws IOException {
    Path x = dir.resolve("x");
    Path y = dir.resolve("y");
    var demo = QingdaoDataset.demo(EntityType.PROJECTS, TAXONOMY);
    try (Catalog c = TestStores.open(x, TAXONOMY)) {
      c.importLines(
          EntityType.PROJECTS, demo.subList(0, 3).stream().map(Json::write).iterator(), true, "t");
    }
    try (Catalog c = TestStores.open(y, TAXONOMY)) {
      // more writes than x: sequence numbers alone would take x's index for y's, behind
      c.importLines(
          EntityType.PROJECTS, demo.subList(3, 20).stream().map(Json::write).iterator(), true, "t");
    }
    var yStore = TestStores.forDir(y);
    if (!yStore.shared())
      Files.copy(
          y.resolve("store.db"),
          x.resolve("store.db"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    DataDirectoryException e =
        assertThrows(
            DataDirectoryException.class,
            () ->
                Catalog.open(
                        x, yStore, TAXONOMY, java.time.Clock.systemUTC(), Catalog.IndexAhead.REFUSE)
                    .close());
    assertTrue(e.getMessage().contains("another store"), e.getMessage());
    try (Catalog c =
        Catalog.open(
            x, yStore, TAXONOMY, java.time.Clock.systemUTC(), Catalog.IndexAhead.REBUILD)) {
      assertTrue(c.startupNote().contains("another store"), c.startupNote());
      assertEquals(17, c.counts().get(EntityType.PROJECTS)[1]);
      assertAgree(c);
    }
    // rebuilt, the index now follows that store: it opens without complaint
    try (Catalog c =
        Catalog.open(x, yStore, TAXONOMY, java.time.Clock.systemUTC(), Catalog.IndexAhead.REFUSE)) {
      assertEquals("index up to date at seq " + c.storeSeq(), c.startupNote());
    }
  }

  /**
   * The same store with another history — restored from a backup older than the index, then written
   * past the index's sequence again — is told from the one the index followed: start-up refuses
   * instead of catching up and keeping entities the store no longer has; reindex rebuilds.
   */
  @Test
  void aStoreRestoredAndWrittenPastTheIndexIsNotTakenForTheOneItFollowed() throws Exception {
    var demo = QingdaoDataset.demo(EntityType.PROJECTS, TAXONOMY);
    try (Catalog c = TestStores.open(dir, TAXONOMY)) {
      // changes 1..10
      c.importLines(
          EntityType.PROJECTS, demo.subList(0, 10).stream().map(Json::write).iterator(), true, "t");
    }
    // "restore" the state after change 3, then write 3 new entities (sequence 11..13)
    try (Database db = TestStores.database(dir);
        var conn = db.connection();
        var st = conn.createStatement()) {
      st.executeUpdate("DELETE FROM entity WHERE seq > 3");
      st.executeUpdate("DELETE FROM audit_log WHERE seq > 3");
      EntityStore store = new EntityStore(db);
      for (int i = 0; i < 3; i++) {
        String id = "t-after-" + i;
        store.write(
            tx ->
                tx.put(
                    EntityType.PROJECTS,
                    id,
                    1,
                    Instant.now(),
                    P1.replace("t-1", id),
                    new Tx.Columns("x", "active", "laoshan", "seed", "ai", "370200"),
                    "t",
                    "create"));
      }
    }
    DataDirectoryException e =
        assertThrows(DataDirectoryException.class, () -> TestStores.open(dir, TAXONOMY).close());
    assertTrue(e.getMessage().contains("history"), e.getMessage());
    try (Catalog c =
        TestStores.open(dir, TAXONOMY, java.time.Clock.systemUTC(), Catalog.IndexAhead.REBUILD)) {
      assertTrue(c.startupNote().contains("restored"), c.startupNote());
      assertEquals(6, c.counts().get(EntityType.PROJECTS)[1]);
      assertAgree(c);
    }
  }

  static void assertAgree(Catalog c) {
    for (Map.Entry<EntityType, long[]> e : c.counts().entrySet()) {
      assertEquals(e.getValue()[0], e.getValue()[1], "store and index disagree on " + e.getKey());
    }
  }

  private static SearchResult search(Catalog c, String q) {
    return c.search(new SearchRequest(EntityType.PROJECTS, q, Map.of(), 0, 20));
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted((a, b) -> b.compareTo(a)).toList()) Files.delete(f);
    }
  }
}

package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.DataDirectoryException;
import cn.qingdao.peipao.index.StoreRecovery;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory damaged from outside: store deleted, store truncated, store pages overwritten,
 * index deleted while the server runs. The service must never destroy data to recover, never report
 * healthy while damaged, and lose nothing it acknowledged.
 */
@Tag("sqlite-only") // SQLite files and the CLI on the embedded store; once
class FaultTest {
  @TempDir Path dir;

  /** A data directory with the demo data, closed; returns the entity counts per type. */
  Map<EntityType, Long> demoDirectory() {
    Map<EntityType, Long> counts = new TreeMap<>();
    try (TestServer s = TestServer.withDemoData(dir)) {
      s.catalog.counts().forEach((t, c) -> counts.put(t, c[0]));
    }
    return counts;
  }

  static List<String> listing(Path d) throws IOException {
    try (Stream<Path> files = Files.list(d)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aDeletedStoreIsRefusedAndRecoveredFromTheIndexWithoutLosingAnEntity() throws IOException {
    Map<EntityType, Long> before = demoDirectory();
    for (String f : List.of("store.db", "store.db-wal", "store.db-shm"))
      Files.deleteIfExists(dir.resolve(f));
    List<String> index = listing(dir.resolve("index"));
    DataDirectoryException e =
        assertThrows(
            DataDirectoryException.class, () -> Catalog.open(dir, TestServer.TAXONOMY).close());
    assertTrue(e.getMessage().contains("matcher recover"), e.getMessage());
    assertEquals(index, listing(dir.resolve("index")), "the index was not touched");
    assertTrue(Files.notExists(dir.resolve("store.db")), "no empty store was left behind");

    StoreRecovery.Report r = StoreRecovery.fromIndex(dir, TestServer.TAXONOMY, Clock.systemUTC());
    assertEquals(0, r.rejected());
    try (Catalog c = Catalog.open(dir, TestServer.TAXONOMY)) {
      for (EntityType t : EntityType.values()) {
        assertEquals(before.get(t), c.counts().get(t)[0], t + " in the store");
        assertEquals(before.get(t), c.counts().get(t)[1], t + " in the index");
      }
    }
    assertTrue(Files.exists(r.kept().resolve("index")), "the old index is kept");
  }

  @Test
  void aTruncatedStoreIsRefusedAndTheIndexKept() throws IOException {
    demoDirectory();
    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("store.db").toFile(), "rw")) {
      f.setLength(0);
    }
    List<String> index = listing(dir.resolve("index"));
    DataDirectoryException e =
        assertThrows(
            DataDirectoryException.class, () -> Catalog.open(dir, TestServer.TAXONOMY).close());
    assertTrue(e.getMessage().contains("truncated or replaced"), e.getMessage());
    assertEquals(index, listing(dir.resolve("index")));
    // a second start refuses just the same: the refusal wrote nothing that hides the problem
    assertThrows(
        DataDirectoryException.class, () -> Catalog.open(dir, TestServer.TAXONOMY).close());
  }

  @Test
  void damagedPagesAreFoundAtStartAndEveryRequestButHealthAnswers503() throws IOException {
    demoDirectory();
    Path store = dir.resolve("store.db");
    long pages = Files.size(store) / 4096;
    assertTrue(pages > 20, "the store has " + pages + " pages");
    Random r = new Random(7);
    try (RandomAccessFile f = new RandomAccessFile(store.toFile(), "rw")) {
      for (long page : List.of(pages / 4, pages / 2, 3 * pages / 4)) {
        byte[] junk = new byte[4096];
        r.nextBytes(junk);
        f.seek(page * 4096);
        f.write(junk);
      }
    }
    try (TestServer s = new TestServer(dir)) {
      assertNotNull(s.catalog.storeDamage(), "start-up found the damage");
      TestServer.Response health = s.get("/health");
      assertEquals(503, health.status(), health.body());
      assertEquals("damaged", health.json().get("status").asText());
      for (TestServer.Response a :
          List.of(
              s.get("/api/v1/projects/syn-p-00001"),
              s.get("/api/v1/projects?q=海洋"),
              s.json("POST", "/api/v1/projects", BadInputFuzzTest.PROJECT))) {
        assertEquals(503, a.status(), a.body());
        assertTrue(a.body().contains("backup"), a.body());
      }
    }
  }

  @Test
  void anIndexDeletedWhileRunningIsReportedAndRebuiltAndNoWriteIsLost() throws Exception {
    try (TestServer s = TestServer.withDemoData(dir)) {
      List<String> written = new ArrayList<>();
      written.add(create(s, "fault-before"));
      deleteTree(dir.resolve("index"));
      // health looks at the files: degraded at once, not after the next failed commit
      TestServer.Response health = s.get("/health");
      assertEquals(503, health.status(), health.body());
      written.add(create(s, "fault-during")); // acknowledged while the index is gone
      JsonNode ok = awaitHealthy(s, 30_000);
      assertEquals("ok", ok.get("status").asText(), ok.toString());
      written.add(create(s, "fault-after"));
      for (String id : written) {
        TestServer.Response hit = s.get("/api/v1/projects?q=" + id.replace("-", "") + "&size=5");
        assertEquals(200, hit.status(), hit.body());
        assertTrue(hit.body().contains("\"" + id + "\""), id + " is searchable: " + hit.body());
      }
      assertTrue(Files.isDirectory(dir.resolve("index")));
    }
  }

  /** Creates a project whose name is a word of its own, so that search finds exactly it. */
  static String create(TestServer s, String id) {
    String body =
        Json.write(Json.parse("{\"id\":\"" + id + "\"," + BadInputFuzzTest.PROJECT.substring(1)))
            .replace("\"项目\"", "\"" + id.replace("-", "") + "\"");
    TestServer.Response r = s.json("POST", "/api/v1/projects", body);
    assertEquals(201, r.status(), r.body());
    return id;
  }

  /** Polls /health until 200 or {@code millis} pass (the rebuild runs once a second). */
  static JsonNode awaitHealthy(TestServer s, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    TestServer.Response h = s.get("/health");
    while (h.status() != 200 && System.nanoTime() < end) {
      Thread.sleep(100);
      h = s.get("/health");
    }
    assertEquals(200, h.status(), "still unhealthy: " + h.body());
    return h.json();
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  @Test
  void aNewDataDirectoryAndItsStoreAreReadableByTheOwnerOnly() throws IOException {
    Path fresh = dir.resolve("new-data");
    try (Catalog c = Catalog.open(fresh, TestServer.TAXONOMY)) {
      assertEquals(
          "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("store.db"))));
    }
  }

  @Test
  void recoveryRefusesADataDirectoryInUse() throws IOException {
    demoDirectory();
    try (Catalog running = Catalog.open(dir, TestServer.TAXONOMY)) {
      DataDirectoryException e =
          assertThrows(
              DataDirectoryException.class,
              () -> StoreRecovery.fromIndex(dir, TestServer.TAXONOMY, Clock.systemUTC()));
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
      assertTrue(Files.exists(dir.resolve("store.db")), "nothing was moved");
    }
  }
}

package cn.qingdao.peipao.index.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.growth.GrowthRecord;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stores on a real SQLite file, each without the catalog above it: migrations, transactions and
 * their audit log, assignments, feedback and growth files.
 */
class StoresTest {
  static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

  @TempDir Path dir;
  Database db;
  EntityStore entities;

  @BeforeEach
  void open() {
    db = TestStores.database(dir);
    entities = new EntityStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  long put(EntityType type, String id, long version) {
    return entities.write(
        tx ->
            tx.put(
                type,
                id,
                version,
                T0,
                "{\"id\":\"" + id + "\",\"name\":\"n\"}",
                new Tx.Columns("n", "active", "laoshan", "seed", "ai", "370200"),
                "test",
                version == 1 ? "create" : "update"));
  }

  @Test
  void migrationsApplyOnceAndAChangedScriptIsRefused() throws SQLException {
    db.close();
    db = TestStores.database(dir); // a second open applies nothing again
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT COUNT(*) FROM schema_migration");
      rs.next();
      assertEquals(Migrator.SCRIPTS.size(), rs.getInt(1));
      s.executeUpdate("UPDATE schema_migration SET checksum = 'edited' WHERE version = 1");
    }
    db.close();
    StoreException e = assertThrows(StoreException.class, () -> TestStores.database(dir));
    assertTrue(e.getMessage().contains("V1"), e.getMessage());
    db = TestStores.database(dir.resolve("other")); // for @AfterEach
  }

  @Test
  void aTransactionCommitsWithItsAuditEntryOrNotAtAll() {
    long first = put(EntityType.PROJECTS, "p-1", 1);
    long second = put(EntityType.PROJECTS, "p-1", 2);
    assertTrue(second > first, "the audit sequence grows");
    assertEquals(2, entities.get(EntityType.PROJECTS, "p-1").orElseThrow().version());
    long before = entities.lastSeq();
    assertThrows(
        IllegalStateException.class,
        () ->
            entities.write(
                tx -> {
                  tx.put(
                      EntityType.PROJECTS,
                      "p-2",
                      1,
                      T0,
                      "{}",
                      new Tx.Columns("x", null, null, null, "", null),
                      "test",
                      "create");
                  throw new IllegalStateException("the work fails after its first write");
                }));
    assertTrue(entities.get(EntityType.PROJECTS, "p-2").isEmpty(), "rolled back");
    assertEquals(before, entities.lastSeq(), "no audit entry either");
    assertEquals(
        List.of("update", "create"),
        entities.audit(EntityType.PROJECTS, "p-1", 10).stream().map(AuditEntry::action).toList());
    Boolean deleted = entities.write(tx -> tx.delete(EntityType.PROJECTS, "p-1", "test", T0));
    Boolean again = entities.write(tx -> tx.delete(EntityType.PROJECTS, "p-1", "test", T0));
    assertTrue(deleted);
    assertFalse(again, "a second delete finds nothing");
    assertEquals(
        List.of(new EntityStore.Change(EntityType.PROJECTS, "p-1", entities.lastSeq())),
        entities.changesSince(before));
  }

  @Test
  void assignmentsCountLoadsAndEndOnce() {
    Assignment a =
        new Assignment("asg-1", "p-1", EntityType.MENTORS, "m-1", null, 0.8, T0, "t", null, null);
    Assignment b =
        new Assignment("asg-2", "p-2", EntityType.MENTORS, "m-1", null, 0.7, T0, "t", null, null);
    entities.write(
        tx -> {
          AssignmentStore.insert(tx, a);
          AssignmentStore.insert(tx, b);
          return null;
        });
    AssignmentStore store = new AssignmentStore(db);
    assertEquals(2, store.load(EntityType.MENTORS, "m-1"));
    assertEquals(Map.of("m-1", 2), store.loads(EntityType.MENTORS));
    assertEquals(Set.of("p-1", "p-2"), store.activeByProject(EntityType.MENTORS).keySet());
    entities.write(
        tx -> {
          assertTrue(AssignmentStore.paired(tx, "p-1", EntityType.MENTORS, "m-1"));
          assertEquals(
              "asg-1", AssignmentStore.activeOf(tx, "p-1", EntityType.MENTORS).orElseThrow().id());
          assertTrue(AssignmentStore.activeOf(tx, "p-1", EntityType.PARKS).isEmpty());
          assertEquals(2, AssignmentStore.activeInvolving(tx, EntityType.MENTORS, "m-1").size());
          assertTrue(AssignmentStore.end(tx, a, "t", T0.plusSeconds(60)));
          assertFalse(AssignmentStore.end(tx, a, "t", T0.plusSeconds(90)), "ends once");
          return null;
        });
    assertEquals(1, store.load(EntityType.MENTORS, "m-1"));
    assertEquals(1, store.assignmentsOf(EntityType.PROJECTS, "p-1", false).size());
    assertTrue(store.assignmentsOf(EntityType.PROJECTS, "p-1", true).isEmpty());
    assertFalse(store.assignment("asg-1").orElseThrow().active());
  }

  FeedbackEvent event(String subject, String target, FeedbackAction action, String profile) {
    return new FeedbackEvent(
        EntityType.PROJECTS, subject, EntityType.MENTORS, target, action, profile, 1);
  }

  @Test
  void feedbackKeepsTheLastDecisionPerPairAndCountsByProfile() {
    entities.write(
        tx -> {
          FeedbackStore.insert(tx, event("p-1", "m-1", FeedbackAction.REJECT, "default"), "u", T0);
          FeedbackStore.insert(tx, event("p-1", "m-2", FeedbackAction.REJECT, "default"), "u", T0);
          FeedbackStore.insert(tx, event("p-1", "m-1", FeedbackAction.ACCEPT, "default"), "u", T0);
          FeedbackStore.insert(tx, event("p-1", "m-3", FeedbackAction.CLICK, "b"), "u", T0);
          return null;
        });
    FeedbackStore store = new FeedbackStore(db);
    var decisions = store.decisions(EntityType.PROJECTS, "p-1", EntityType.MENTORS);
    assertEquals(Set.of("m-2"), decisions.rejected());
    assertEquals(Set.of("m-1"), decisions.accepted());
    var clicks =
        store.list(new FeedbackStore.Query(null, "p-1", null, FeedbackAction.CLICK, null, 0, 10));
    assertEquals(1, clicks.size());
    assertEquals("m-3", clicks.get(0).event().targetId());
    assertEquals(
        4, store.list(new FeedbackStore.Query(null, null, null, null, null, 0, 10)).size());
    assertEquals(
        2, store.list(new FeedbackStore.Query(null, null, null, null, null, 2, 10)).size());
    assertEquals(Map.of("reject", 2L, "accept", 1L), store.countsByProfile().get("default"));
  }

  @Test
  void growthRecordsReplaceTheirDateAndAlertsFilterByTheProjectsColumns() {
    put(EntityType.PROJECTS, "p-1", 1);
    LocalDate d = LocalDate.of(2026, 9, 1);
    entities.write(
        tx -> {
          GrowthStore.put(
              tx, "p-1", new GrowthRecord(d.plusMonths(1), Map.of("revenue", 2.0)), "u", T0);
          GrowthStore.put(tx, "p-1", new GrowthRecord(d, Map.of("revenue", 1.0)), "u", T0);
          GrowthStore.put(tx, "p-1", new GrowthRecord(d, Map.of("revenue", 5.0)), "u", T0);
          GrowthStore.setAlert(tx, "p-1", 2, "{\"severity\":\"high\"}", T0);
          return null;
        });
    GrowthStore store = new GrowthStore(db);
    List<GrowthRecord> records = store.records("p-1");
    assertEquals(List.of(d, d.plusMonths(1)), records.stream().map(GrowthRecord::date).toList());
    assertEquals(5.0, records.get(0).measures().get("revenue"), "the same date replaced");
    assertEquals(2, store.alert("p-1").orElseThrow().severity());
    assertEquals(
        1,
        store
            .alerts(
                new GrowthStore.AlertQuery(List.of("laoshan"), List.of(), List.of("ai"), 1, 0, 10))
            .total());
    assertEquals(
        0,
        store
            .alerts(new GrowthStore.AlertQuery(List.of("shinan"), List.of(), List.of(), 0, 0, 10))
            .total());
    assertEquals(
        0,
        store
            .alerts(new GrowthStore.AlertQuery(List.of(), List.of(), List.of(), 3, 0, 10))
            .total());
  }
}

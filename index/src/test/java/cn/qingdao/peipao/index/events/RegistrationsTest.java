package cn.qingdao.peipao.index.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.store.FeedbackStore;
import cn.qingdao.peipao.index.store.RegistrationStore;
import cn.qingdao.peipao.index.store.StoreException;
import cn.qingdao.peipao.index.testing.TestStores;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-ups against a real store with a clock the test moves: never over capacity (16 threads for
 * one seat; a row written past the service), the waitlist in order and promoted on cancellation,
 * every refusal a 409 that writes nothing, attendance as feedback, results as awards.
 */
class RegistrationsTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();

  static final class Hand extends Clock {
    volatile Instant now = Instant.parse("2026-11-02T01:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir static Path dir;
  static Catalog catalog;
  static Registrations registrations;
  static final Hand clock = new Hand();
  static List<String> projects;

  @BeforeAll
  static void load() {
    catalog = TestStores.open(dir, TAXONOMY, clock);
    var lines =
        QingdaoDataset.demo(EntityType.PROJECTS, TAXONOMY).stream().map(Json::write).iterator();
    assertTrue(catalog.importLines(EntityType.PROJECTS, lines, true, "test").committed());
    projects =
        QingdaoDataset.demo(EntityType.PROJECTS, TAXONOMY).stream()
            .filter(p -> p.path("status").asText("active").equals("active")) // only they sign up
            .map(p -> p.get("id").asText())
            .toList();
    registrations = new Registrations(catalog);
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  static int events;

  /** A fresh event a week after the clock, sign-up until the day before. */
  static String event(Integer capacity, boolean waitlist, String kind) {
    String id = "ev-t" + (++events);
    ObjectNode e = Json.mapper().createObjectNode();
    e.put("id", id);
    e.put("name", "测试活动" + events);
    e.put("kind", kind);
    e.putObject("location").put("district", "laoshan");
    Instant start = clock.now.plus(Duration.ofDays(7));
    e.put("start", start.atOffset(ZoneOffset.UTC).toString());
    e.put("end", start.plus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC).toString());
    e.put(
        "registrationDeadline",
        start.minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC).toString());
    if (capacity != null) e.put("capacity", capacity);
    e.put("waitlist", waitlist);
    catalog.put(catalog.reader().read(EntityType.EVENTS, e), null, "test");
    return id;
  }

  @Test
  void sixteenThreadsForTheLastSeatGetOneRegistration() throws Exception {
    String ev = event(3, false, "salon");
    registrations.register(ev, projects.get(0), "t");
    registrations.register(ev, projects.get(1), "t");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger won = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> odd = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 16; i++) {
      String p = projects.get(10 + i);
      pool.submit(
          () -> {
            try {
              go.await();
              registrations.register(ev, p, "racer");
              won.incrementAndGet();
            } catch (EntityConflictException e) {
              // full: expected for all but one
            } catch (Throwable t) {
              odd.add(t);
            }
            return null;
          });
    }
    go.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    assertTrue(odd.isEmpty(), odd.toString());
    assertEquals(1, won.get());
    assertEquals(3, registrations.roster(ev, x -> true).registered());
    // full and without a waitlist: recommendations leave it out; a waitlisted one stays
    assertTrue(catalog.registrations().fullWithoutWaitlist().contains(ev));
    String withList = event(1, true, "salon");
    registrations.register(withList, projects.get(0), "t");
    assertTrue(!catalog.registrations().fullWithoutWaitlist().contains(withList));
  }

  /** Found by a black-box pass: seats freed by a raised capacity go to the waitlist first. */
  @Test
  void aRaisedCapacityServesTheWaitlistBeforeANewcomer() {
    String ev = event(1, true, "salon");
    registrations.register(ev, projects.get(0), "t");
    registrations.register(ev, projects.get(1), "t"); // waitlisted, 1st
    ObjectNode e = (ObjectNode) Json.parse(catalog.get(EntityType.EVENTS, ev).orElseThrow().json());
    e.put("capacity", 3);
    catalog.put(catalog.reader().read(EntityType.EVENTS, e), null, "test");
    var newcomer = registrations.register(ev, projects.get(2), "t");
    assertEquals("registered", newcomer.status());
    var roster = registrations.roster(ev, x -> true);
    assertEquals(3, roster.registered());
    assertEquals(0, roster.waitlisted(), "the one waiting was seated first");
    assertThrows(EntityConflictException.class, () -> registrations.checkCapacity(ev, 2));
  }

  @Test
  void theStoreRefusesASeatPastCapacityWrittenPastTheService() {
    String ev = event(1, false, "salon");
    registrations.register(ev, projects.get(0), "t");
    Instant now = clock.now;
    assertThrows(
        StoreException.class,
        () ->
            catalog.writeLogged(
                tx -> {
                  RegistrationStore.put(
                      tx,
                      new RegistrationStore.Row(
                          ev, projects.get(1), "registered", 9, null, now, "raw", now));
                  return null;
                }));
    assertEquals(1, registrations.roster(ev, x -> true).items().size(), "nothing half written");
  }

  @Test
  void theWaitlistIsInOrderAndItsHeadIsPromoted() {
    String ev = event(2, true, "training");
    for (int i = 0; i < 5; i++) {
      var r = registrations.register(ev, projects.get(i), "t");
      assertEquals(i < 2 ? "registered" : "waitlisted", r.status());
      assertEquals(i < 2 ? null : i - 1, r.position());
    }
    assertThrows(
        EntityConflictException.class, () -> registrations.register(ev, projects.get(3), "t"));
    var c = registrations.cancel(ev, projects.get(0), "t");
    assertEquals("cancelled", c.cancelled().status());
    assertEquals(projects.get(2), c.promoted().projectId());
    assertEquals("registered", c.promoted().status());
    var roster = registrations.roster(ev, x -> true);
    assertEquals(2, roster.registered());
    assertEquals(2, roster.waitlisted());
    assertEquals(
        List.of(1, 2),
        roster.items().stream()
            .filter(x -> x.status().equals("waitlisted"))
            .map(x -> x.position())
            .toList());
    // a waitlisted cancellation promotes no one
    assertNull(registrations.cancel(ev, projects.get(4), "t").promoted());
    // and the one who left may sign up again, at the end of the line
    assertEquals("waitlisted", registrations.register(ev, projects.get(0), "t").status());
  }

  @Test
  void everyRefusalIsAConflictThatWritesNothing() {
    String late = event(10, false, "salon");
    String cancelled = event(10, false, "salon");
    ObjectNode e =
        (ObjectNode) Json.parse(catalog.get(EntityType.EVENTS, cancelled).orElseThrow().json());
    e.put("status", "cancelled");
    catalog.put(catalog.reader().read(EntityType.EVENTS, e), null, "test");
    Instant saved = clock.now;
    try {
      clock.now = saved.plus(Duration.ofDays(6).plusHours(2)); // past the deadline, before start
      assertThrows(
          EntityConflictException.class, () -> registrations.register(late, projects.get(0), "t"));
      clock.now = saved;
      assertThrows(
          EntityConflictException.class,
          () -> registrations.register(cancelled, projects.get(0), "t"));
      assertThrows(ValidationException.class, () -> registrations.register(late, "no-such", "t"));
      assertEquals(0, registrations.roster(late, x -> true).items().size());
      assertEquals(0, registrations.roster(cancelled, x -> true).items().size());
    } finally {
      clock.now = saved;
    }
  }

  @Test
  void attendanceIsFeedbackAndResultsAreAwards() {
    String ev = event(null, false, "competition");
    String a = projects.get(20);
    String b = projects.get(21);
    registrations.register(ev, a, "t");
    registrations.register(ev, b, "t");
    assertThrows(
        EntityConflictException.class,
        () -> registrations.attendance(ev, Map.of(a, true), "officer"));
    assertThrows(
        EntityConflictException.class,
        () -> registrations.results(ev, List.of(new Registrations.Result(a, "x", "city")), "o"));
    Instant saved = clock.now;
    try {
      clock.now = saved.plus(Duration.ofDays(7).plusHours(1));
      var roster = registrations.attendance(ev, Map.of(a, true, b, false), "officer");
      assertEquals(
          Boolean.TRUE,
          roster.items().stream()
              .filter(x -> x.projectId().equals(a))
              .findFirst()
              .get()
              .attended());
      var events =
          catalog
              .feedback()
              .list(new FeedbackStore.Query(null, null, null, null, null, 0, 1000))
              .stream()
              .filter(f -> f.event().targetId().equals(ev))
              .toList();
      assertEquals(2, events.size());
      assertThrows(
          ValidationException.class,
          () -> registrations.attendance(ev, Map.of(projects.get(30), true), "officer"));
      var awards =
          registrations.results(ev, List.of(new Registrations.Result(a, "一等奖", "city")), "officer");
      assertEquals(1, awards.size());
      // the same result again changes nothing; an absent project gets no award
      registrations.results(ev, List.of(new Registrations.Result(a, "一等奖", "city")), "officer");
      assertThrows(
          ValidationException.class,
          () ->
              registrations.results(
                  ev, List.of(new Registrations.Result(b, "二等奖", "city")), "officer"));
      Project p = (Project) catalog.entity(EntityType.PROJECTS, a).orElseThrow();
      assertEquals(
          1,
          p.awards().stream()
              .filter(x -> x.name().equals("一等奖") && x.level().equals("city"))
              .count(),
          p.awards().toString());
    } finally {
      clock.now = saved;
    }
  }

  /**
   * What people did, from sign-ups: a seat counts as a relation, a waitlist place does not, and an
   * event that is over links its attendees but is never given a value itself.
   */
  @Test
  void signUpsHoldingASeatAreRelationsUntilTheEventIsOver() {
    // three projects of one sector take the seats (fewer say nothing: privacy), a fourth waits
    var fx = new cn.qingdao.peipao.core.scoring.FeatureExtractor(TAXONOMY);
    Map<Integer, List<String>> bySector = new java.util.TreeMap<>();
    for (String id : projects) {
      int main = fx.of(catalog.entity(EntityType.PROJECTS, id).orElseThrow()).mainSector;
      if (main >= 0) bySector.computeIfAbsent(main, k -> new java.util.ArrayList<>()).add(id);
    }
    List<String> alike =
        bySector.values().stream().filter(l -> l.size() >= 3).findFirst().orElseThrow();
    String waiting = projects.stream().filter(p -> !alike.contains(p)).findFirst().orElseThrow();
    String ev = event(3, true, "salon");
    for (int i = 0; i < 3; i++) registrations.register(ev, alike.get(i), "t");
    registrations.register(ev, waiting, "t"); // waitlisted
    var ranking =
        new cn.qingdao.peipao.index.recommend.Ranking(
            catalog.index(),
            catalog.reader(),
            cn.qingdao.peipao.core.scoring.ScoringProfiles.defaults(),
            clock);
    var relations =
        new cn.qingdao.peipao.index.recommend.StoreRelations(
            catalog.relations(), ranking, Duration.ofSeconds(10));
    Instant saved = clock.now;
    try {
      var f =
          ranking
              .extractor()
              .of(catalog.entity(EntityType.PROJECTS, projects.get(0)).orElseThrow());
      var model = relations.refresh(EntityType.EVENTS);
      int seated = model.edges();
      assertTrue(model.of(null, f).of(ev) > 0, "a project like the seated ones: the event");
      var waitlisted = catalog.relations().pairs(EntityType.EVENTS);
      assertTrue(
          waitlisted.stream()
              .noneMatch(
                  p -> p.counterpartId().equals(ev) && p.projectId().equals(projects.get(1))),
          "a waitlist place is no relation: " + waitlisted);
      clock.now = saved.plus(Duration.ofDays(8)); // the event is over
      var later = relations.refresh(EntityType.EVENTS);
      assertEquals(seated, later.edges(), "its pairs still link projects");
      assertEquals(0.0, later.of(null, f).of(ev), "but it is never recommended again");
    } finally {
      clock.now = saved;
      relations.close();
    }
  }
}

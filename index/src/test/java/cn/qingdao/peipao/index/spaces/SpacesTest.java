package cn.qingdao.peipao.index.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.spaces.Spaces.SpaceInput;
import cn.qingdao.peipao.index.store.AssignmentStore;
import cn.qingdao.peipao.index.store.SpaceStore;
import cn.qingdao.peipao.index.store.SpaceStore.Booking;
import cn.qingdao.peipao.index.store.StoreException;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * Spaces, bookings and move-ins over a real store: the inventory drives the park's free area,
 * bookings never overlap — under a seeded random stream checked against a brute-force overlap test,
 * under many threads racing for one slot, and even when a row is written past the service — and an
 * accepted move-in occupies spaces, makes a tenant and updates availability at once.
 */
class SpacesTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  static final String PARK = "k-shaohaihui";

  @TempDir static Path dir;
  static Catalog catalog;
  static Spaces spaces;
  static Bookings bookings;
  static MoveIns moveIns;

  @BeforeAll
  static void load() {
    catalog = TestStores.open(dir, TAXONOMY);
    TestStores.importDemo(catalog);
    spaces = new Spaces(catalog);
    bookings = new Bookings(spaces);
    moveIns = new MoveIns(spaces);
    spaces.replace(PARK, INPUT, "test");
  }

  static final List<SpaceInput> INPUT =
      List.of(
          new SpaceInput("o-101", "office", "101室", 60, 3000L, null, "free"),
          new SpaceInput("o-102", "office", "102室", 45.5, 2300L, null, "occupied"),
          new SpaceInput("d-01", "desk", "开放工位1", 6, 300L, null, "free"),
          new SpaceInput("mr-1", "meeting_room", "会议室A", 40, null, null, "free"),
          new SpaceInput("rh-1", "roadshow_hall", "路演厅", 200, null, null, "free"));

  /** Every field of every space reads back as written, nulls included. */
  @Test
  void theInventoryReadsBackAsWritten() {
    var stored = catalog.spaces().spaces(PARK);
    for (SpaceInput in : INPUT) {
      var out = stored.stream().filter(x -> x.id().equals(in.id())).findFirst().orElseThrow();
      assertEquals(
          List.of(in.kind(), in.name(), in.area(), String.valueOf(in.monthlyRent()), in.status()),
          List.of(
              out.kind(), out.name(), out.area(), String.valueOf(out.monthlyRent()), out.status()),
          in.id());
      assertEquals(!Spaces.RENTABLE.contains(in.kind()), out.bookable(), in.id());
    }
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  /** The {@code n}th active demo project without a park. */
  static String active(int n) {
    return java.util.stream.IntStream.rangeClosed(1, 400)
        .mapToObj(i -> String.format("syn-p-%05d", i))
        .filter(
            id -> {
              var p =
                  (cn.qingdao.peipao.core.model.Project)
                      catalog.entity(EntityType.PROJECTS, id).orElseThrow();
              return "active".equals(p.status());
            })
        .skip(n)
        .findFirst()
        .orElseThrow();
  }

  static Park park() {
    return (Park) catalog.entity(EntityType.PARKS, PARK).orElseThrow();
  }

  @Test
  void theInventoryIsTheParksFreeArea() {
    Spaces.Inventory inv = spaces.inventory(PARK);
    assertEquals(5, inv.spaces());
    assertEquals(111.5, inv.rentableArea());
    assertEquals(66.0, inv.freeArea());
    assertEquals(66L, park().areaAvailable(), "the park entity carries the live figure");
    // and search sees it: the index was brought up to date in the same step
    var hit =
        catalog
            .search(
                new cn.qingdao.peipao.index.search.SearchRequest(
                    EntityType.PARKS, null, java.util.Map.of(), 0, 1000))
            .hits()
            .stream()
            .filter(h -> h.id().equals(PARK))
            .findFirst()
            .orElseThrow();
    assertEquals(66, Json.parse(hit.json()).get("areaAvailable").asLong());
    assertThrows(
        ValidationException.class,
        () ->
            spaces.replace(
                PARK,
                List.of(
                    new SpaceInput("x", "office", "x", 1, null, null, "free"),
                    new SpaceInput("x", "desk", "y", 1, null, null, "free")),
                "test"));
  }

  /** Seeded random bookings of one room: each is accepted iff it overlaps no accepted one. */
  @Test
  void randomBookingsAreAcceptedExactlyWhenFree() {
    Random rnd = new Random(20261130);
    Instant base = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    List<Booking> accepted = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant start = base.plus(Duration.ofMinutes(15L * rnd.nextInt(400)));
      Instant end = start.plus(Duration.ofMinutes(15L * (1 + rnd.nextInt(12))));
      boolean free =
          accepted.stream().noneMatch(b -> b.start().isBefore(end) && start.isBefore(b.end()));
      try {
        Booking b = bookings.book(PARK, "mr-1", null, start, end, "讨论", "test");
        assertTrue(free, "accepted an overlap at " + start);
        accepted.add(b);
      } catch (EntityConflictException e) {
        assertFalse(free, "refused a free slot " + start + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("booking '"), e.getMessage());
      }
      // now and then a cancellation frees its slot
      if (!accepted.isEmpty() && rnd.nextInt(10) == 0) {
        Booking gone = accepted.remove(rnd.nextInt(accepted.size()));
        assertEquals("cancelled", bookings.cancel(PARK, gone.id(), "test").status());
      }
    }
    assertTrue(accepted.size() > 20, "too few accepted to mean anything: " + accepted.size());
    List<Booking> live =
        catalog.spaces().calendar(PARK, "mr-1", base, base.plus(Duration.ofDays(10))).stream()
            .filter(b -> b.status().equals("booked"))
            .toList();
    assertEquals(accepted.size(), live.size());
  }

  @Test
  void manyThreadsRacingForTheLastSlotGetOneBooking() throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger won = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> odd = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < threads; i++) {
      int shift = i % 4; // overlapping, not identical, slots
      pool.submit(
          () -> {
            try {
              go.await();
              bookings.book(
                  PARK,
                  "rh-1",
                  null,
                  start.plus(Duration.ofMinutes(10L * shift)),
                  start.plus(Duration.ofMinutes(60 + 10L * shift)),
                  "路演",
                  "racer");
              won.incrementAndGet();
            } catch (EntityConflictException e) {
              // lost the race: expected
            } catch (Throwable t) {
              odd.add(t);
            }
            return null;
          });
    }
    go.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
    assertTrue(odd.isEmpty(), "unexpected failures: " + odd);
    assertEquals(1, won.get());
  }

  /** The store refuses an overlap on its own: a row written past the service still fails. */
  @Test
  void theStoreRefusesAnOverlapWrittenPastTheService() {
    Instant start = Instant.now().plus(Duration.ofDays(40)).truncatedTo(ChronoUnit.HOURS);
    Booking first =
        bookings.book(PARK, "mr-1", null, start, start.plus(Duration.ofHours(2)), "a", "t");
    Booking clash =
        new Booking(
            "b-raw",
            PARK,
            "mr-1",
            null,
            start.plus(Duration.ofMinutes(30)),
            start.plus(Duration.ofHours(3)),
            "raw",
            "booked",
            Instant.now(),
            "raw",
            null,
            null);
    assertThrows(
        StoreException.class,
        () ->
            catalog.writeLogged(
                tx -> {
                  SpaceStore.insertBooking(tx, clash);
                  return null;
                }));
    // nothing half written: the first booking alone holds the slot
    assertEquals(
        List.of(first.id()),
        catalog.spaces().calendar(PARK, "mr-1", start, start.plus(Duration.ofHours(3))).stream()
            .map(Booking::id)
            .toList());
  }

  @Test
  void acceptingAMoveInMakesATenantAndUpdatesAvailabilityAtOnce() {
    String project = active(0);
    var app = moveIns.apply(PARK, project, List.of("office"), 50.0, "需要办公室", "founder");
    assertEquals("pending", app.status());
    assertThrows(
        EntityConflictException.class,
        () -> moveIns.apply(PARK, project, List.of("desk"), null, null, "founder"));
    long before = park().areaAvailable();
    var accepted = moveIns.decide(PARK, app.id(), true, List.of("o-101"), null, "park");
    assertEquals("accepted", accepted.status());
    assertEquals(before - 60, park().areaAvailable());
    var tenant = catalog.writeLogged(tx -> AssignmentStore.activeOf(tx, project, EntityType.PARKS));
    assertEquals(PARK, tenant.orElseThrow().counterpartId());
    assertEquals(accepted.assignmentId(), tenant.get().id());
    // the space is taken now, and the decision is final
    var other = moveIns.apply(PARK, active(1), List.of("office"), null, null, "founder");
    assertThrows(
        EntityConflictException.class,
        () -> moveIns.decide(PARK, other.id(), true, List.of("o-101"), null, "park"));
    assertThrows(
        EntityConflictException.class,
        () -> moveIns.decide(PARK, app.id(), false, List.of(), "改主意", "park"));
    assertThrows(
        ValidationException.class,
        () -> moveIns.decide(PARK, other.id(), false, List.of(), " ", "park"));
    assertEquals(
        "declined", moveIns.decide(PARK, other.id(), false, List.of(), "暂无空位", "park").status());
    // removing the tenant's space is refused while it hosts the project
    List<SpaceInput> without =
        spaces.inventory(PARK).items().stream()
            .filter(s -> !s.id().equals("o-101"))
            .map(
                s ->
                    new SpaceInput(
                        s.id(),
                        s.kind(),
                        s.name(),
                        s.area(),
                        s.monthlyRent(),
                        s.bookable(),
                        s.status()))
            .toList();
    assertThrows(EntityConflictException.class, () -> spaces.replace(PARK, without, "park"));
    // nor freed by an edit (found by a black-box pass)
    List<SpaceInput> freed =
        spaces.inventory(PARK).items().stream()
            .map(
                x ->
                    new SpaceInput(
                        x.id(),
                        x.kind(),
                        x.name(),
                        x.area(),
                        x.monthlyRent(),
                        x.bookable(),
                        "free"))
            .toList();
    assertThrows(EntityConflictException.class, () -> spaces.replace(PARK, freed, "park"));
    // the tenancy ends: its office is free again and back in the park's free area
    long occupied = park().areaAvailable();
    new cn.qingdao.peipao.index.allocate.Allocations(catalog, null)
        .end(accepted.assignmentId(), "t");
    assertEquals(occupied + 60, park().areaAvailable());
    assertEquals(
        "free",
        spaces.inventory(PARK).items().stream()
            .filter(x -> x.id().equals("o-101"))
            .findFirst()
            .orElseThrow()
            .status());
  }

  @Test
  void aRoomWithBookingsAheadStaysBookable() {
    Instant start = Instant.now().plus(Duration.ofDays(50)).truncatedTo(ChronoUnit.HOURS);
    bookings.book(PARK, "rh-1", null, start, start.plus(Duration.ofHours(1)), "路演", "t");
    List<SpaceInput> asOffice =
        spaces.inventory(PARK).items().stream()
            .map(
                x ->
                    x.id().equals("rh-1")
                        ? new SpaceInput(x.id(), "office", x.name(), x.area(), null, null, "free")
                        : new SpaceInput(
                            x.id(),
                            x.kind(),
                            x.name(),
                            x.area(),
                            x.monthlyRent(),
                            x.bookable(),
                            x.status()))
            .toList();
    assertThrows(EntityConflictException.class, () -> spaces.replace(PARK, asOffice, "park"));
  }
}

package cn.qingdao.peipao.index.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger's figures equal a brute-force recomputation from the rows: a seeded year of tickets
 * raised at random times, moved at random, and sessions, then every grouping and place compared
 * line by line with counting written out here.
 */
class LedgerTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();
  @TempDir static Path dir;
  static Catalog catalog;
  static Tickets tickets;
  static ServiceLog log;
  static Ledger ledger;
  static final TicketsTest.Hand clock = new TicketsTest.Hand();

  @BeforeAll
  static void load() {
    catalog = TestStores.open(dir, TAXONOMY, clock);
    TestStores.importDemo(catalog);
    Recommender r =
        new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), clock);
    tickets = new Tickets(catalog, TAXONOMY, r, TicketSla.defaults(TAXONOMY));
    log = new ServiceLog(catalog);
    ledger = new Ledger(catalog, TAXONOMY);
    Random rnd = new Random(20261130);
    List<String> needs = TAXONOMY.services().stream().map(s -> s.code()).toList();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 150; i++) {
      clock.now = start.plus(Duration.ofHours(rnd.nextInt(24 * 330)));
      String project = String.format("syn-p-%05d", 1 + rnd.nextInt(400));
      String need = needs.get(rnd.nextInt(needs.size()));
      TicketStore.Row t =
          tickets.open(project, need, "需要帮助", Tickets.CHANNELS.get(rnd.nextInt(5)), "t").ticket();
      String mentor = mentorFor(need, rnd);
      int steps = rnd.nextInt(5);
      if (steps >= 1 && mentor != null) {
        clock.now = clock.now.plus(Duration.ofHours(rnd.nextInt(60)));
        tickets.assign(t.id(), mentor, "t");
        if (steps >= 2) {
          clock.now = clock.now.plus(Duration.ofHours(rnd.nextInt(60)));
          tickets.respond(t.id(), "答复", mentor);
          if (steps >= 3) tickets.resolve(t.id(), "完成", mentor);
          if (steps >= 4) tickets.close(t.id(), "t");
        }
      }
      if (rnd.nextInt(3) == 0) {
        LocalDate day = LocalDate.ofInstant(clock.now, Ledger.ZONE);
        log.log(
            mentor == null ? "syn-m-00001" : mentor,
            project,
            day,
            0.5 + rnd.nextInt(6) / 2.0,
            "辅导",
            null,
            "t");
      }
    }
    // 政策找人: pairs reached step by step (contacted, maybe applied, then granted or declined)
    outreach = new Outreach(catalog);
    for (int i = 0; i < 60; i++) {
      clock.now = start.plus(Duration.ofHours(rnd.nextInt(24 * 330)));
      String project = String.format("syn-p-%05d", 1 + rnd.nextInt(400));
      String policy = rnd.nextBoolean() ? "pol-cdb-personal" : "pol-free-space-graduates";
      outreach.record(policy, project, "contacted", null, "t");
      if (rnd.nextBoolean()) {
        clock.now = clock.now.plus(Duration.ofDays(rnd.nextInt(20)));
        outreach.record(policy, project, "applied", null, "t");
        clock.now = clock.now.plus(Duration.ofDays(rnd.nextInt(20)));
        if (rnd.nextBoolean())
          outreach.record(
              policy,
              project,
              "granted",
              policy.equals("pol-cdb-personal") ? 10_000L * (1 + rnd.nextInt(30)) : null,
              "t");
        else outreach.record(policy, project, "declined", null, "t");
      }
    }
    // sign-ups for one far event and room bookings at one park, made at random times of the year
    event = "ev-ledger";
    var e = Json.mapper().createObjectNode();
    e.put("id", event);
    e.put("name", "台账测试活动");
    e.put("kind", "salon");
    e.putObject("location").put("district", "shinan");
    e.put("start", "2027-03-01T09:00:00+08:00");
    e.put("end", "2027-03-01T12:00:00+08:00");
    catalog.put(catalog.reader().read(EntityType.EVENTS, e), null, "t");
    var signUps = new cn.qingdao.peipao.index.events.Registrations(catalog);
    var spaces = new cn.qingdao.peipao.index.spaces.Spaces(catalog);
    var bookings = new cn.qingdao.peipao.index.spaces.Bookings(spaces);
    spaces.replace(
        PARK,
        List.of(
            new cn.qingdao.peipao.index.spaces.Spaces.SpaceInput(
                "mr", "meeting_room", "会议室", 30, null, null, "free")),
        "t");
    java.util.Set<String> signed = new java.util.HashSet<>();
    for (int i = 0; i < 60; i++) {
      clock.now = start.plus(Duration.ofHours(rnd.nextInt(24 * 330)));
      String project = String.format("syn-p-%05d", 1 + rnd.nextInt(400));
      Project sp = (Project) catalog.entity(EntityType.PROJECTS, project).orElseThrow();
      // only active projects sign up
      if ("active".equals(sp.status()) && signed.add(project))
        signUps.register(event, project, "t");
      // made now, for a slot of its own in late December: no two overlap
      Instant slot = Instant.parse("2026-12-20T01:00:00Z").plus(Duration.ofMinutes(10L * i));
      bookings.book(PARK, "mr", project, slot, slot.plus(Duration.ofMinutes(5)), "洽谈", "t");
    }
    clock.now = Instant.parse("2026-12-15T00:00:00Z");
  }

  static String event;
  static final String PARK = "k-shaohaihui";

  /** Sign-ups and bookings counted from the rows by the day they were made, place by place. */
  @Test
  void registrationsAndBookingsCountWhereAndWhenTheyWereMade() {
    LocalDate from = LocalDate.of(2026, 3, 1);
    LocalDate to = LocalDate.of(2026, 10, 31);
    Instant lo = from.atStartOfDay(Ledger.ZONE).toInstant();
    Instant hi = to.plusDays(1).atStartOfDay(Ledger.ZONE).toInstant();
    var signUps = catalog.registrations().ofEvent(event);
    var booked =
        catalog.spaces().calendar(PARK, "mr", Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"));
    for (String groupBy : List.of("month", "district", "city", "sector")) {
      for (Ledger.Place place :
          List.of(new Ledger.Place(null, null), new Ledger.Place("370200", "laoshan"))) {
        Map<String, long[]> want = new TreeMap<>();
        for (var g : signUps) {
          if (g.createdAt().isBefore(lo) || !g.createdAt().isBefore(hi)) continue;
          Project p = (Project) catalog.entity(EntityType.PROJECTS, g.projectId()).orElseThrow();
          if (place.district() != null && !place.district().equals(p.location().district()))
            continue;
          want.computeIfAbsent(
                  keyOf(groupBy, LocalDate.ofInstant(g.createdAt(), Ledger.ZONE), p, null),
                  k -> new long[2])[0]++;
        }
        for (var b : booked) {
          if (b.createdAt().isBefore(lo) || !b.createdAt().isBefore(hi)) continue;
          Project p = (Project) catalog.entity(EntityType.PROJECTS, b.projectId()).orElseThrow();
          if (place.district() != null && !place.district().equals(p.location().district()))
            continue;
          want.computeIfAbsent(
                  keyOf(groupBy, LocalDate.ofInstant(b.createdAt(), Ledger.ZONE), p, null),
                  k -> new long[2])[1]++;
        }
        Ledger.Report r = ledger.report(groupBy, from, to, place);
        long regs = 0;
        long books = 0;
        for (Ledger.Line line : r.lines()) {
          long[] c = want.getOrDefault(line.key(), new long[2]);
          assertEquals(c[0], line.registrations(), groupBy + " " + place + " " + line.key());
          assertEquals(c[1], line.bookings(), groupBy + " " + place + " " + line.key());
          regs += c[0];
          books += c[1];
        }
        assertEquals(regs, r.total().registrations(), groupBy + " " + place);
        assertEquals(books, r.total().bookings(), groupBy + " " + place);
        if (place.district() == null) assertTrue(regs > 10 && books > 10, regs + " / " + books);
      }
    }
  }

  static Outreach outreach;

  static String mentorFor(String need, Random rnd) {
    List<String> offer = new ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      String id = String.format("syn-m-%05d", i);
      if (((Mentor) catalog.entity(EntityType.MENTORS, id).orElseThrow()).services().contains(need))
        offer.add(id);
    }
    return offer.isEmpty() ? null : offer.get(rnd.nextInt(offer.size()));
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  /** Counting written out: which group a ticket or session falls in, and what it adds. */
  static String keyOf(String groupBy, LocalDate day, Project p, String need) {
    return switch (groupBy) {
      case "month" -> day.getYear() + "-" + String.format("%02d", day.getMonthValue());
      case "district" ->
          p.location().district() != null ? p.location().district() : p.location().city();
      case "city" -> p.location().city();
      case "sector" -> p.sectors().get(0);
      default -> need;
    };
  }

  @Test
  void everyFigureOfEveryGroupingEqualsCountingTheRows() {
    LocalDate from = LocalDate.of(2026, 3, 1);
    LocalDate to = LocalDate.of(2026, 10, 31);
    Instant lo = from.atStartOfDay(Ledger.ZONE).toInstant();
    Instant hi = to.plusDays(1).atStartOfDay(Ledger.ZONE).toInstant();
    List<TicketStore.Row> all =
        catalog
            .tickets()
            .list(new TicketStore.Query(null, null, null, null, null, 0, 10_000))
            .items();
    assertTrue(all.size() > 100, "tickets: " + all.size()); // a repeated open need is one ticket
    int compared = 0;
    for (String groupBy : Ledger.GROUPS) {
      for (Ledger.Place place :
          List.of(new Ledger.Place(null, null), new Ledger.Place("370200", "laoshan"))) {
        Map<String, long[]> want = new TreeMap<>(); // raised, responded, resolved, overdue
        Map<String, Set<String>> served = new HashMap<>();
        for (TicketStore.Row t : all) {
          if (t.createdAt().isBefore(lo) || !t.createdAt().isBefore(hi)) continue;
          Project p = (Project) catalog.entity(EntityType.PROJECTS, t.projectId()).orElseThrow();
          if (place.district() != null && !place.district().equals(p.location().district()))
            continue;
          String k = keyOf(groupBy, LocalDate.ofInstant(t.createdAt(), Ledger.ZONE), p, t.need());
          long[] c = want.computeIfAbsent(k, x -> new long[4]);
          c[0]++;
          if (t.firstResponseAt() != null) c[1]++;
          if (t.status().equals("resolved") || t.status().equals("closed")) c[2]++;
          if (Tickets.overdue(t, clock.now)) c[3]++;
          served.computeIfAbsent(k, x -> new HashSet<>()).add(t.projectId());
        }
        // policy reach: distinct pairs per status, the last granted amount per pair
        Map<String, Map<String, Set<String>>> reach = new TreeMap<>();
        Map<String, Map<String, Long>> amounts = new TreeMap<>();
        Map<String, Long> totalAmounts = new HashMap<>();
        Map<String, Set<String>> totalReach = new HashMap<>();
        for (var o : catalog.outreach().between(lo, hi)) {
          Project p = (Project) catalog.entity(EntityType.PROJECTS, o.projectId()).orElseThrow();
          if (place.district() != null && !place.district().equals(p.location().district()))
            continue;
          String pair = o.policyId() + "/" + o.projectId();
          totalReach.computeIfAbsent(o.status(), x -> new HashSet<>()).add(pair);
          if (o.amount() != null) totalAmounts.put(pair, o.amount());
          if (groupBy.equals("need")) continue;
          String k = keyOf(groupBy, LocalDate.ofInstant(o.at(), Ledger.ZONE), p, null);
          reach
              .computeIfAbsent(k, x -> new HashMap<>())
              .computeIfAbsent(o.status(), x -> new HashSet<>())
              .add(pair);
          if (o.amount() != null)
            amounts.computeIfAbsent(k, x -> new HashMap<>()).put(pair, o.amount());
        }
        Ledger.Report r = ledger.report(groupBy, from, to, place);
        for (Ledger.Line line : r.lines()) {
          var mine = reach.getOrDefault(line.key(), Map.of());
          String where = "reach " + groupBy + " " + place + " " + line.key();
          assertEquals(mine.getOrDefault("contacted", Set.of()).size(), line.contacted(), where);
          assertEquals(mine.getOrDefault("applied", Set.of()).size(), line.applied(), where);
          assertEquals(mine.getOrDefault("granted", Set.of()).size(), line.granted(), where);
          assertEquals(
              amounts.getOrDefault(line.key(), Map.of()).values().stream().mapToLong(x -> x).sum(),
              line.grantedAmount(),
              where);
        }
        assertEquals(
            totalReach.getOrDefault("contacted", Set.of()).size(), r.total().contacted(), groupBy);
        assertEquals(
            totalAmounts.values().stream().mapToLong(x -> x).sum(),
            r.total().grantedAmount(),
            groupBy);
        for (Ledger.Line line : r.lines()) {
          long[] c = want.getOrDefault(line.key(), new long[4]);
          String where = groupBy + " " + place + " " + line.key();
          assertEquals(c[0], line.needsRaised(), where);
          assertEquals(c[1], line.responded(), where);
          assertEquals(c[2], line.resolved(), where);
          assertEquals(c[3], line.overdue(), where);
          if (c[0] > 0)
            assertEquals(
                Math.round(10000.0 * c[1] / c[0]) / 10000.0, line.responseRate(), 1e-12, where);
          compared++;
        }
        long raised = want.values().stream().mapToLong(c -> c[0]).sum();
        assertEquals(raised, r.total().needsRaised(), groupBy + " total");
        for (String k : want.keySet())
          assertTrue(r.lines().stream().anyMatch(l -> l.key().equals(k)), groupBy + " lacks " + k);
      }
    }
    assertTrue(compared > 30, "lines compared: " + compared);
  }

  @Test
  void sessionsCountInTheirMonthAndTheTotal() {
    LocalDate from = LocalDate.of(2026, 1, 1);
    LocalDate to = LocalDate.of(2026, 12, 31);
    var sessions = catalog.tickets().sessionsBetween(from, to.plusDays(1));
    Ledger.Report r = ledger.report("month", from, to, new Ledger.Place(null, null));
    assertEquals(sessions.size(), r.total().sessions());
    assertEquals(
        Math.round(sessions.stream().mapToDouble(TicketStore.Session::hours).sum() * 100) / 100.0,
        r.total().sessionHours(),
        1e-9);
    assertEquals(sessions.size(), r.lines().stream().mapToLong(Ledger.Line::sessions).sum());
  }
}

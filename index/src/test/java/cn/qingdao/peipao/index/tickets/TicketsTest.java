package cn.qingdao.peipao.index.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.testing.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticket's life over the store and index with a clock the test moves: every move from every
 * status is allowed exactly as the table says (a 409 otherwise, nothing written), the same need is
 * one ticket, responders offer the need, and a ticket is overdue as the SLA says.
 */
class TicketsTest {
  static final Taxonomy TAXONOMY = QingdaoDataset.taxonomy();

  /** A clock the test sets. */
  static final class Hand extends Clock {
    Instant now = Instant.parse("2026-11-02T01:00:00Z");

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
  static Tickets tickets;
  static final Hand clock = new Hand();
  static String financeMentor;
  static String otherMentor;

  @BeforeAll
  static void load() {
    catalog = TestStores.open(dir, TAXONOMY, clock);
    TestStores.importDemo(catalog);
    Recommender r =
        new Recommender(catalog.index(), catalog.reader(), ScoringProfiles.defaults(), clock);
    tickets = new Tickets(catalog, TAXONOMY, r, TicketSla.defaults(TAXONOMY));
    for (int i = 1; i <= 120 && (financeMentor == null || otherMentor == null); i++) {
      String id = String.format("syn-m-%05d", i);
      Mentor m = (Mentor) catalog.entity(EntityType.MENTORS, id).orElseThrow();
      if (m.services().contains("finance")) {
        if (financeMentor == null) financeMentor = id;
      } else if (otherMentor == null) otherMentor = id;
    }
  }

  @AfterAll
  static void close() {
    catalog.close();
  }

  static int project = 0;

  /** A fresh ticket (a new project each time, so no duplicate), moved into {@code status}. */
  static TicketStore.Row ticketIn(String status) {
    String p = String.format("syn-p-%05d", 200 + (++project));
    TicketStore.Row t = tickets.open(p, "finance", "需要贷款", "hotline", "test").ticket();
    List<String> path = Tickets.STATUSES.subList(0, Tickets.STATUSES.indexOf(status) + 1);
    for (String s : path.subList(1, path.size())) {
      t =
          switch (s) {
            case "assigned" -> tickets.assign(t.id(), financeMentor, "test");
            case "responded" -> tickets.respond(t.id(), "已联系", "test");
            case "resolved" -> tickets.resolve(t.id(), "已放款", "test");
            case "closed" -> tickets.close(t.id(), "test");
            default -> throw new IllegalStateException(s);
          };
    }
    assertEquals(status, t.status());
    return t;
  }

  static final Map<String, Consumer<String>> MOVES =
      Map.of(
          "assign", id -> tickets.assign(id, financeMentor, "test"),
          "respond", id -> tickets.respond(id, "答复", "test"),
          "resolve", id -> tickets.resolve(id, "结果", "test"),
          "close", id -> tickets.close(id, "test"),
          "reopen", id -> tickets.reopen(id, "还没解决", "test"),
          "rate", id -> tickets.rate(id, 4, "test"));

  @Test
  void everyMoveFromEveryStatusIsAllowedExactlyAsTheTableSays() {
    int checked = 0;
    List<String> wrong = new ArrayList<>();
    for (String status : Tickets.STATUSES) {
      for (Tickets.Move move : Tickets.Move.values()) {
        TicketStore.Row t = ticketIn(status);
        int eventsBefore = tickets.events(t.id()).size();
        boolean legal = move.from.contains(status);
        try {
          MOVES.get(move.code()).accept(t.id());
          TicketStore.Row after = tickets.get(t.id());
          if (!legal) wrong.add(move.code() + " from " + status + " was allowed");
          String to =
              move == Tickets.Move.REOPEN
                  ? (t.responderId() == null ? "open" : "assigned")
                  : move.to == null ? status : move.to;
          if (!after.status().equals(to))
            wrong.add(move + " from " + status + " → " + after.status());
          if (tickets.events(t.id()).size() != eventsBefore + 1)
            wrong.add(move + " from " + status + " wrote no event");
        } catch (EntityConflictException e) {
          if (legal) wrong.add(move.code() + " from " + status + " was refused: " + e.getMessage());
          assertTrue(e.getMessage().contains(status), e.getMessage());
          if (tickets.events(t.id()).size() != eventsBefore)
            wrong.add(move + " from " + status + " was refused but wrote an event");
          if (tickets.get(t.id()).version() != t.version())
            wrong.add(move + " from " + status + " was refused but changed the ticket");
        }
        checked++;
      }
    }
    assertEquals(30, checked);
    assertEquals(List.of(), wrong);
  }

  @Test
  void theSameNeedIsOneTicketAndRespondersOfferIt() {
    // a project mentors may see: active and consenting (others get no responders, by design)
    String p =
        java.util.stream.IntStream.rangeClosed(1, 400)
            .mapToObj(i -> String.format("syn-p-%05d", i))
            .filter(
                id -> {
                  var pr =
                      (cn.qingdao.peipao.core.model.Project)
                          catalog.entity(EntityType.PROJECTS, id).orElseThrow();
                  return "active".equals(pr.status()) && pr.consent().mentors();
                })
            .findFirst()
            .orElseThrow();
    var first = tickets.open(p, "finance", "要贷款", "portal", "a");
    var again = tickets.open(p, "finance", "还是要贷款", "portal", "b");
    assertFalse(first.existing());
    assertTrue(again.existing());
    assertEquals(first.ticket().id(), again.ticket().id());
    assertFalse(first.candidates().isEmpty());
    for (Tickets.Candidate c : first.candidates()) {
      Mentor m = (Mentor) catalog.entity(EntityType.MENTORS, c.id()).orElseThrow();
      assertTrue(m.services().contains("finance"), c.id() + " does not offer finance");
      assertFalse(c.reasons().isEmpty());
    }
    assertEquals("金融助力陪跑团", first.team());
    var bad =
        assertThrows(
            ValidationException.class, () -> tickets.assign(first.ticket().id(), otherMentor, "t"));
    assertEquals("responder.id", bad.errors().get(0).field());
    assertThrows(ValidationException.class, () -> tickets.open(p, "money", "x", "portal", "a"));
    assertThrows(
        EntityNotFoundException.class, () -> tickets.open("nope", "finance", "x", "portal", "a"));
    assertThrows(EntityNotFoundException.class, () -> tickets.respond("t-nope", "x", "a"));
  }

  @Test
  void overdueFollowsTheSlaOfTheNeed() {
    Instant start = clock.now;
    TicketStore.Row t = tickets.open("syn-p-00060", "finance", "急需周转", "hotline", "a").ticket();
    assertEquals(start.plus(Duration.ofHours(24)), t.dueAt(), "finance: 24 hours");
    TicketStore.Row market = tickets.open("syn-p-00060", "market", "找客户", "hotline", "a").ticket();
    assertEquals(start.plus(Duration.ofHours(72)), market.dueAt(), "others: three days");
    assertFalse(Tickets.overdue(t, clock.now));
    clock.now = start.plus(Duration.ofHours(25));
    assertTrue(Tickets.overdue(tickets.get(t.id()), clock.now));
    var overdue = tickets.list(new TicketStore.Query(null, null, null, null, clock.now, 0, 100));
    assertTrue(overdue.items().stream().anyMatch(r -> r.id().equals(t.id())));
    assertFalse(overdue.items().stream().anyMatch(r -> r.id().equals(market.id())));
    // a late first response keeps it counted as late; the timestamps say when
    tickets.assign(t.id(), financeMentor, "b");
    TicketStore.Row answered = tickets.respond(t.id(), "已联系银行", financeMentor);
    assertNotNull(answered.firstResponseAt());
    assertTrue(Tickets.overdue(answered, clock.now));
    assertNull(tickets.get(market.id()).firstResponseAt());
    clock.now = start;
  }

  @Test
  void ratingsAreOneToFive() {
    TicketStore.Row t = ticketIn("resolved");
    assertThrows(ValidationException.class, () -> tickets.rate(t.id(), 0, "f"));
    assertThrows(ValidationException.class, () -> tickets.rate(t.id(), 6, "f"));
    assertEquals(5, tickets.rate(t.id(), 5, "f").rating());
  }

  /**
   * Times are stored as {@code Instant.toString()}, whose text drops zero milliseconds, so text
   * order is not time order within a second ({@code …:00Z} sorts after {@code …:00.123Z}). A ticket
   * raised 123 ms after midnight counts in that day, and one answered 1 ms late is late.
   */
  @Test
  void timesCompareAsTimesNotAsText() {
    Instant before = clock.now;
    LocalDate day = LocalDate.of(2026, 3, 1);
    Instant midnight = day.atStartOfDay(Ledger.ZONE).toInstant();
    clock.now = midnight.plusMillis(123);
    TicketStore.Row t = tickets.open("syn-p-00070", "market", "找客户", "portal", "a").ticket();
    Ledger.Report r =
        new Ledger(catalog, TAXONOMY).report("need", day, day, new Ledger.Place(null, null));
    assertEquals(1, r.total().needsRaised(), "raised 123 ms after midnight: that day");
    // overdue by 1 ms: listed as overdue
    clock.now = t.dueAt().plusMillis(1);
    var overdue =
        tickets.list(
            new TicketStore.Query(null, null, List.of("syn-p-00070"), null, clock.now, 0, 10));
    assertEquals(1, overdue.total(), "1 ms past due");
    clock.now = before;
  }
}

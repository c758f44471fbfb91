package cn.qingdao.peipao.index.events;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Event;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.FeedbackStore;
import cn.qingdao.peipao.index.store.RegistrationStore;
import cn.qingdao.peipao.index.store.RegistrationStore.Row;
import cn.qingdao.peipao.index.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sign-ups for events (活动报名) with seats and a waitlist: never over capacity (checked here under the
 * write lock, and refused by the store itself), a cancellation promotes the waitlist's head in the
 * same transaction, attendance is recorded after the start and written to the feedback log as a
 * learning signal, and a competition's results become awards on the projects. Services know no
 * HTTP.
 */
public final class Registrations {
  public static final List<String> AWARD_LEVELS = cn.qingdao.peipao.core.model.Codes.AWARD_LEVELS;

  private final Catalog catalog;

  public Registrations(Catalog catalog) {
    this.catalog = catalog;
  }

  /** A sign-up as answers show it: {@code position} on the waitlist (1 = next), else null. */
  public record Registration(
      String eventId,
      String projectId,
      String status,
      Integer position,
      Boolean attended,
      Instant createdAt) {}

  /** An event's sign-ups: seats taken, the waitlist, and each. */
  public record Roster(
      String eventId, Integer capacity, int registered, int waitlisted, List<Registration> items) {}

  /** What a cancellation did: the cancelled sign-up and whom it promoted (or null). */
  public record Cancelled(Registration cancelled, Registration promoted) {}

  /**
   * Signs {@code projectId} up: registered while seats last, then waitlisted if the event keeps a
   * waitlist.
   *
   * @throws EntityConflictException when cancelled, closed, started, past the deadline, full, or
   *     already signed up
   */
  public Registration register(String eventId, String projectId, String actor) {
    Project project =
        (Project)
            catalog
                .entity(EntityType.PROJECTS, projectId)
                .orElseThrow(
                    () -> ValidationException.of("projectId", "no project '" + projectId + "'"));
    if (project.status() != null && !project.status().equals("active"))
      throw new EntityConflictException(
          "project '" + projectId + "' is " + project.status() + "; only active projects sign up");
    return catalog.writeLogged(
        tx -> {
          Event e = event(tx, eventId);
          Instant now = now();
          if (!e.status().equals("open"))
            throw new EntityConflictException("event '" + eventId + "' is " + e.status());
          if (!e.start().isAfter(now))
            throw new EntityConflictException("event '" + eventId + "' has started");
          if (e.registrationDeadline() != null && now.isAfter(e.registrationDeadline()))
            throw new EntityConflictException(
                "sign-up for event '" + eventId + "' closed at " + e.registrationDeadline());
          // seats freed meanwhile (capacity raised) go to those waiting first
          fillSeats(tx, e, now);
          // two aggregate reads, not the roster: sign-ups stay near the commit's cost
          Row existing = RegistrationStore.get(tx, eventId, projectId).orElse(null);
          if (existing != null && !existing.status().equals("cancelled"))
            throw new EntityConflictException(
                "project '" + projectId + "' is " + existing.status() + " for this event already");
          RegistrationStore.Counts counts = RegistrationStore.counts(tx, eventId);
          String status;
          if (e.capacity() == null || counts.registered() < e.capacity()) status = "registered";
          else if (e.waitlist()) status = "waitlisted";
          else
            throw new EntityConflictException(
                "event '"
                    + eventId
                    + "' is full ("
                    + e.capacity()
                    + " seats) and keeps no waitlist");
          long seq = counts.maxSeq() + 1;
          RegistrationStore.put(
              tx, new Row(eventId, projectId, status, seq, null, now, actor, now));
          Integer position =
              status.equals("waitlisted")
                  ? RegistrationStore.waitlistPosition(tx, eventId, seq)
                  : null;
          return new Registration(eventId, projectId, status, position, null, now);
        });
  }

  /**
   * Cancels a sign-up before the event starts; a freed seat goes to the waitlist's head.
   *
   * @throws EntityNotFoundException when the project never signed up
   */
  public Cancelled cancel(String eventId, String projectId, String actor) {
    return catalog.writeLogged(
        tx -> {
          Event e = event(tx, eventId);
          Row r =
              RegistrationStore.get(tx, eventId, projectId)
                  .orElseThrow(
                      () -> new EntityNotFoundException("registration", eventId + "/" + projectId));
          if (r.status().equals("cancelled"))
            throw new EntityConflictException("the sign-up was cancelled already");
          Instant now = now();
          if (!e.start().isAfter(now))
            throw new EntityConflictException("event '" + eventId + "' has started");
          RegistrationStore.put(tx, with(r, "cancelled", now));
          List<Row> promotedRows = fillSeats(tx, e, now);
          Row promoted = promotedRows.isEmpty() ? null : promotedRows.get(0);
          List<Row> after = RegistrationStore.ofEvent(tx, eventId);
          return new Cancelled(
              shown(after, projectId),
              promoted == null ? null : shown(after, promoted.projectId()));
        });
  }

  /** An event's roster: registered in sign-up order, then the waitlist, then cancellations. */
  public Roster roster(String eventId, java.util.function.Predicate<String> visible) {
    Event e = event(eventId);
    List<Row> rows = catalog.registrations().ofEvent(eventId);
    List<Registration> items = new ArrayList<>();
    for (String status : List.of("registered", "waitlisted", "cancelled"))
      for (Row r : rows)
        if (r.status().equals(status) && visible.test(r.projectId()))
          items.add(shown(rows, r.projectId()));
    return new Roster(
        eventId,
        e.capacity(),
        (int) rows.stream().filter(r -> r.status().equals("registered")).count(),
        (int) rows.stream().filter(r -> r.status().equals("waitlisted")).count(),
        items);
  }

  /** A project's sign-ups, newest first. */
  public List<Registration> ofProject(String projectId) {
    List<Registration> out = new ArrayList<>();
    for (Row r : catalog.registrations().ofProject(projectId))
      out.add(shown(catalog.registrations().ofEvent(r.eventId()), projectId));
    return out;
  }

  /**
   * Records who came, once the event has started, and writes each as feedback (attended: accept,
   * absent: reject) for learning.
   *
   * @throws ValidationException naming a project that was not registered
   */
  public Roster attendance(String eventId, Map<String, Boolean> attended, String actor) {
    catalog.writeLogged(
        tx -> {
          Event e = event(tx, eventId);
          Instant now = now();
          if (e.start().isAfter(now))
            throw new EntityConflictException(
                "event '" + eventId + "' starts at " + e.start() + "; record attendance after");
          for (Map.Entry<String, Boolean> a : attended.entrySet()) {
            Row r = RegistrationStore.get(tx, eventId, a.getKey()).orElse(null);
            if (r == null || !r.status().equals("registered"))
              throw ValidationException.of(
                  "projectId", "project '" + a.getKey() + "' was not registered for this event");
            RegistrationStore.put(
                tx,
                new Row(
                    r.eventId(),
                    r.projectId(),
                    r.status(),
                    r.seq(),
                    a.getValue(),
                    r.createdAt(),
                    r.createdBy(),
                    now));
            FeedbackStore.insert(
                tx,
                new FeedbackEvent(
                    EntityType.PROJECTS,
                    a.getKey(),
                    EntityType.EVENTS,
                    eventId,
                    a.getValue() ? FeedbackAction.ACCEPT : FeedbackAction.REJECT,
                    null,
                    null),
                actor,
                now);
          }
          return null;
        });
    return roster(eventId, id -> true);
  }

  /** One competition result: the project and its award. */
  public record Result(String projectId, String award, String level) {}

  /**
   * Writes a competition's results onto the projects' {@code awards} (with the event's year), in
   * one transaction; the calculator and priority rules then see them.
   */
  public List<Project.Award> results(String eventId, List<Result> results, String actor) {
    return catalog.writeLogged(
        tx -> {
          Event e = event(tx, eventId);
          if (!e.kind().equals("competition"))
            throw new EntityConflictException("event '" + eventId + "' is not a competition");
          if (e.start().isAfter(now()))
            throw new EntityConflictException(
                "event '" + eventId + "' starts at " + e.start() + "; record results after");
          int year = e.start().atZone(ZoneId.of("Asia/Shanghai")).getYear();
          List<Project.Award> written = new ArrayList<>();
          for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            Row reg = RegistrationStore.get(tx, eventId, r.projectId()).orElse(null);
            if (reg == null
                || !reg.status().equals("registered")
                || Boolean.FALSE.equals(reg.attended()))
              throw ValidationException.of(
                  "[" + i + "].projectId", "project '" + r.projectId() + "' did not take part");
            var row = tx.get(EntityType.PROJECTS, r.projectId()).orElseThrow();
            Project p =
                ((Project) catalog.reader().read(EntityType.PROJECTS, row.tree()))
                    .withServerFields(row.id(), row.version(), row.updatedAt());
            Project.Award award = new Project.Award(r.level(), r.award(), year);
            // recording the same result again changes nothing
            if (p.awards() == null || !p.awards().contains(award))
              catalog.replaceIn(tx, p.withAward(award), actor, "award");
            written.add(award);
          }
          return written;
        });
  }

  /**
   * Moves the waitlist's head to a seat while seats are free (capacity raised, or a seat given up),
   * in sign-up order; returns those promoted. Never past capacity, even when the capacity was cut
   * below the seats taken (then no one moves).
   */
  private static List<Row> fillSeats(Tx tx, Event e, Instant now) throws SQLException {
    List<Row> promoted = new ArrayList<>();
    List<Row> rows = RegistrationStore.ofEvent(tx, e.id());
    long taken = rows.stream().filter(x -> x.status().equals("registered")).count();
    for (Row x : rows) {
      if (!x.status().equals("waitlisted")) continue;
      if (e.capacity() != null && taken >= e.capacity()) break;
      RegistrationStore.put(tx, with(x, "registered", now));
      promoted.add(x);
      taken++;
    }
    return promoted;
  }

  /** Refuses a capacity below the seats already taken (a 409 naming {@code capacity}). */
  public void checkCapacity(String eventId, Integer capacity) {
    if (capacity == null) return;
    long taken =
        catalog.registrations().ofEvent(eventId).stream()
            .filter(x -> x.status().equals("registered"))
            .count();
    if (taken > capacity)
      throw new EntityConflictException(
          "capacity: "
              + taken
              + " projects hold a seat already; cancel sign-ups before cutting it to "
              + capacity);
  }

  private static Row with(Row r, String status, Instant now) {
    return new Row(
        r.eventId(),
        r.projectId(),
        status,
        r.seq(),
        r.attended(),
        r.createdAt(),
        r.createdBy(),
        now);
  }

  /** A row as shown, with its waitlist position among {@code rows}. */
  private static Registration shown(List<Row> rows, String projectId) {
    int position = 0;
    for (Row r : rows) {
      if (r.status().equals("waitlisted")) position++;
      if (r.projectId().equals(projectId))
        return new Registration(
            r.eventId(),
            r.projectId(),
            r.status(),
            r.status().equals("waitlisted") ? position : null,
            r.attended(),
            r.createdAt());
    }
    throw new IllegalStateException("no row for " + projectId);
  }

  private Event event(String id) {
    return (Event)
        catalog
            .entity(EntityType.EVENTS, id)
            .orElseThrow(() -> new EntityNotFoundException(EntityType.EVENTS, id));
  }

  private Event event(Tx tx, String id) throws SQLException {
    var row =
        tx.get(EntityType.EVENTS, id)
            .orElseThrow(() -> new EntityNotFoundException(EntityType.EVENTS, id));
    return (Event) catalog.reader().read(EntityType.EVENTS, row.tree());
  }

  private Instant now() {
    return catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }
}

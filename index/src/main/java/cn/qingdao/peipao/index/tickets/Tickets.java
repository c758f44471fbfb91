package cn.qingdao.peipao.index.tickets;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.recommend.Recommender;
import cn.qingdao.peipao.index.store.StoredEntity;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.store.TicketStore.Row;
import cn.qingdao.peipao.index.store.Tx;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Need tickets (创业需求响应率100%): a need raised for a project gets a due time from its SLA and ranked
 * responders; it then moves open → assigned → responded → resolved → closed (reopen from resolved
 * or closed), each move checked and recorded under the write lock with who and when. An illegal
 * move is a 409 naming the status; a ticket is overdue while it waits past its due time for a first
 * response, or when that response came late.
 */
public final class Tickets {
  public static final List<String> CHANNELS =
      List.of("portal", "hotline", "visit", "alert", "founder");
  public static final List<String> STATUSES =
      List.of("open", "assigned", "responded", "resolved", "closed");

  /** Each move: the statuses it may start from, and the status it leads to. */
  enum Move {
    ASSIGN(Set.of("open", "assigned"), "assigned"),
    RESPOND(Set.of("assigned", "responded"), "responded"),
    RESOLVE(Set.of("responded"), "resolved"),
    CLOSE(Set.of("resolved"), "closed"),
    /** Back to its responder (assigned) if it has one, else open. */
    REOPEN(Set.of("resolved", "closed"), null),
    RATE(Set.of("resolved", "closed"), null);

    final Set<String> from;
    final String to;

    Move(Set<String> from, String to) {
      this.from = from;
      this.to = to;
    }

    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How many ranked responders an opened ticket offers. */
  static final int CANDIDATES = 5;

  private final Catalog catalog;
  private final Taxonomy taxonomy;
  private final Recommender recommender;
  private final TicketSla sla;
  private static final SecureRandom RANDOM = new SecureRandom();

  public Tickets(Catalog catalog, Taxonomy taxonomy, Recommender recommender, TicketSla sla) {
    this.catalog = catalog;
    this.taxonomy = taxonomy;
    this.recommender = recommender;
    this.sla = sla;
  }

  /** A responder the engine ranks for a ticket, with its reasons. */
  public record Candidate(
      String type, String id, String name, double score, List<String> reasons) {}

  /** An opened ticket: the row, the 陪跑团 its need belongs to, and ranked responders. */
  public record Opened(Row ticket, String team, List<Candidate> candidates, boolean existing) {}

  /**
   * Opens a ticket, or returns the one already open for the same project, need and channel (an
   * alert, a hotline call, a repeated click: one need, one ticket).
   *
   * @throws EntityNotFoundException when the project does not exist
   */
  public Opened open(String projectId, String need, String text, String channel, String actor) {
    if (taxonomy.service(need).isEmpty())
      throw ValidationException.of(
          "need", "unknown need '" + need + "'; allowed: " + taxonomy.serviceCodes());
    if (!CHANNELS.contains(channel))
      throw ValidationException.of("channel", "must be one of " + String.join(", ", CHANNELS));
    StoredEntity row =
        catalog
            .get(EntityType.PROJECTS, projectId)
            .orElseThrow(() -> new EntityNotFoundException(EntityType.PROJECTS, projectId));
    Project project =
        ((Project) catalog.reader().read(EntityType.PROJECTS, row.tree()))
            .withServerFields(row.id(), row.version(), row.updatedAt());
    Instant now = now();
    Row[] opened = new Row[1];
    boolean existing =
        catalog.writeLogged(
            tx -> {
              var same = TicketStore.openOf(tx, projectId, need, channel);
              if (same.isPresent()) {
                opened[0] = same.get();
                return true;
              }
              opened[0] = insert(tx, projectId, need, text, channel, actor, now, sla.of(need));
              return false;
            });
    return new Opened(
        opened[0],
        taxonomy.service(need).orElseThrow().team(),
        responders(project, need),
        existing);
  }

  /**
   * Opens a ticket inside the caller's transaction unless the same need is open on the channel (an
   * alert's signal opens its team's ticket once). Returns the new ticket, or empty.
   */
  public static java.util.Optional<Row> openOnce(
      Tx tx,
      String projectId,
      String need,
      String text,
      String channel,
      String actor,
      Instant now,
      java.time.Duration sla)
      throws SQLException {
    if (TicketStore.openOf(tx, projectId, need, channel).isPresent())
      return java.util.Optional.empty();
    return java.util.Optional.of(insert(tx, projectId, need, text, channel, actor, now, sla));
  }

  private static Row insert(
      Tx tx,
      String projectId,
      String need,
      String text,
      String channel,
      String actor,
      Instant now,
      java.time.Duration sla)
      throws SQLException {
    Row r =
        new Row(
            newId(),
            projectId,
            need,
            text,
            channel,
            "open",
            null,
            null,
            now,
            actor,
            now.plus(sla),
            null,
            null,
            null,
            null,
            null,
            1);
    TicketStore.put(tx, r);
    TicketStore.event(tx, r.id(), now, actor, "open", null, "open", text);
    return r;
  }

  /** The outcome written on an alert ticket whose risk the growth data no longer shows. */
  public static final String RISK_CLEARED = "风险已解除（新的经营数据不再显示该风险）";

  /**
   * Closes, inside the caller's transaction, the project's open alert tickets for needs the current
   * risks no longer call for: the intervention's reason is gone. A system move (event {@code
   * risk-cleared}), not one a user can make. Returns how many it closed.
   */
  public static int clearAlerts(
      Tx tx, String projectId, Set<String> stillCalled, String actor, Instant now)
      throws SQLException {
    int closed = 0;
    for (Row r : TicketStore.openAlerts(tx, projectId)) {
      if (stillCalled.contains(r.need())) continue;
      Row next =
          r.moved(
              "closed",
              r.responderType(),
              r.responderId(),
              r.dueAt(),
              r.firstResponseAt(),
              r.resolvedAt(),
              now,
              RISK_CLEARED,
              r.rating());
      TicketStore.put(tx, next);
      TicketStore.event(tx, r.id(), now, actor, "risk-cleared", r.status(), "closed", RISK_CLEARED);
      closed++;
    }
    return closed;
  }

  /** Mentors and specialists who offer the need, in their service area, with room; ranked. */
  private List<Candidate> responders(Project project, String need) {
    var filters = new RequestFilters(List.of(), List.of(), List.of(), List.of(), List.of(need));
    List<Match> ranked =
        recommender
            .recommend(
                new Recommender.Request(project, EntityType.MENTORS, CANDIDATES, filters, null))
            .items();
    return ranked.stream()
        .map(
            m ->
                new Candidate(
                    "mentors",
                    m.id(),
                    m.entity().name(),
                    Math.round(m.score() * 10000) / 10000.0,
                    m.reasons()))
        .toList();
  }

  /**
   * Assigns a responder: a mentor or specialist who offers the ticket's need.
   *
   * @throws ValidationException when the responder does not exist or does not offer the need
   */
  public Row assign(String id, String responderId, String actor) {
    var mentor = catalog.entity(EntityType.MENTORS, responderId);
    if (mentor.isEmpty())
      throw ValidationException.of("responder.id", "no mentors with id '" + responderId + "'");
    return move(
        id,
        Move.ASSIGN,
        actor,
        responderId,
        (r, now) -> {
          if (!((Mentor) mentor.get()).services().contains(r.need()))
            throw ValidationException.of(
                "responder.id",
                responderId + " does not offer '" + r.need() + "'; assign someone who does");
          return r.moved(
              "assigned",
              "mentors",
              responderId,
              r.dueAt(),
              r.firstResponseAt(),
              null,
              null,
              r.outcome(),
              r.rating());
        });
  }

  /** The responder answers: the first answer stamps {@code firstResponseAt}. */
  public Row respond(String id, String text, String actor) {
    return move(
        id,
        Move.RESPOND,
        actor,
        text,
        (r, now) ->
            r.moved(
                "responded",
                r.responderType(),
                r.responderId(),
                r.dueAt(),
                r.firstResponseAt() == null ? now : r.firstResponseAt(),
                null,
                null,
                r.outcome(),
                r.rating()));
  }

  public Row resolve(String id, String outcome, String actor) {
    return move(
        id,
        Move.RESOLVE,
        actor,
        outcome,
        (r, now) ->
            r.moved(
                "resolved",
                r.responderType(),
                r.responderId(),
                r.dueAt(),
                r.firstResponseAt(),
                now,
                null,
                outcome,
                r.rating()));
  }

  public Row close(String id, String actor) {
    return move(
        id,
        Move.CLOSE,
        actor,
        null,
        (r, now) ->
            r.moved(
                "closed",
                r.responderType(),
                r.responderId(),
                r.dueAt(),
                r.firstResponseAt(),
                r.resolvedAt(),
                now,
                r.outcome(),
                r.rating()));
  }

  /**
   * A new round: back to its responder (assigned) when it has one, else open, with a new due time
   * from the SLA; the first response, the resolution and the rating of the last round are cleared
   * (its events keep them), so the new round counts as unanswered until answered, and as overdue
   * once past due.
   */
  public Row reopen(String id, String reason, String actor) {
    return move(
        id,
        Move.REOPEN,
        actor,
        reason,
        (r, now) ->
            r.moved(
                r.responderId() == null ? "open" : "assigned",
                r.responderType(),
                r.responderId(),
                now.plus(sla.of(r.need())),
                null,
                null,
                null,
                null,
                null));
  }

  /** The founder's rating (1–5) of a resolved answer. */
  public Row rate(String id, int rating, String actor) {
    if (rating < 1 || rating > 5)
      throw ValidationException.of("rating", "must be between 1 and 5 (got " + rating + ")");
    return move(
        id,
        Move.RATE,
        actor,
        Integer.toString(rating),
        (r, now) ->
            r.moved(
                r.status(),
                r.responderType(),
                r.responderId(),
                r.dueAt(),
                r.firstResponseAt(),
                r.resolvedAt(),
                r.closedAt(),
                r.outcome(),
                rating));
  }

  @FunctionalInterface
  private interface Change {
    Row apply(Row current, Instant now) throws SQLException;
  }

  /** Checks the move against the status under the write lock, writes the row and the event. */
  private Row move(String id, Move move, String actor, String note, Change change) {
    Instant now = now();
    return catalog.writeLogged(
        (Tx tx) -> {
          Row r =
              TicketStore.get(tx, id).orElseThrow(() -> new EntityNotFoundException("ticket", id));
          if (!move.from.contains(r.status()))
            throw new EntityConflictException(
                "ticket '"
                    + id
                    + "' is "
                    + r.status()
                    + "; "
                    + move.code()
                    + " applies to a ticket that is "
                    + String.join(" or ", new java.util.TreeSet<>(move.from)));
          Row next = change.apply(r, now);
          TicketStore.put(tx, next);
          TicketStore.event(tx, id, now, actor, move.code(), r.status(), next.status(), note);
          return next;
        });
  }

  /** The ticket, or 404. */
  public Row get(String id) {
    return catalog.tickets().get(id).orElseThrow(() -> new EntityNotFoundException("ticket", id));
  }

  public List<TicketStore.Event> events(String id) {
    return catalog.tickets().events(id);
  }

  public TicketStore.Page list(TicketStore.Query q) {
    return catalog.tickets().list(q);
  }

  /** Overdue as of {@code now}: no first response past due, or a first response that came late. */
  public static boolean overdue(Row r, Instant now) {
    if (r.firstResponseAt() != null) return r.firstResponseAt().isAfter(r.dueAt());
    return (r.status().equals("open") || r.status().equals("assigned")) && now.isAfter(r.dueAt());
  }

  public Instant now() {
    return catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static String newId() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return "t-" + HexFormat.of().formatHex(b);
  }

  /** The SLA the tickets use. */
  public TicketSla sla() {
    return sla;
  }
}

package cn.qingdao.peipao.index.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Need tickets and their transitions: plain SQL; writes inside the caller's transaction. */
public final class TicketStore {
  /** A ticket row; times null until they happen, {@code responderType/Id} null until assigned. */
  public record Row(
      String id,
      String projectId,
      String need,
      String text,
      String channel,
      String status,
      String responderType,
      String responderId,
      Instant createdAt,
      String createdBy,
      Instant dueAt,
      Instant firstResponseAt,
      Instant resolvedAt,
      Instant closedAt,
      String outcome,
      Integer rating,
      long version) {
    /**
     * This ticket after a move: the status and the fields a move may change as given, what it was
     * raised with kept, the version one up.
     */
    public Row moved(
        String status,
        String responderType,
        String responderId,
        Instant dueAt,
        Instant firstResponseAt,
        Instant resolvedAt,
        Instant closedAt,
        String outcome,
        Integer rating) {
      return new Row(
          id,
          projectId,
          need,
          text,
          channel,
          status,
          responderType,
          responderId,
          createdAt,
          createdBy,
          dueAt,
          firstResponseAt,
          resolvedAt,
          closedAt,
          outcome,
          rating,
          version + 1);
    }
  }

  /** One transition: who moved the ticket from which status to which, when, with what text. */
  public record Event(
      long seq,
      Instant at,
      String actor,
      String action,
      String fromStatus,
      String toStatus,
      String note) {}

  /** Which tickets to list; null or empty means any. */
  /**
   * What to list; null or empty lists do not filter. {@code cities} and {@code districts} are the
   * project's place as the entity table holds it (the project's current location).
   */
  public record Query(
      List<String> statuses,
      List<String> needs,
      List<String> projectIds,
      String responderId,
      Instant overdueAt,
      int offset,
      int limit,
      List<String> cities,
      List<String> districts) {
    /** A query not narrowed by place. */
    public Query(
        List<String> statuses,
        List<String> needs,
        List<String> projectIds,
        String responderId,
        Instant overdueAt,
        int offset,
        int limit) {
      this(statuses, needs, projectIds, responderId, overdueAt, offset, limit, null, null);
    }
  }

  /*
   * Times are stored as Instant.toString(), which drops zero milliseconds: text order is not time
   * order within a second, so every comparison of times in SQL goes through julianday().
   */
  private static final String COLUMNS =
      "id, project_id, need, text, channel, status, responder_type, responder_id, created_at,"
          + " created_by, due_at, first_response_at, resolved_at, closed_at, outcome, rating,"
          + " version";

  private final Database db;

  public TicketStore(Database db) {
    this.db = db;
  }

  /** Inserts or replaces a ticket row (the caller bumps the version). */
  public static void put(Tx tx, Row r) throws SQLException {
    try (PreparedStatement q =
        tx.connection().prepareStatement(Dialect.upsert("ticket", COLUMNS, "id"))) {
      q.setString(1, r.id());
      q.setString(2, r.projectId());
      q.setString(3, r.need());
      q.setString(4, r.text());
      q.setString(5, r.channel());
      q.setString(6, r.status());
      q.setString(7, r.responderType());
      q.setString(8, r.responderId());
      q.setString(9, r.createdAt().toString());
      q.setString(10, r.createdBy());
      q.setString(11, r.dueAt().toString());
      q.setString(12, text(r.firstResponseAt()));
      q.setString(13, text(r.resolvedAt()));
      q.setString(14, text(r.closedAt()));
      q.setString(15, r.outcome());
      if (r.rating() == null) q.setNull(16, Types.INTEGER);
      else q.setInt(16, r.rating());
      q.setLong(17, r.version());
      q.executeUpdate();
    }
  }

  /** Appends a transition. */
  public static void event(
      Tx tx,
      String ticketId,
      Instant at,
      String actor,
      String action,
      String from,
      String to,
      String note)
      throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "INSERT INTO ticket_event (ticket_id, at, actor, action, from_status, to_status,"
                    + " note) VALUES (?,?,?,?,?,?,?)")) {
      q.setString(1, ticketId);
      q.setString(2, at.toString());
      q.setString(3, actor);
      q.setString(4, action);
      q.setString(5, from);
      q.setString(6, to);
      q.setString(7, note);
      q.executeUpdate();
    }
  }

  /** The ticket, read inside a write transaction (to check and move it under the lock). */
  public static Optional<Row> get(Tx tx, String id) throws SQLException {
    return get(tx.connection(), id);
  }

  public Optional<Row> get(String id) {
    return db.read(c -> get(c, id));
  }

  private static Optional<Row> get(Connection c, String id) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT " + COLUMNS + " FROM ticket WHERE id = ?")) {
      q.setString(1, id);
      List<Row> rows = rows(q);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  /** An open ticket of the project for the need and channel, if there is one (no duplicates). */
  public static Optional<Row> openOf(Tx tx, String projectId, String need, String channel)
      throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM ticket WHERE project_id = ? AND need = ? AND channel = ?"
                    + " AND status IN ('open','assigned','responded') ORDER BY id LIMIT 1")) {
      q.setString(1, projectId);
      q.setString(2, need);
      q.setString(3, channel);
      List<Row> rows = rows(q);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
  }

  /** The project's alert tickets not yet resolved or closed. */
  public static List<Row> openAlerts(Tx tx, String projectId) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM ticket WHERE project_id = ? AND channel = 'alert'"
                    + " AND status IN ('open','assigned','responded') ORDER BY id")) {
      q.setString(1, projectId);
      return rows(q);
    }
  }

  /** The ticket's transitions, oldest first. */
  public List<Event> events(String ticketId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT seq, at, actor, action, from_status, to_status, note FROM ticket_event"
                      + " WHERE ticket_id = ? ORDER BY seq")) {
            q.setString(1, ticketId);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next())
                out.add(
                    new Event(
                        rs.getLong(1),
                        Instant.parse(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)));
            }
            return out;
          }
        });
  }

  /** A page of tickets, soonest due first (then id), and how many match in all. */
  public record Page(long total, List<Row> items) {}

  public Page list(Query query) {
    Dialect d = db.dialect();
    StringBuilder where = new StringBuilder(" FROM ticket WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    in(where, args, "status", query.statuses());
    in(where, args, "need", query.needs());
    if (query.projectIds() != null) in(where, args, "project_id", query.projectIds(), true);
    placeIn(where, args, "city", query.cities());
    placeIn(where, args, "district", query.districts());
    if (query.responderId() != null) {
      where.append(" AND responder_id = ?");
      args.add(query.responderId());
    }
    if (query.overdueAt() != null) {
      // overdue: no first response yet and past due, or the first response came late
      where.append(
          " AND ((first_response_at IS NULL AND status IN ('open','assigned')"
              + " AND "
              + d.time("due_at")
              + " < "
              + d.time("?")
              + ") OR "
              + d.time("first_response_at")
              + " > "
              + d.time("due_at")
              + ")");
      args.add(query.overdueAt().toString());
    }
    return db.read(
        c -> {
          long total;
          try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*)" + where)) {
            bind(q, args);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + where
                      + " ORDER BY "
                      + d.time("due_at")
                      + ", id LIMIT ? OFFSET ?")) {
            int i = bind(q, args);
            q.setInt(i++, query.limit());
            q.setInt(i, query.offset());
            return new Page(total, rows(q));
          }
        });
  }

  /** Tickets of projects whose {@code column} (city or district) is one of {@code v}. */
  private static void placeIn(
      StringBuilder where, List<String> args, String column, List<String> v) {
    if (v == null || v.isEmpty()) return;
    where.append(" AND project_id IN (SELECT id FROM entity WHERE type = 'projects'");
    in(where, args, column, v);
    where.append(')');
  }

  /** Every ticket ever assigned to {@code responderId} (its current row). */
  public List<Row> ofResponder(String responderId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT " + COLUMNS + " FROM ticket WHERE responder_id = ?")) {
            q.setString(1, responderId);
            return rows(q);
          }
        });
  }

  /** Every ticket created in {@code [from, to)}, by creation time. */
  public List<Row> createdBetween(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM ticket WHERE "
                      + db.dialect().timeIn("created_at")
                      + " ORDER BY created_at, id")) {
            q.setString(1, from.toString());
            q.setString(2, to.toString());
            return rows(q);
          }
        });
  }

  /**
   * What the ledger needs of one ticket, computed by SQLite so that no time is parsed in Java.
   *
   * @param month the month of creation in Beijing time ({@code 2026-03})
   * @param firstResponseMillis milliseconds from creation to the first response; null without one
   * @param resolved resolved or closed
   * @param overdue as {@code Tickets.overdue} at the {@code now} of the query
   */
  public record LedgerRow(
      String projectId,
      String need,
      String month,
      Long firstResponseMillis,
      boolean resolved,
      boolean overdue) {}

  /**
   * Calls {@code each} with every ticket created in {@code [from, to)}, in no particular order.
   * O(tickets) with one narrow row each: the ledger's read of a year.
   */
  public void forLedger(
      Instant from, Instant to, Instant now, java.util.function.Consumer<LedgerRow> each) {
    db.read(
        c -> {
          Dialect d = db.dialect();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT project_id, need, "
                      + d.beijingMonth("created_at")
                      + ", "
                      + d.millisBetween("created_at", "first_response_at")
                      + ", resolved_at IS NOT NULL OR status = 'closed',"
                      + " CASE WHEN first_response_at IS NOT NULL THEN "
                      + d.time("first_response_at")
                      + " > "
                      + d.time("due_at")
                      + " ELSE status IN ('open', 'assigned') AND "
                      + d.time("?")
                      + " > "
                      + d.time("due_at")
                      + " END FROM ticket WHERE "
                      + d.timeIn("created_at"))) {
            q.setString(1, now.toString());
            q.setString(2, from.toString());
            q.setString(3, to.toString());
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                long ms = rs.getLong(4);
                Long first = rs.wasNull() ? null : ms;
                each.accept(
                    new LedgerRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        first,
                        rs.getBoolean(5),
                        rs.getBoolean(6)));
              }
            }
          }
          return null;
        });
  }

  /** Where a project is and its first sector, as the entity table's columns hold them. */
  public record ProjectPlace(String district, String city, String sector) {}

  /** Every stored project's place, by id: one narrow read instead of a parse per project. */
  public java.util.Map<String, ProjectPlace> projectPlaces() {
    return db.read(
        c -> {
          java.util.Map<String, ProjectPlace> out = new java.util.HashMap<>();
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT id, district, city, sectors FROM entity WHERE type = 'projects'");
              ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
              String sectors = rs.getString(4);
              String first = sectors == null || sectors.isEmpty() ? null : sectors.split(",", 2)[0];
              out.put(rs.getString(1), new ProjectPlace(rs.getString(2), rs.getString(3), first));
            }
          }
          return out;
        });
  }

  /** Every session dated in {@code [from, to)}. */
  public List<Session> sessionsBetween(java.time.LocalDate from, java.time.LocalDate to) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT id, mentor_id, project_id, date, hours, topic, outcome, at, actor"
                      + " FROM mentor_session WHERE date >= ? AND date < ? ORDER BY date, id")) {
            q.setString(1, from.toString());
            q.setString(2, to.toString());
            return sessionRows(q);
          }
        });
  }

  /**
   * Tickets created in {@code [from, to)} counted per UTC month in one SQL {@code GROUP BY}: the
   * floor the ledger's benchmark compares with (what the database alone does). O(rows).
   */
  public long countByMonth(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT substr(created_at, 1, 7), COUNT(*) FROM ticket"
                      + " WHERE "
                      + db.dialect().timeIn("created_at")
                      + " GROUP BY 1")) {
            q.setString(1, from.toString());
            q.setString(2, to.toString());
            long n = 0;
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) n += rs.getLong(2);
            }
            return n;
          }
        });
  }

  /** A logged session of a mentor with a project. */
  public record Session(
      long id,
      String mentorId,
      String projectId,
      java.time.LocalDate date,
      double hours,
      String topic,
      String outcome,
      Instant at,
      String actor) {}

  /** Appends a session inside the caller's transaction; returns its id. */
  public static long addSession(Tx tx, Session s) throws SQLException {
    try (PreparedStatement q =
        Dialect.prepareInsert(
            tx.connection(),
            "INSERT INTO mentor_session (mentor_id, project_id, date, hours, topic, outcome,"
                + " at, actor) VALUES (?,?,?,?,?,?,?,?)",
            "id")) {
      q.setString(1, s.mentorId());
      q.setString(2, s.projectId());
      q.setString(3, s.date().toString());
      q.setDouble(4, s.hours());
      q.setString(5, s.topic());
      q.setString(6, s.outcome());
      q.setString(7, s.at().toString());
      q.setString(8, s.actor());
      return Dialect.insertKey(q);
    }
  }

  /** A mentor's sessions, newest first. */
  public List<Session> sessions(String mentorId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT id, mentor_id, project_id, date, hours, topic, outcome, at, actor"
                      + " FROM mentor_session WHERE mentor_id = ? ORDER BY date DESC, id DESC")) {
            q.setString(1, mentorId);
            return sessionRows(q);
          }
        });
  }

  private static List<Session> sessionRows(PreparedStatement q) throws SQLException {
    List<Session> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next())
        out.add(
            new Session(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                java.time.LocalDate.parse(rs.getString(4)),
                rs.getDouble(5),
                rs.getString(6),
                rs.getString(7),
                Instant.parse(rs.getString(8)),
                rs.getString(9)));
    }
    return out;
  }

  private static void in(StringBuilder where, List<String> args, String column, List<String> v) {
    in(where, args, column, v, false);
  }

  /** {@code column IN (…)}; an empty list matches nothing when {@code emptyMeansNone}. */
  private static void in(
      StringBuilder where, List<String> args, String column, List<String> v, boolean emptyNone) {
    if (v == null || v.isEmpty()) {
      if (emptyNone) where.append(" AND 1 = 0");
      return;
    }
    where.append(" AND ").append(column).append(" IN (");
    for (int i = 0; i < v.size(); i++) where.append(i == 0 ? "?" : ",?");
    where.append(')');
    args.addAll(v);
  }

  private static int bind(PreparedStatement q, List<String> args) throws SQLException {
    int i = 1;
    for (String a : args) q.setString(i++, a);
    return i;
  }

  private static List<Row> rows(PreparedStatement q) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        int rating = rs.getInt(16);
        boolean noRating = rs.wasNull();
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                Instant.parse(rs.getString(9)),
                rs.getString(10),
                Instant.parse(rs.getString(11)),
                instant(rs.getString(12)),
                instant(rs.getString(13)),
                instant(rs.getString(14)),
                rs.getString(15),
                noRating ? null : rating,
                rs.getLong(17)));
      }
    }
    return out;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}

package cn.qingdao.peipao.index.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Event sign-ups. Plain SQL; the store itself refuses a registered row past the event's capacity
 * (triggers of migration V12), whatever writes it.
 */
public final class RegistrationStore {
  /** One sign-up: registered, waitlisted or cancelled; {@code attended} null until recorded. */
  public record Row(
      String eventId,
      String projectId,
      String status,
      long seq,
      Boolean attended,
      Instant createdAt,
      String createdBy,
      Instant updatedAt) {}

  private static final String COLUMNS =
      "event_id, project_id, status, seq, attended, created_at, created_by, updated_at";

  private final Database db;

  public RegistrationStore(Database db) {
    this.db = db;
  }

  /** Inserts or replaces a sign-up. */
  public static void put(Tx tx, Row r) throws SQLException {
    boolean exists = get(tx, r.eventId(), r.projectId()).isPresent();
    String sql =
        exists
            ? "UPDATE registration SET status = ?, seq = ?, attended = ?, created_at = ?,"
                + " created_by = ?, updated_at = ? WHERE event_id = ? AND project_id = ?"
            : "INSERT INTO registration (status, seq, attended, created_at, created_by, updated_at,"
                + " event_id, project_id) VALUES (?,?,?,?,?,?,?,?)";
    try (PreparedStatement q = tx.connection().prepareStatement(sql)) {
      q.setString(1, r.status());
      q.setLong(2, r.seq());
      if (r.attended() == null) q.setNull(3, Types.INTEGER);
      else q.setInt(3, r.attended() ? 1 : 0);
      q.setString(4, r.createdAt().toString());
      q.setString(5, r.createdBy());
      q.setString(6, r.updatedAt().toString());
      q.setString(7, r.eventId());
      q.setString(8, r.projectId());
      q.executeUpdate();
    }
  }

  public static Optional<Row> get(Tx tx, String eventId, String projectId) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT " + COLUMNS + " FROM registration WHERE event_id = ? AND project_id = ?")) {
      q.setString(1, eventId);
      q.setString(2, projectId);
      return rows(q).stream().findFirst();
    }
  }

  /** An event's seats taken and its highest sign-up number: what a new sign-up needs. */
  public record Counts(long registered, long maxSeq) {}

  /** {@link Counts} in one aggregate query, O(the event's sign-ups) inside SQLite. */
  public static Counts counts(Tx tx, String eventId) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT COUNT(CASE WHEN status = 'registered' THEN 1 END), COALESCE(MAX(seq), 0)"
                    + " FROM registration WHERE event_id = ?")) {
      q.setString(1, eventId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return new Counts(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /** The place on the waitlist of sign-up {@code seq}: waitlisted sign-ups up to it. */
  public static int waitlistPosition(Tx tx, String eventId, long seq) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT COUNT(*) FROM registration WHERE event_id = ? AND status = 'waitlisted'"
                    + " AND seq <= ?")) {
      q.setString(1, eventId);
      q.setLong(2, seq);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Every sign-up of an event, in sign-up order. */
  public static List<Row> ofEvent(Tx tx, String eventId) throws SQLException {
    return ofEvent(tx.connection(), eventId);
  }

  /** As {@link #ofEvent(Tx, String)}, outside a transaction. */
  public List<Row> ofEvent(String eventId) {
    return db.read(c -> ofEvent(c, eventId));
  }

  private static List<Row> ofEvent(java.sql.Connection c, String eventId) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM registration WHERE event_id = ? ORDER BY seq")) {
      q.setString(1, eventId);
      return rows(q);
    }
  }

  /**
   * The events whose seats are all taken and that keep no waitlist: a project can no longer sign
   * up, so recommendations leave them out. O(live sign-ups).
   */
  public java.util.Set<String> fullWithoutWaitlist() {
    Dialect d = db.dialect();
    return db.read(
        c -> {
          try (PreparedStatement q =
                  c.prepareStatement(
                      "SELECT r.event_id FROM registration r JOIN entity e"
                          + " ON e.type = 'events' AND e.id = r.event_id"
                          + " WHERE r.status = 'registered'"
                          + " AND NOT "
                          + d.jsonFlag("e.json", "waitlist")
                          + " AND "
                          + d.jsonNumber("e.json", "capacity")
                          + " IS NOT NULL GROUP BY r.event_id HAVING COUNT(*) >= MAX("
                          + d.jsonNumber("e.json", "capacity")
                          + ")");
              ResultSet rs = q.executeQuery()) {
            java.util.Set<String> out = new java.util.HashSet<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
          }
        });
  }

  /** The live sign-ups (registered or waitlisted) made in {@code [from, to)}. */
  public List<Row> createdBetween(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM registration WHERE status <> 'cancelled'"
                      + " AND "
                      + db.dialect().timeIn("created_at"))) {
            q.setString(1, from.toString());
            q.setString(2, to.toString());
            return rows(q);
          }
        });
  }

  /** Every sign-up of a project, newest first. */
  public List<Row> ofProject(String projectId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM registration WHERE project_id = ? ORDER BY created_at DESC")) {
            q.setString(1, projectId);
            return rows(q);
          }
        });
  }

  private static List<Row> rows(PreparedStatement q) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        int a = rs.getInt(5);
        Boolean attended = rs.wasNull() ? null : a == 1;
        out.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                attended,
                Instant.parse(rs.getString(6)),
                rs.getString(7),
                Instant.parse(rs.getString(8))));
      }
    }
    return out;
  }
}

package cn.qingdao.peipao.index.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Parks' spaces, room bookings and move-in applications. Plain SQL; the store itself refuses two
 * live bookings of one room that overlap (a trigger of migration V10), whatever writes them.
 */
public final class SpaceStore {
  /** One space of a park; {@code tenantProjectId} is set when a move-in placed a project there. */
  public record Space(
      String parkId,
      String id,
      String kind,
      String name,
      double area,
      Long monthlyRent,
      boolean bookable,
      String status,
      String tenantProjectId) {
    /** This space with another status and tenant (null: none), the rest unchanged. */
    public Space withTenant(String newStatus, String tenant) {
      return new Space(parkId, id, kind, name, area, monthlyRent, bookable, newStatus, tenant);
    }
  }

  /** A time-slot booking of a bookable room; {@code status} is booked or cancelled. */
  public record Booking(
      String id,
      String parkId,
      String spaceId,
      String projectId,
      Instant start,
      Instant end,
      String purpose,
      String status,
      Instant createdAt,
      String createdBy,
      Instant cancelledAt,
      String cancelledBy) {}

  /** A move-in application; {@code status} pending, accepted, declined or withdrawn. */
  public record MoveIn(
      String id,
      String parkId,
      String projectId,
      List<String> kinds,
      Double area,
      String note,
      String status,
      Instant createdAt,
      String createdBy,
      Instant decidedAt,
      String decidedBy,
      String reason,
      List<String> spaceIds,
      String assignmentId) {}

  private static final String SPACE_COLUMNS =
      "park_id, id, kind, name, area, monthly_rent, bookable, status, tenant_project_id";
  private static final String BOOKING_COLUMNS =
      "id, park_id, space_id, project_id, start_ms, end_ms, purpose, status, created_at,"
          + " created_by, cancelled_at, cancelled_by";
  private static final String MOVE_IN_COLUMNS =
      "id, park_id, project_id, kinds, area, note, status, created_at, created_by, decided_at,"
          + " decided_by, reason, space_ids, assignment_id";

  private final Database db;

  public SpaceStore(Database db) {
    this.db = db;
  }

  /** The spaces of a park, by id. */
  public List<Space> spaces(String parkId) {
    return db.read(c -> spaces(c, parkId));
  }

  public static List<Space> spaces(Tx tx, String parkId) throws SQLException {
    return spaces(tx.connection(), parkId);
  }

  private static List<Space> spaces(Connection c, String parkId) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT " + SPACE_COLUMNS + " FROM space WHERE park_id = ? ORDER BY id")) {
      q.setString(1, parkId);
      List<Space> out = new ArrayList<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long rent = rs.getLong(6);
          Long monthlyRent = rs.wasNull() ? null : rent; // wasNull speaks of the last column read
          out.add(
              new Space(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getDouble(5),
                  monthlyRent,
                  rs.getBoolean(7),
                  rs.getString(8),
                  rs.getString(9)));
        }
      }
      return out;
    }
  }

  /** Replaces the whole inventory of {@code parkId} inside the caller's transaction. */
  public static void replaceSpaces(Tx tx, String parkId, List<Space> spaces) throws SQLException {
    try (PreparedStatement d =
        tx.connection().prepareStatement("DELETE FROM space WHERE park_id = ?")) {
      d.setString(1, parkId);
      d.executeUpdate();
    }
    for (Space s : spaces) putSpace(tx, s);
  }

  /** Inserts or replaces one space. */
  public static void putSpace(Tx tx, Space s) throws SQLException {
    try (PreparedStatement q =
        tx.connection().prepareStatement(Dialect.upsert("space", SPACE_COLUMNS, "park_id, id"))) {
      q.setString(1, s.parkId());
      q.setString(2, s.id());
      q.setString(3, s.kind());
      q.setString(4, s.name());
      q.setDouble(5, s.area());
      if (s.monthlyRent() == null) q.setNull(6, Types.INTEGER);
      else q.setLong(6, s.monthlyRent());
      q.setBoolean(7, s.bookable());
      q.setString(8, s.status());
      q.setString(9, s.tenantProjectId());
      q.executeUpdate();
    }
  }

  /** Inserts a booking; the store refuses an overlap with an {@link SQLException}. */
  public static void insertBooking(Tx tx, Booking b) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "INSERT INTO booking (" + BOOKING_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      q.setString(1, b.id());
      q.setString(2, b.parkId());
      q.setString(3, b.spaceId());
      q.setString(4, b.projectId());
      q.setLong(5, b.start().toEpochMilli());
      q.setLong(6, b.end().toEpochMilli());
      q.setString(7, b.purpose());
      q.setString(8, b.status());
      q.setString(9, b.createdAt().toString());
      q.setString(10, b.createdBy());
      q.setString(11, b.cancelledAt() == null ? null : b.cancelledAt().toString());
      q.setString(12, b.cancelledBy());
      q.executeUpdate();
    }
  }

  /** The first live booking of the room overlapping {@code [start, end)}, if any. */
  public static Optional<Booking> overlapping(
      Tx tx, String parkId, String spaceId, Instant start, Instant end) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT "
                    + BOOKING_COLUMNS
                    + " FROM booking WHERE park_id = ? AND space_id = ? AND status = 'booked'"
                    + " AND start_ms < ? AND ? < end_ms ORDER BY start_ms LIMIT 1")) {
      q.setString(1, parkId);
      q.setString(2, spaceId);
      q.setLong(3, end.toEpochMilli());
      q.setLong(4, start.toEpochMilli());
      return bookings(q).stream().findFirst();
    }
  }

  /** Live bookings of a space ending after {@code after}. */
  public static int liveBookingsAfter(Tx tx, String parkId, String spaceId, Instant after)
      throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT COUNT(*) FROM booking WHERE park_id = ? AND space_id = ?"
                    + " AND status = 'booked' AND end_ms > ?")) {
      q.setString(1, parkId);
      q.setString(2, spaceId);
      q.setLong(3, after.toEpochMilli());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** A booking by id, read outside any write transaction. */
  public Optional<Booking> booking(String id) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement("SELECT " + BOOKING_COLUMNS + " FROM booking WHERE id = ?")) {
            q.setString(1, id);
            return bookings(q).stream().findFirst();
          }
        });
  }

  public static Optional<Booking> booking(Tx tx, String id) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement("SELECT " + BOOKING_COLUMNS + " FROM booking WHERE id = ?")) {
      q.setString(1, id);
      return bookings(q).stream().findFirst();
    }
  }

  /** Marks a booking cancelled (it stays, with who cancelled it and when). */
  public static void cancelBooking(Tx tx, String id, Instant at, String actor) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "UPDATE booking SET status = 'cancelled', cancelled_at = ?, cancelled_by = ?"
                    + " WHERE id = ?")) {
      q.setString(1, at.toString());
      q.setString(2, actor);
      q.setString(3, id);
      q.executeUpdate();
    }
  }

  /**
   * A park's bookings overlapping {@code [from, to)}, of one space or all (null), live and
   * cancelled, by start.
   */
  public List<Booking> calendar(String parkId, String spaceId, Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + BOOKING_COLUMNS
                      + " FROM booking WHERE park_id = ? AND (? IS NULL OR space_id = ?)"
                      + " AND start_ms < ? AND ? < end_ms ORDER BY start_ms, id")) {
            q.setString(1, parkId);
            q.setString(2, spaceId);
            q.setString(3, spaceId);
            q.setLong(4, to.toEpochMilli());
            q.setLong(5, from.toEpochMilli());
            return bookings(q);
          }
        });
  }

  /** The live bookings made for a project in {@code [from, to)} (by when they were made). */
  public List<Booking> projectBookingsMadeBetween(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + BOOKING_COLUMNS
                      + " FROM booking WHERE status = 'booked' AND project_id IS NOT NULL"
                      + " AND "
                      + db.dialect().timeIn("created_at"))) {
            q.setString(1, from.toString());
            q.setString(2, to.toString());
            return bookings(q);
          }
        });
  }

  /** Every booking made for a project, newest start first. */
  public List<Booking> bookingsOf(String projectId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + BOOKING_COLUMNS
                      + " FROM booking WHERE project_id = ? ORDER BY start_ms DESC, id")) {
            q.setString(1, projectId);
            return bookings(q);
          }
        });
  }

  private static List<Booking> bookings(PreparedStatement q) throws SQLException {
    List<Booking> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next())
        out.add(
            new Booking(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6)),
                rs.getString(7),
                rs.getString(8),
                Instant.parse(rs.getString(9)),
                rs.getString(10),
                rs.getString(11) == null ? null : Instant.parse(rs.getString(11)),
                rs.getString(12)));
    }
    return out;
  }

  /** Inserts or replaces a move-in application. */
  public static void putMoveIn(Tx tx, MoveIn m) throws SQLException {
    try (PreparedStatement q =
        tx.connection().prepareStatement(Dialect.upsert("move_in", MOVE_IN_COLUMNS, "id"))) {
      q.setString(1, m.id());
      q.setString(2, m.parkId());
      q.setString(3, m.projectId());
      q.setString(4, String.join(",", m.kinds()));
      if (m.area() == null) q.setNull(5, Types.REAL);
      else q.setDouble(5, m.area());
      q.setString(6, m.note());
      q.setString(7, m.status());
      q.setString(8, m.createdAt().toString());
      q.setString(9, m.createdBy());
      q.setString(10, m.decidedAt() == null ? null : m.decidedAt().toString());
      q.setString(11, m.decidedBy());
      q.setString(12, m.reason());
      q.setString(13, m.spaceIds() == null ? null : String.join(",", m.spaceIds()));
      q.setString(14, m.assignmentId());
      q.executeUpdate();
    }
  }

  public static Optional<MoveIn> moveIn(Tx tx, String id) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement("SELECT " + MOVE_IN_COLUMNS + " FROM move_in WHERE id = ?")) {
      q.setString(1, id);
      return moveIns(q).stream().findFirst();
    }
  }

  /** The pending application of a project to a park, if any. */
  public static Optional<MoveIn> pending(Tx tx, String parkId, String projectId)
      throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT "
                    + MOVE_IN_COLUMNS
                    + " FROM move_in WHERE park_id = ? AND project_id = ? AND status = 'pending'")) {
      q.setString(1, parkId);
      q.setString(2, projectId);
      return moveIns(q).stream().findFirst();
    }
  }

  /** A park's applications with {@code status} (null: any), newest first. */
  public List<MoveIn> moveIns(String parkId, String status) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + MOVE_IN_COLUMNS
                      + " FROM move_in WHERE park_id = ? AND (? IS NULL OR status = ?)"
                      + " ORDER BY created_at DESC, id")) {
            q.setString(1, parkId);
            q.setString(2, status);
            q.setString(3, status);
            return moveIns(q);
          }
        });
  }

  private static List<MoveIn> moveIns(PreparedStatement q) throws SQLException {
    List<MoveIn> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        double area = rs.getDouble(5);
        Double a = rs.wasNull() ? null : area;
        String spaceIds = rs.getString(13);
        out.add(
            new MoveIn(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                List.of(rs.getString(4).split(",")),
                a,
                rs.getString(6),
                rs.getString(7),
                Instant.parse(rs.getString(8)),
                rs.getString(9),
                rs.getString(10) == null ? null : Instant.parse(rs.getString(10)),
                rs.getString(11),
                rs.getString(12),
                spaceIds == null ? null : Arrays.asList(spaceIds.split(",")),
                rs.getString(14)));
      }
    }
    return out;
  }
}

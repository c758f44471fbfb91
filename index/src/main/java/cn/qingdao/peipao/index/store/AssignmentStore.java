package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Allocations and assignments in the store. Reads take their own connection; writes take the {@link
 * Tx} of a transaction run by {@link EntityStore#write}, so that an allocation, its assignments and
 * their audit entries commit together. Plain SQL that PostgreSQL also accepts.
 */
public final class AssignmentStore {
  private static final String ASSIGNMENT_COLUMNS =
      "id, project_id, counterpart_type, counterpart_id, allocation_id, score, started_at,"
          + " started_by, ended_at, ended_by";
  private static final String ALLOCATION_COLUMNS =
      "id, created_at, created_by, counterpart, mode, status, basis, json, published_at,"
          + " published_by";

  private final Database db;

  public AssignmentStore(Database db) {
    this.db = db;
  }

  /** Active assignments per counterpart id of {@code type}. */
  public Map<String, Integer> loads(EntityType type) {
    return db.read(c -> loads(c, type));
  }

  /** As {@link #loads(EntityType)}, inside a write transaction. */
  public static Map<String, Integer> loads(Tx tx, EntityType type) throws SQLException {
    return loads(tx.connection(), type);
  }

  private static Map<String, Integer> loads(Connection c, EntityType type) throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT counterpart_id, COUNT(*) FROM assignment WHERE counterpart_type = ?"
                + " AND ended_at IS NULL GROUP BY counterpart_id")) {
      q.setString(1, type.path());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  /** Active assignments of one mentor or park. */
  public int load(EntityType type, String id) {
    return db.read(c -> count(c, type, id, null));
  }

  /** As {@link #load(EntityType, String)}, inside a write transaction. */
  public static int load(Tx tx, EntityType type, String id) throws SQLException {
    return count(tx.connection(), type, id, null);
  }

  /** Whether the project and the mentor or park are paired by an active assignment. */
  public static boolean paired(Tx tx, String projectId, EntityType type, String id)
      throws SQLException {
    return count(tx.connection(), type, id, projectId) > 0;
  }

  /**
   * The project's active assignment to a counterpart of {@code type}, if any: a project has at most
   * one mentor and one park at a time.
   */
  public static Optional<Assignment> activeOf(Tx tx, String projectId, EntityType type)
      throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT "
                    + ASSIGNMENT_COLUMNS
                    + " FROM assignment WHERE project_id = ? AND counterpart_type = ?"
                    + " AND ended_at IS NULL ORDER BY started_at, id LIMIT 1")) {
      q.setString(1, projectId);
      q.setString(2, type.path());
      return assignments(q).stream().findFirst();
    }
  }

  /** Active assignments of one counterpart, with one project only when {@code projectId} given. */
  private static int count(Connection c, EntityType type, String id, String projectId)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT COUNT(*) FROM assignment WHERE counterpart_type = ? AND counterpart_id = ?"
                + " AND ended_at IS NULL"
                + (projectId == null ? "" : " AND project_id = ?"))) {
      q.setString(1, type.path());
      q.setString(2, id);
      if (projectId != null) q.setString(3, projectId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** The assignments of a project (type {@code projects}) or of a mentor or park, newest first. */
  public List<Assignment> assignmentsOf(EntityType type, String id, boolean activeOnly) {
    boolean project = type == EntityType.PROJECTS;
    String where = project ? "project_id = ?" : "counterpart_id = ? AND counterpart_type = ?";
    String sql =
        "SELECT "
            + ASSIGNMENT_COLUMNS
            + " FROM assignment WHERE "
            + where
            + (activeOnly ? " AND ended_at IS NULL" : "")
            + " ORDER BY started_at DESC, id";
    try (Connection c = db.connection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, id);
      if (!project) q.setString(2, type.path());
      return assignments(q);
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  /** The active assignments of counterparts of {@code type}, by project id. */
  public Map<String, Assignment> activeByProject(EntityType type) {
    return db.read(c -> activeByProject(c, type));
  }

  /** As {@link #activeByProject(EntityType)}, inside a write transaction. */
  public static Map<String, Assignment> activeByProject(Tx tx, EntityType type)
      throws SQLException {
    return activeByProject(tx.connection(), type);
  }

  private static Map<String, Assignment> activeByProject(Connection c, EntityType type)
      throws SQLException {
    Map<String, Assignment> out = new HashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT "
                + ASSIGNMENT_COLUMNS
                + " FROM assignment WHERE counterpart_type = ? AND ended_at IS NULL")) {
      q.setString(1, type.path());
      for (Assignment a : assignments(q)) out.putIfAbsent(a.projectId(), a);
    }
    return out;
  }

  public Optional<Assignment> assignment(String id) {
    return db.read(c -> assignment(c, id));
  }

  public static Optional<Assignment> assignment(Tx tx, String id) throws SQLException {
    return assignment(tx.connection(), id);
  }

  private static Optional<Assignment> assignment(Connection c, String id) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT " + ASSIGNMENT_COLUMNS + " FROM assignment WHERE id = ?")) {
      q.setString(1, id);
      return assignments(q).stream().findFirst();
    }
  }

  private static List<Assignment> assignments(PreparedStatement q) throws SQLException {
    List<Assignment> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        double score = rs.getDouble(6);
        boolean noScore = rs.wasNull();
        out.add(
            new Assignment(
                rs.getString(1),
                rs.getString(2),
                Tx.type(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                noScore ? null : score,
                Instant.parse(rs.getString(7)),
                rs.getString(8),
                instant(rs.getString(9)),
                rs.getString(10)));
      }
    }
    return out;
  }

  /** Records a new active assignment and logs it against the counterpart. */
  public static void insert(Tx tx, Assignment a) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "INSERT INTO assignment ("
                    + ASSIGNMENT_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,NULL,NULL)")) {
      q.setString(1, a.id());
      q.setString(2, a.projectId());
      q.setString(3, a.counterpartType().path());
      q.setString(4, a.counterpartId());
      q.setString(5, a.allocationId());
      if (a.score() == null) q.setNull(6, Types.REAL);
      else q.setDouble(6, a.score());
      q.setString(7, a.startedAt().toString());
      q.setString(8, a.startedBy());
      q.executeUpdate();
    }
    tx.touch(a.startedBy(), "assign", a.counterpartType(), a.counterpartId(), a.startedAt());
  }

  /**
   * The active assignments a project (type {@code projects}) or a mentor or park takes part in,
   * inside a write transaction.
   */
  public static List<Assignment> activeInvolving(Tx tx, EntityType type, String id)
      throws SQLException {
    boolean project = type == EntityType.PROJECTS;
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT "
                    + ASSIGNMENT_COLUMNS
                    + " FROM assignment WHERE "
                    + (project ? "project_id = ?" : "counterpart_id = ? AND counterpart_type = ?")
                    + " AND ended_at IS NULL ORDER BY id")) {
      q.setString(1, id);
      if (!project) q.setString(2, type.path());
      return assignments(q);
    }
  }

  /** Ends an active assignment and logs it against the counterpart; false when not active. */
  public static boolean end(Tx tx, Assignment a, String actor, Instant at) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "UPDATE assignment SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL")) {
      q.setString(1, at.toString());
      q.setString(2, actor);
      q.setString(3, a.id());
      if (q.executeUpdate() == 0) return false;
    }
    tx.touch(actor, "release", a.counterpartType(), a.counterpartId(), at);
    return true;
  }

  public static void insert(Tx tx, StoredAllocation a) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "INSERT INTO allocation ("
                    + ALLOCATION_COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      q.setString(1, a.id());
      q.setString(2, a.createdAt().toString());
      q.setString(3, a.createdBy());
      q.setString(4, a.counterpart().path());
      q.setString(5, a.mode());
      q.setString(6, a.status());
      q.setString(7, Json.write(a.basis()));
      q.setString(8, a.json());
      q.setString(9, a.publishedAt() == null ? null : a.publishedAt().toString());
      q.setString(10, a.publishedBy());
      q.executeUpdate();
    }
  }

  /** Marks a draft published with its final answer; false when it was not a draft. */
  public static boolean markPublished(Tx tx, String id, String json, String actor, Instant at)
      throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "UPDATE allocation SET status = ?, json = ?, published_at = ?, published_by = ?"
                    + " WHERE id = ? AND status = ?")) {
      q.setString(1, StoredAllocation.PUBLISHED);
      q.setString(2, json);
      q.setString(3, at.toString());
      q.setString(4, actor);
      q.setString(5, id);
      q.setString(6, StoredAllocation.DRAFT);
      return q.executeUpdate() == 1;
    }
  }

  public Optional<StoredAllocation> allocation(String id) {
    return db.read(c -> allocation(c, id));
  }

  public static Optional<StoredAllocation> allocation(Tx tx, String id) throws SQLException {
    return allocation(tx.connection(), id);
  }

  private static Optional<StoredAllocation> allocation(Connection c, String id)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT " + ALLOCATION_COLUMNS + " FROM allocation WHERE id = ?")) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(allocationRow(rs)) : Optional.empty();
      }
    }
  }

  private static StoredAllocation allocationRow(ResultSet rs) throws SQLException {
    try {
      Map<String, Integer> basis =
          Json.mapper().readValue(rs.getString(7), new TypeReference<Map<String, Integer>>() {});
      return new StoredAllocation(
          rs.getString(1),
          Instant.parse(rs.getString(2)),
          rs.getString(3),
          Tx.type(rs.getString(4)),
          rs.getString(5),
          rs.getString(6),
          basis,
          rs.getString(8),
          instant(rs.getString(9)),
          rs.getString(10));
    } catch (JsonProcessingException e) {
      throw new StoreException(
          "stored allocation " + rs.getString(1) + " has a broken basis",
          e,
          StoreException.Kind.CORRUPT_ROW);
    }
  }

  /** A page of allocations, newest first, and how many there are in all. */
  public record AllocationPage(long total, List<StoredAllocation> items) {}

  /** Allocations with {@code status} (null: any), newest first; O(page + log allocations). */
  public AllocationPage allocations(String status, int offset, int limit) {
    String where = status == null ? "" : " WHERE status = ?";
    return db.read(
        c -> {
          long total;
          try (PreparedStatement q =
              c.prepareStatement("SELECT COUNT(*) FROM allocation" + where)) {
            if (status != null) q.setString(1, status);
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              total = rs.getLong(1);
            }
          }
          List<StoredAllocation> items = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + ALLOCATION_COLUMNS
                      + " FROM allocation"
                      + where
                      + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
            int i = 1;
            if (status != null) q.setString(i++, status);
            q.setInt(i++, limit);
            q.setInt(i, offset);
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) items.add(allocationRow(rs));
            }
          }
          return new AllocationPage(total, items);
        });
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}

package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Feedback events: appended, listed, and summed per scoring profile. Plain SQL. */
public final class FeedbackStore {
  /** A stored event with its id, time and who recorded it. */
  public record Stored(long id, Instant at, String actor, FeedbackEvent event) {}

  /** Which events to list; null means any. */
  public record Query(
      EntityType subjectType,
      String subjectId,
      EntityType targetType,
      FeedbackAction action,
      String profile,
      int offset,
      int limit) {}

  private final Database db;

  public FeedbackStore(Database db) {
    this.db = db;
  }

  /** Appends an event inside a transaction; returns its id. */
  public static long insert(Tx tx, FeedbackEvent e, String actor, Instant at) throws SQLException {
    try (PreparedStatement q =
        Dialect.prepareInsert(
            tx.connection(),
            "INSERT INTO feedback (at, actor, subject_type, subject_id, target_type,"
                + " target_id, action, profile, rank) VALUES (?,?,?,?,?,?,?,?,?)",
            "id")) {
      q.setString(1, at.toString());
      q.setString(2, actor);
      q.setString(3, e.subjectType().path());
      q.setString(4, e.subjectId());
      q.setString(5, e.targetType().path());
      q.setString(6, e.targetId());
      q.setString(7, e.action().code());
      q.setString(8, e.profile());
      if (e.rank() == null) q.setNull(9, Types.INTEGER);
      else q.setInt(9, e.rank());
      return Dialect.insertKey(q);
    }
  }

  /**
   * A subject's standing decisions on targets of a type, each target's last accept or reject: the
   * targets it has accepted (and not rejected since) and those it has rejected (and not accepted
   * since).
   */
  public record Decisions(Set<String> accepted, Set<String> rejected) {}

  /** Both sets of {@link Decisions} from one read of the subject's feedback. */
  public Decisions decisions(EntityType subjectType, String subjectId, EntityType targetType) {
    Map<String, String> last = new HashMap<>(); // target id → its last decision
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT target_id, action FROM feedback WHERE subject_type = ? AND subject_id = ?"
                    + " AND target_type = ? AND action IN ('reject', 'accept') ORDER BY id")) {
      q.setString(1, subjectType.path());
      q.setString(2, subjectId);
      q.setString(3, targetType.path());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) last.put(rs.getString(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    Set<String> accepted = new HashSet<>();
    Set<String> rejected = new HashSet<>();
    last.forEach((target, action) -> (action.equals("accept") ? accepted : rejected).add(target));
    return new Decisions(accepted, rejected);
  }

  /** The WHERE clause of {@code query}, its arguments added to {@code args}. */
  private static String where(Query query, List<String> args) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (query.subjectType() != null) {
      sql.append(" AND subject_type = ?");
      args.add(query.subjectType().path());
    }
    if (query.subjectId() != null) {
      sql.append(" AND subject_id = ?");
      args.add(query.subjectId());
    }
    if (query.targetType() != null) {
      sql.append(" AND target_type = ?");
      args.add(query.targetType().path());
    }
    if (query.action() != null) {
      sql.append(" AND action = ?");
      args.add(query.action().code());
    }
    if (query.profile() != null) {
      sql.append(" AND profile = ?");
      args.add(query.profile());
    }
    return sql.toString();
  }

  /** How many events match the query (its offset and limit aside). */
  public long count(Query query) {
    List<String> args = new ArrayList<>();
    String sql = "SELECT COUNT(*) FROM feedback" + where(query, args);
    return db.read(
        c -> {
          try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) q.setString(i + 1, args.get(i));
            try (ResultSet rs = q.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Events matching the query, newest first. */
  public List<Stored> list(Query query) {
    List<String> args = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, at, actor, subject_type, subject_id, target_type, target_id, action,"
                + " profile, rank FROM feedback"
                + where(query, args));
    sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
    List<Stored> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement q = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (String a : args) q.setString(i++, a);
      q.setInt(i++, query.limit());
      q.setInt(i, query.offset());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          int rank = rs.getInt(10);
          boolean noRank = rs.wasNull();
          out.add(
              new Stored(
                  rs.getLong(1),
                  Instant.parse(rs.getString(2)),
                  rs.getString(3),
                  new FeedbackEvent(
                      Tx.type(rs.getString(4)),
                      rs.getString(5),
                      Tx.type(rs.getString(6)),
                      rs.getString(7),
                      FeedbackAction.of(rs.getString(8)).orElseThrow(),
                      rs.getString(9),
                      noRank ? null : rank)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** Event counts per profile and action: profile → action code → count. */
  public Map<String, Map<String, Long>> countsByProfile() {
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT COALESCE(profile, ''), action, COUNT(*) FROM feedback"
                    + " GROUP BY COALESCE(profile, ''), action ORDER BY 1, 2");
        ResultSet rs = q.executeQuery()) {
      while (rs.next())
        out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
            .put(rs.getString(2), rs.getLong(3));
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    return out;
  }
}

package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which projects went to which counterparts, by the project's own word: its last decisive feedback
 * on the pair when positive (accepted, met, lent, moved in; a later rejection takes it back),
 * assignments an officer's allocation published (unless the project's last word on the pair is a
 * rejection) and, for events, sign-ups holding a seat. A counterpart's word alone (its own accept
 * or outcome) never makes a relation: it would let a mentor promote itself to every project like
 * the one it named. The collaborative component learns from these pairs.
 */
public final class RelationStore {
  /**
   * A project that went to a counterpart of the type asked for, and when (the sign-up, the
   * assignment's start, or the project's last positive word; the later when both); each pair once.
   */
  public record Pair(String projectId, String counterpartId, Instant at) {}

  private record Key(String projectId, String counterpartId) {}

  /** A project's decisive word on a pair: for or against, and when. */
  private record Word(boolean positive, Instant at) {}

  private static final String DECISIVE =
      "('accept', 'meeting_held', 'loan_granted', 'moved_in', 'reject')";

  private final Database db;

  public RelationStore(Database db) {
    this.db = db;
  }

  /** Every pair of projects with counterparts of {@code type}. One or two reads; O(relations). */
  public List<Pair> pairs(EntityType type) {
    try (Connection c = db.connection()) {
      // for events only a seat counts: feedback on an event is no sign-up
      return type == EntityType.EVENTS ? seats(c) : decided(c, type);
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Sign-ups holding a seat. */
  private static List<Pair> seats(Connection c) throws SQLException {
    List<Pair> out = new ArrayList<>();
    try (PreparedStatement q =
            c.prepareStatement(
                "SELECT project_id, event_id, created_at FROM registration"
                    + " WHERE status = 'registered'");
        ResultSet rs = q.executeQuery()) {
      while (rs.next())
        out.add(new Pair(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
    }
    return out;
  }

  /** The project's positive last words and the allocations' assignments it has not rejected. */
  private static List<Pair> decided(Connection c, EntityType type) throws SQLException {
    // the project's last decisive word on each pair (ids are in write order)
    Map<Key, Word> last = new LinkedHashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT subject_id, target_id, action, at FROM feedback WHERE action IN "
                + DECISIVE
                + " AND subject_type = 'projects' AND target_type = ? ORDER BY id")) {
      q.setString(1, type.path());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          last.put(
              new Key(rs.getString(1), rs.getString(2)),
              new Word(
                  FeedbackAction.of(rs.getString(3)).orElseThrow().positive(),
                  Instant.parse(rs.getString(4))));
        }
      }
    }
    Map<Key, Instant> out = new LinkedHashMap<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT project_id, counterpart_id, started_at FROM assignment"
                + " WHERE counterpart_type = ? AND allocation_id IS NOT NULL")) {
      q.setString(1, type.path());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Key k = new Key(rs.getString(1), rs.getString(2));
          Word w = last.get(k);
          if (w == null || w.positive())
            out.merge(k, Instant.parse(rs.getString(3)), RelationStore::later);
        }
      }
    }
    last.forEach(
        (k, w) -> {
          if (w.positive()) out.merge(k, w.at(), RelationStore::later);
        });
    List<Pair> pairs = new ArrayList<>(out.size());
    out.forEach((k, at) -> pairs.add(new Pair(k.projectId(), k.counterpartId(), at)));
    return pairs;
  }
}

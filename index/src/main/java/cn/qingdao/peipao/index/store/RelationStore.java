package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which projects went to which counterparts, from what people did: assignments (past ones too),
 * feedback whose last word on the pair, from either side, is positive (accepted, met, lent, moved
 * in; a later rejection takes it back) and event sign-ups holding a seat. The collaborative
 * component learns from these pairs.
 */
public final class RelationStore {
  /** A project that went to a counterpart of the type asked for; a pair may repeat. */
  public record Pair(String projectId, String counterpartId) {}

  private static final String DECISIVE =
      "('accept', 'meeting_held', 'loan_granted', 'moved_in', 'reject')";

  private final Database db;

  public RelationStore(Database db) {
    this.db = db;
  }

  /** Every pair of projects with counterparts of {@code type}. Three reads; O(relations). */
  public List<Pair> pairs(EntityType type) {
    List<Pair> out = new ArrayList<>();
    try (Connection c = db.connection()) {
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT project_id, counterpart_id FROM assignment WHERE counterpart_type = ?")) {
        q.setString(1, type.path());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) out.add(new Pair(rs.getString(1), rs.getString(2)));
        }
      }
      // the last decisive word on each pair, whichever side said it (ids are in write order)
      Map<Pair, Boolean> last = new LinkedHashMap<>();
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT subject_type, subject_id, target_id, action FROM feedback WHERE action IN "
                  + DECISIVE
                  + " AND ((subject_type = 'projects' AND target_type = ?)"
                  + " OR (target_type = 'projects' AND subject_type = ?)) ORDER BY id")) {
        q.setString(1, type.path());
        q.setString(2, type.path());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            boolean projectAsks = rs.getString(1).equals(EntityType.PROJECTS.path());
            Pair p =
                projectAsks
                    ? new Pair(rs.getString(2), rs.getString(3))
                    : new Pair(rs.getString(3), rs.getString(2));
            last.put(p, FeedbackAction.of(rs.getString(4)).orElseThrow().positive());
          }
        }
      }
      last.forEach(
          (p, positive) -> {
            if (positive) out.add(p);
          });
      if (type == EntityType.EVENTS) {
        try (PreparedStatement q =
                c.prepareStatement(
                    "SELECT project_id, event_id FROM registration WHERE status = 'registered'");
            ResultSet rs = q.executeQuery()) {
          while (rs.next()) out.add(new Pair(rs.getString(1), rs.getString(2)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    return out;
  }
}

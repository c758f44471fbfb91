package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which projects went to which counterparts, from what people did: assignments (past ones too),
 * positive feedback from either side (accepted, met, lent, moved in) and event sign-ups not
 * cancelled. The collaborative component learns from these pairs.
 */
public final class RelationStore {
  /** A project that went to a counterpart of the type asked for; a pair may repeat. */
  public record Pair(String projectId, String counterpartId) {}

  private static final String POSITIVE = "('accept', 'meeting_held', 'loan_granted', 'moved_in')";

  private final Database db;

  public RelationStore(Database db) {
    this.db = db;
  }

  /** Every pair of projects with counterparts of {@code type}. One read; O(relations). */
  public List<Pair> pairs(EntityType type) {
    String sql =
        "SELECT project_id, counterpart_id FROM assignment WHERE counterpart_type = ?"
            + " UNION ALL SELECT subject_id, target_id FROM feedback WHERE subject_type = 'projects'"
            + " AND target_type = ? AND action IN "
            + POSITIVE
            + " UNION ALL SELECT target_id, subject_id FROM feedback WHERE target_type = 'projects'"
            + " AND subject_type = ? AND action IN "
            + POSITIVE
            + (type == EntityType.EVENTS
                ? " UNION ALL SELECT project_id, event_id FROM registration"
                    + " WHERE status <> 'cancelled'"
                : "");
    List<Pair> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, type.path());
      q.setString(2, type.path());
      q.setString(3, type.path());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) out.add(new Pair(rs.getString(1), rs.getString(2)));
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    return out;
  }
}

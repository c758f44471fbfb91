package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of who read personal data: one row per entity whose contact was shown unmasked. It is
 * written before the answer leaves, so no read goes unrecorded.
 */
public final class ReadAudit {
  /** One read: who, in which role, which entity, through which route, when. */
  public record Entry(
      Instant at, String actor, String role, EntityType type, String id, String via) {}

  private final Database db;

  public ReadAudit(Database db) {
    this.db = db;
  }

  /** Records that {@code actor} read the personal data of {@code ids}; one transaction. */
  public void record(
      String actor, String role, EntityType type, List<String> ids, String via, Instant at) {
    if (ids.isEmpty()) return;
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement q =
          c.prepareStatement(
              "INSERT INTO read_audit (at, actor, role, type, entity_id, via)"
                  + " VALUES (?,?,?,?,?,?)")) {
        for (String id : ids) {
          q.setString(1, at.toString());
          q.setString(2, actor);
          q.setString(3, role);
          q.setString(4, type.path());
          q.setString(5, id);
          q.setString(6, via);
          q.addBatch();
        }
        q.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("read audit failed: " + e.getMessage(), e);
    }
  }

  /** The newest reads of one entity's personal data, newest first. */
  public List<Entry> of(EntityType type, String id, int limit) {
    List<Entry> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT at, actor, role, type, entity_id, via FROM read_audit"
                    + " WHERE type = ? AND entity_id = ? ORDER BY id DESC LIMIT ?")) {
      q.setString(1, type.path());
      q.setString(2, id);
      q.setInt(3, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next())
          out.add(
              new Entry(
                  Instant.parse(rs.getString(1)),
                  rs.getString(2),
                  rs.getString(3),
                  Tx.type(rs.getString(4)),
                  rs.getString(5),
                  rs.getString(6)));
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    return out;
  }
}

package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.growth.GrowthRecord;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Problems;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Growth records and the current alert of each project. Writes take the {@link Tx} of one
 * transaction, so that new records and the alert they lead to commit together. Plain SQL that
 * PostgreSQL also accepts.
 */
public final class GrowthStore {
  /** One stored alert: the project, its severity (ordinal, higher is worse) and its JSON. */
  public record StoredAlert(String projectId, int severity, String json) {}

  /** Which alerts to list: empty lists mean any; {@code minSeverity} is an ordinal. */
  public record AlertQuery(
      List<String> districts,
      List<String> cities,
      List<String> sectors,
      int minSeverity,
      int offset,
      int limit) {}

  private final Database db;

  public GrowthStore(Database db) {
    this.db = db;
  }

  /** Adds or replaces the record of {@code projectId} for its date. */
  public static void put(Tx tx, String projectId, GrowthRecord r, String actor, Instant at)
      throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "INSERT INTO growth_record (project_id, date, json, recorded_at, recorded_by)"
                    + " VALUES (?,?,?,?,?) ON CONFLICT (project_id, date) DO UPDATE SET"
                    + " json = excluded.json, recorded_at = excluded.recorded_at,"
                    + " recorded_by = excluded.recorded_by")) {
      q.setString(1, projectId);
      q.setString(2, r.date().toString());
      q.setString(3, json(r));
      q.setString(4, at.toString());
      q.setString(5, actor);
      q.executeUpdate();
    }
  }

  private static String json(GrowthRecord r) {
    var o = Json.mapper().createObjectNode();
    o.put("date", r.date().toString());
    r.measures().forEach(o::put);
    return Json.write(o);
  }

  /** The growth file of a project, oldest first. */
  public List<GrowthRecord> records(String projectId) {
    return db.read(c -> records(c, projectId));
  }

  public static List<GrowthRecord> records(Tx tx, String projectId) throws SQLException {
    return records(tx.connection(), projectId);
  }

  private static List<GrowthRecord> records(Connection c, String projectId) throws SQLException {
    List<GrowthRecord> out = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement("SELECT json FROM growth_record WHERE project_id = ? ORDER BY date")) {
      q.setString(1, projectId);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Problems problems = new Problems();
          GrowthRecord r =
              GrowthRecord.read(Json.parse(rs.getString(1)), "", problems, LocalDate.MAX);
          if (r == null)
            throw new StoreException(
                "a stored growth record of " + projectId + " no longer reads: " + problems.errors(),
                null);
          out.add(r);
        }
      }
    }
    return out;
  }

  /** Sets the current alert of a project, or clears it ({@code json} null). */
  public static void setAlert(Tx tx, String projectId, int severity, String json, Instant at)
      throws SQLException {
    if (json == null) {
      try (PreparedStatement q =
          tx.connection().prepareStatement("DELETE FROM alert WHERE project_id = ?")) {
        q.setString(1, projectId);
        q.executeUpdate();
      }
      return;
    }
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "INSERT INTO alert (project_id, severity, json, computed_at) VALUES (?,?,?,?)"
                    + " ON CONFLICT (project_id) DO UPDATE SET severity = excluded.severity,"
                    + " json = excluded.json, computed_at = excluded.computed_at")) {
      q.setString(1, projectId);
      q.setInt(2, severity);
      q.setString(3, json);
      q.setString(4, at.toString());
      q.executeUpdate();
    }
  }

  /**
   * The alerts of existing projects matching the query, worst first then by project id, and how
   * many match in all.
   */
  public Page alerts(AlertQuery query) {
    StringBuilder where =
        new StringBuilder(
            " FROM alert a JOIN entity e ON e.type = 'projects' AND e.id = a.project_id"
                + " WHERE a.severity >= ?");
    List<String> args = new ArrayList<>();
    if (!query.districts().isEmpty()) {
      where.append(" AND e.district IN (").append(marks(query.districts().size())).append(')');
      args.addAll(query.districts());
    }
    if (!query.cities().isEmpty()) {
      where.append(" AND e.city IN (").append(marks(query.cities().size())).append(')');
      args.addAll(query.cities());
    }
    if (!query.sectors().isEmpty()) {
      where.append(" AND (");
      for (int i = 0; i < query.sectors().size(); i++) {
        if (i > 0) where.append(" OR ");
        where.append("(',' || e.sectors || ',') LIKE ?");
        args.add("%," + query.sectors().get(i) + ",%");
      }
      where.append(')');
    }
    try (Connection c = db.connection()) {
      long total;
      try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*)" + where)) {
        bind(q, query.minSeverity(), args);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<StoredAlert> items = new ArrayList<>();
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT a.project_id, a.severity, a.json"
                  + where
                  + " ORDER BY a.severity DESC, a.project_id LIMIT ? OFFSET ?")) {
        int i = bind(q, query.minSeverity(), args);
        q.setInt(i++, query.limit());
        q.setInt(i, query.offset());
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next())
            items.add(new StoredAlert(rs.getString(1), rs.getInt(2), rs.getString(3)));
        }
      }
      return new Page(total, items);
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  /** The current alert of one project, if any. */
  public Optional<StoredAlert> alert(String projectId) {
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT project_id, severity, json FROM alert WHERE project_id = ?")) {
      q.setString(1, projectId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next()
            ? Optional.of(new StoredAlert(rs.getString(1), rs.getInt(2), rs.getString(3)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  /** A page of alerts and the number matching in all. */
  public record Page(long total, List<StoredAlert> items) {}

  private static int bind(PreparedStatement q, int minSeverity, List<String> args)
      throws SQLException {
    int i = 1;
    q.setInt(i++, minSeverity);
    for (String a : args) q.setString(i++, a);
    return i;
  }

  private static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }
}

package cn.qingdao.peipao.index.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Policy outreach steps (政策找人): appended, listed by policy or by period. Plain SQL. */
public final class OutreachStore {
  /** One step: a project reached about a policy, its status then, the amount when granted. */
  public record Step(
      long id,
      String policyId,
      String projectId,
      String status,
      Long amount,
      Instant at,
      String actor) {}

  private static final String COLUMNS = "id, policy_id, project_id, status, amount, at, actor";

  private final Database db;

  public OutreachStore(Database db) {
    this.db = db;
  }

  /** Appends a step inside the caller's transaction; returns its id. */
  public static long add(Tx tx, Step s) throws SQLException {
    try (PreparedStatement q =
        Dialect.prepareInsert(
            tx.connection(),
            "INSERT INTO policy_outreach (policy_id, project_id, status, amount, at, actor)"
                + " VALUES (?,?,?,?,?,?)",
            "id")) {
      q.setString(1, s.policyId());
      q.setString(2, s.projectId());
      q.setString(3, s.status());
      if (s.amount() == null) q.setNull(4, Types.INTEGER);
      else q.setLong(4, s.amount());
      q.setString(5, s.at().toString());
      q.setString(6, s.actor());
      return Dialect.insertKey(q);
    }
  }

  /** The latest step of the pair inside a transaction, or null. */
  public static Step latest(Tx tx, String policyId, String projectId) throws SQLException {
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM policy_outreach WHERE policy_id = ? AND project_id = ?"
                    + " ORDER BY id DESC LIMIT 1")) {
      q.setString(1, policyId);
      q.setString(2, projectId);
      List<Step> rows = steps(q);
      return rows.isEmpty() ? null : rows.get(0);
    }
  }

  /** The latest step of every project reached about {@code policyId}, by project id. */
  public List<Step> latestOf(String policyId) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM policy_outreach o WHERE policy_id = ? AND id = (SELECT MAX(id)"
                      + " FROM policy_outreach WHERE policy_id = o.policy_id"
                      + " AND project_id = o.project_id) ORDER BY project_id")) {
            q.setString(1, policyId);
            return steps(q);
          }
        });
  }

  /** Every step taken in {@code [from, to)}, oldest first. */
  public List<Step> between(Instant from, Instant to) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM policy_outreach WHERE "
                      + db.dialect().timeIn("at")
                      + " ORDER BY id")) {
            q.setString(1, from.toString());
            q.setString(2, to.toString());
            return steps(q);
          }
        });
  }

  private static List<Step> steps(PreparedStatement q) throws SQLException {
    List<Step> out = new ArrayList<>();
    try (ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        long amount = rs.getLong(5);
        boolean none = rs.wasNull();
        out.add(
            new Step(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                none ? null : amount,
                Instant.parse(rs.getString(6)),
                rs.getString(7)));
      }
    }
    return out;
  }
}

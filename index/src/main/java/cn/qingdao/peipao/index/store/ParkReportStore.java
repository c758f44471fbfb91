package cn.qingdao.peipao.index.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Parks' yearly reports, one per park and year, kept as JSON. Plain SQL. */
public final class ParkReportStore {
  /** A stored report: its figures as JSON, who filed it and when. */
  public record Stored(
      String parkId, int year, String json, Instant reportedAt, String reportedBy) {}

  private final Database db;

  public ParkReportStore(Database db) {
    this.db = db;
  }

  /** Files or replaces the report of a park for a year; returns whether one was replaced. */
  public static boolean put(Tx tx, Stored r) throws SQLException {
    boolean existed;
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement("SELECT 1 FROM park_report WHERE park_id = ? AND year = ?")) {
      q.setString(1, r.parkId());
      q.setInt(2, r.year());
      try (ResultSet rs = q.executeQuery()) {
        existed = rs.next();
      }
    }
    try (PreparedStatement q =
        tx.connection()
            .prepareStatement(
                Dialect.upsert(
                    "park_report",
                    "park_id, year, json, reported_at, reported_by",
                    "park_id, year"))) {
      q.setString(1, r.parkId());
      q.setInt(2, r.year());
      q.setString(3, r.json());
      q.setString(4, r.reportedAt().toString());
      q.setString(5, r.reportedBy());
      q.executeUpdate();
    }
    return existed;
  }

  /** A park's reports, newest year first. */
  public List<Stored> ofPark(String parkId) {
    return query("SELECT * FROM park_report WHERE park_id = ? ORDER BY year DESC", parkId, null);
  }

  /** Every park's report for {@code year}, by park id. */
  public List<Stored> ofYear(int year) {
    return query("SELECT * FROM park_report WHERE year = ? ORDER BY park_id", null, year);
  }

  private List<Stored> query(String sql, String parkId, Integer year) {
    return db.read(
        c -> {
          try (PreparedStatement q =
              c.prepareStatement(
                  sql.replace("*", "park_id, year, json, reported_at, reported_by"))) {
            if (parkId != null) q.setString(1, parkId);
            else q.setInt(1, year);
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next())
                out.add(
                    new Stored(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        Instant.parse(rs.getString(4)),
                        rs.getString(5)));
            }
            return out;
          }
        });
  }
}

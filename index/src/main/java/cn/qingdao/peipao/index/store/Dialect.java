package cn.qingdao.peipao.index.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The few places where SQLite and PostgreSQL need different SQL. Everything else the stores write
 * is plain SQL both accept ({@code INSERT … ON CONFLICT … DO UPDATE}, {@code LIMIT/OFFSET}, {@code
 * ||}); one definition of each difference lives here so that no store spells a dialect itself.
 */
public enum Dialect {
  SQLITE("db/migration"),
  POSTGRESQL("db/migration/postgresql");

  private final String migrations;

  Dialect(String migrations) {
    this.migrations = migrations;
  }

  /** The resource folder of this dialect's migration scripts. */
  String migrations() {
    return migrations;
  }

  /**
   * {@code expr} (an ISO-8601 instant stored as text, or a {@code ?}) as a value that compares in
   * time order. Needed because {@code Instant.toString()} drops zero milliseconds, so text order is
   * not time order within a second.
   */
  public String time(String expr) {
    return this == SQLITE ? "julianday(" + expr + ")" : "CAST(" + expr + " AS timestamptz)";
  }

  /**
   * The condition "the instant in {@code column} lies in {@code [?, ?)}", for two instant
   * parameters bound in that order.
   */
  public String timeIn(String column) {
    return time(column) + " >= " + time("?") + " AND " + time(column) + " < " + time("?");
  }

  /**
   * {@code INSERT … ON CONFLICT (keys) DO UPDATE} setting every other column: a replace by primary
   * key that both stores accept (unlike SQLite's {@code INSERT OR REPLACE}).
   *
   * @param columns comma-separated, the order of the {@code ?} parameters
   * @param keys comma-separated primary-key columns
   */
  public static String upsert(String table, String columns, String keys) {
    java.util.List<String> cols =
        java.util.Arrays.stream(columns.split(",")).map(String::strip).toList();
    java.util.Set<String> key =
        java.util.Arrays.stream(keys.split(","))
            .map(String::strip)
            .collect(java.util.stream.Collectors.toSet());
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (");
    sql.append(String.join(", ", cols)).append(") VALUES (");
    sql.append(String.join(",", java.util.Collections.nCopies(cols.size(), "?")));
    sql.append(") ON CONFLICT (").append(keys).append(") DO UPDATE SET ");
    sql.append(
        String.join(
            ", ",
            cols.stream().filter(c -> !key.contains(c)).map(c -> c + " = excluded." + c).toList()));
    return sql.toString();
  }

  /** The month ({@code 2026-03}) of the stored instant {@code column} in Beijing time. */
  public String beijingMonth(String column) {
    // Beijing has kept UTC+8 without daylight saving since 1991
    return this == SQLITE
        ? "strftime('%Y-%m', " + column + ", '+8 hours')"
        : "to_char(CAST(" + column + " AS timestamptz) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')";
  }

  /** Whole milliseconds from instant {@code from} to instant {@code to} (null when either is). */
  public String millisBetween(String from, String to) {
    return this == SQLITE
        ? "CAST(ROUND((julianday(" + to + ") - julianday(" + from + ")) * 86400000) AS INTEGER)"
        : "CAST(ROUND(EXTRACT(EPOCH FROM (CAST("
            + to
            + " AS timestamptz) - CAST("
            + from
            + " AS timestamptz))) * 1000) AS BIGINT)";
  }

  /** The number stored under the top-level {@code field} of the JSON text {@code column}. */
  public String jsonNumber(String column, String field) {
    return this == SQLITE
        ? "json_extract(" + column + ", '$." + field + "')"
        : "CAST(CAST(" + column + " AS jsonb) ->> '" + field + "' AS numeric)";
  }

  /** The boolean stored under the top-level {@code field} of the JSON text {@code column}. */
  public String jsonFlag(String column, String field) {
    return this == SQLITE
        ? "(COALESCE(json_extract(" + column + ", '$." + field + "'), 0) <> 0)"
        : "COALESCE(CAST(CAST(" + column + " AS jsonb) ->> '" + field + "' AS boolean), false)";
  }

  /**
   * Prepares an {@code INSERT} that answers its generated {@code keyColumn}; run it with {@link
   * #insertKey}. Both stores take {@code RETURNING} (SQLite since 3.35): the key comes back from
   * the same statement, where SQLite's driver answered {@code getGeneratedKeys()} by preparing and
   * running {@code SELECT last_insert_rowid()} each time (a fifth of a bulk import's SQLite time).
   * That fetch is now off for SQLite connections ({@code Database}), so {@code getGeneratedKeys()}
   * answers nothing there: every insert that needs its key goes through here.
   */
  static PreparedStatement prepareInsert(Connection c, String sql, String keyColumn)
      throws SQLException {
    return c.prepareStatement(sql + " RETURNING " + keyColumn);
  }

  /** Runs an insert made by {@link #prepareInsert} and returns the key it generated. */
  static long insertKey(PreparedStatement insert) throws SQLException {
    try (ResultSet key = insert.executeQuery()) {
      if (!key.next()) throw new SQLException("the insert returned no generated key");
      return key.getLong(1);
    }
  }

  /** The dialect of a JDBC URL. */
  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
    throw new IllegalArgumentException(
        "unsupported store URL "
            + jdbcUrl
            + ": expected jdbc:postgresql://host:port/database (or none, for the data directory's"
            + " SQLite file)");
  }
}

package cn.qingdao.peipao.index.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/**
 * Applies the versioned SQL scripts under {@code db/migration} in order, each in its own
 * transaction, and records them with a checksum; a script changed after it was applied is an error
 * (write a new version instead). Each dialect has its own scripts with the same versions (SQLite's
 * triggers and PostgreSQL's PL/pgSQL cannot share a text); {@code MigrationsTest} checks both
 * produce the same tables and columns. Hand-written because the need is small and stores migrated
 * by this class exist: Flyway would need a baseline of those and brings more start-up cost than
 * this one class.
 */
final class Migrator {
  /** The migrations, in order; a new one is appended here and as a file. */
  static final List<String> SCRIPTS =
      List.of(
          "V1__entities_and_audit.sql",
          "V2__allocations_and_assignments.sql",
          "V3__read_audit.sql",
          "V4__growth_and_alerts.sql",
          "V5__feedback.sql",
          "V6__entity_city.sql",
          "V7__tickets.sql",
          "V8__mentor_sessions.sql",
          "V9__policy_outreach.sql",
          "V10__spaces_bookings_move_in.sql",
          "V11__park_reports.sql",
          "V12__event_registrations.sql",
          "V13__feedback_action.sql");

  private final DataSource dataSource;
  private final Dialect dialect;

  Migrator(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
  }

  void migrate() {
    try (Connection c = dataSource.getConnection()) {
      // nodes starting together on one PostgreSQL migrate one after the other
      if (dialect == Dialect.POSTGRESQL) advisory(c, "pg_advisory_lock");
      try {
        try (Statement s = c.createStatement()) {
          s.execute(
              "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY,"
                  + " script TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        for (int i = 0; i < SCRIPTS.size(); i++) {
          apply(c, i + 1, SCRIPTS.get(i));
        }
      } finally {
        if (dialect == Dialect.POSTGRESQL) advisory(c, "pg_advisory_unlock");
      }
    } catch (SQLException e) {
      throw new StoreException("cannot migrate the store schema: " + e.getMessage(), e);
    }
  }

  private void apply(Connection c, int version, String script) throws SQLException {
    String sql = read(script);
    String checksum = sha256(sql);
    try (PreparedStatement q =
        c.prepareStatement("SELECT checksum FROM schema_migration WHERE version = ?")) {
      q.setInt(1, version);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          if (!rs.getString(1).equals(checksum)) {
            throw new StoreException(
                "migration " + script + " changed after it was applied; add a new version instead");
          }
          return;
        }
      }
    }
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        s.execute(sql); // the server splits it (and knows $$-quoted function bodies)
      } else {
        for (String statement : sql.split(";\\s*(\\n|$)")) {
          if (!statement.isBlank()) s.execute(statement);
        }
      }
      try (PreparedStatement ins =
          c.prepareStatement(
              "INSERT INTO schema_migration (version, script, checksum, applied_at) VALUES (?,?,?,?)")) {
        ins.setInt(1, version);
        ins.setString(2, script);
        ins.setString(3, checksum);
        ins.setString(4, Instant.now().toString());
        ins.executeUpdate();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static void advisory(Connection c, String function) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT " + function + "(?)")) {
      q.setLong(1, Database.WRITE_LOCK + 1);
      q.executeQuery().close();
    }
  }

  private String read(String script) {
    try (InputStream in =
        Migrator.class.getResourceAsStream("/" + dialect.migrations() + "/" + script)) {
      if (in == null) throw new StoreException("missing migration script " + script, null);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

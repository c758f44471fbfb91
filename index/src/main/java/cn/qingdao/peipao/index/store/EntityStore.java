package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reads and writes entities in the store. Writes happen inside {@link #write}, one transaction that
 * also appends to the audit log; when it returns, the data is committed. The SQL is plain enough
 * for SQLite and PostgreSQL alike.
 */
public final class EntityStore {
  private final Database db;

  // write transactions this process has ended, committed or not (see writes())
  private final AtomicLong writes = new AtomicLong();

  public EntityStore(Database db) {
    this.db = db;
  }

  /** Work done inside one write transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back if it throws. */
  public <T> T write(Work<T> work) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (Tx tx = new Tx(c, db.dialect())) {
        db.lockForWrite(c);
        T result = work.run(tx);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        // a connection lost mid-transaction cannot roll back (the server already has): keep the
        // original failure, which says why
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      } finally {
        // counted after the commit (or its failure, whose outcome may be unknown), never before
        writes.incrementAndGet();
        try {
          c.setAutoCommit(true);
        } catch (SQLException ignored) {
          // the pool discards a broken connection
        }
      }
    } catch (SQLException e) {
      throw new StoreException("store write failed: " + e.getMessage(), e);
    }
  }

  /**
   * How many write transactions this process has ended, counted after each commit or failure: a
   * read that began when the count had the value it still has saw every write this process has
   * made. Other processes' writes (a shared store) do not count. O(1).
   */
  public long writes() {
    return writes.get();
  }

  public Optional<StoredEntity> get(EntityType type, String id) {
    return db.read(c -> Tx.select(c, type, id));
  }

  public long count(EntityType type) {
    return queryLong("SELECT COUNT(*) FROM entity WHERE type = ?", type.path());
  }

  /**
   * What identifies the write at {@code seq} ({@code type/id@at}), empty when there is none: an
   * index records it with its sequence, so that a store whose history was replaced (a backup
   * restored, then written past the index's sequence again) is told from the one it followed.
   */
  public Optional<String> markAt(long seq) {
    if (seq <= 0) return Optional.empty();
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement("SELECT type, id, at FROM audit_log WHERE seq = ?")) {
      q.setLong(1, seq);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next()
            ? Optional.of(rs.getString(1) + "/" + rs.getString(2) + "@" + rs.getString(3))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  /** The sequence number of the last write (0 when nothing was ever written). */
  public long lastSeq() {
    return queryLong("SELECT COALESCE(MAX(seq), 0) FROM audit_log");
  }

  /**
   * Calls {@code consumer} for every entity, in (type, id) order, streaming from the database;
   * returns how many.
   */
  public long forEach(Consumer<StoredEntity> consumer) {
    long n = 0;
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT type, id, version, updated_at, json, seq FROM entity ORDER BY type, id")) {
      // PostgreSQL's driver streams rows only inside a transaction with a fetch size; otherwise
      // it would hold the whole table in memory
      c.setAutoCommit(false);
      q.setFetchSize(1000);
      try (ResultSet rs = q.executeQuery()) {
        for (; rs.next(); n++) consumer.accept(Tx.row(rs));
      } finally {
        c.rollback(); // read only
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("store scan failed: " + e.getMessage(), e);
    }
    return n;
  }

  /** The entities written after {@code seq}: each (type, id) once, with the last sequence. */
  public List<Change> changesSince(long seq) {
    List<Change> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT type, id, MAX(seq) FROM audit_log WHERE seq > ? GROUP BY type, id"
                    + " ORDER BY MAX(seq)")) {
      q.setLong(1, seq);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(new Change(Tx.type(rs.getString(1)), rs.getString(2), rs.getLong(3)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    return out;
  }

  /** An entity that changed, by its last write. */
  public record Change(EntityType type, String id, long seq) {}

  /** The newest audit entries of one entity, newest first. */
  public List<AuditEntry> audit(EntityType type, String id, int limit) {
    List<AuditEntry> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT seq, at, actor, action, type, id, version FROM audit_log"
                    + " WHERE type = ? AND id = ? ORDER BY seq DESC LIMIT ?")) {
      q.setString(1, type.path());
      q.setString(2, id);
      q.setInt(3, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          long v = rs.getLong(7);
          out.add(
              new AuditEntry(
                  rs.getLong(1),
                  Instant.parse(rs.getString(2)),
                  rs.getString(3),
                  rs.getString(4),
                  Tx.type(rs.getString(5)),
                  rs.getString(6),
                  rs.wasNull() ? null : v));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
    return out;
  }

  public Optional<String> meta(String key) {
    try (Connection c = db.connection();
        PreparedStatement q = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      q.setString(1, key);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  private long queryLong(String sql, String... args) {
    try (Connection c = db.connection();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) q.setString(i + 1, args[i]);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }
}

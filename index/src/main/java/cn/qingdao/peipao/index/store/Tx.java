package cn.qingdao.peipao.index.store;

import cn.qingdao.peipao.core.model.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * The operations of one write transaction; statements are prepared once per transaction so that a
 * bulk import of many lines stays fast. Every change appends an audit entry whose sequence number
 * becomes the entity's {@code seq}.
 */
public final class Tx implements AutoCloseable {
  private final Connection c;
  private final Dialect dialect;
  private PreparedStatement upsert;
  private PreparedStatement delete;
  private PreparedStatement audit;
  private PreparedStatement meta;
  private PreparedStatement select;

  Tx(Connection c, Dialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  /** The store's SQL dialect, for the few statements that differ. */
  public Dialect dialect() {
    return dialect;
  }

  /** The filter columns of a row, taken from the entity. */
  public record Columns(
      String name, String status, String district, String stage, String sectors, String city) {}

  public Optional<StoredEntity> get(EntityType type, String id) throws SQLException {
    // one statement for the transaction: an import reads every line's old version, and
    // PostgreSQL's driver plans a statement once only when it is reused
    if (select == null) select = c.prepareStatement(SELECT);
    return select(select, type, id);
  }

  /** Inserts or replaces an entity and logs the write; returns its sequence number. */
  public long put(
      EntityType type,
      String id,
      long version,
      Instant updatedAt,
      String json,
      Columns columns,
      String actor,
      String action)
      throws SQLException {
    long seq = log(actor, action, type, id, version, updatedAt);
    if (upsert == null) {
      upsert =
          c.prepareStatement(
              "INSERT INTO entity (type, id, version, updated_at, name, status, district, stage,"
                  + " sectors, json, seq, city) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
                  + " ON CONFLICT (type, id) DO UPDATE SET version = excluded.version,"
                  + " updated_at = excluded.updated_at, name = excluded.name,"
                  + " status = excluded.status, district = excluded.district,"
                  + " stage = excluded.stage, sectors = excluded.sectors, json = excluded.json,"
                  + " seq = excluded.seq, city = excluded.city");
    }
    upsert.setString(1, type.path());
    upsert.setString(2, id);
    upsert.setLong(3, version);
    upsert.setString(4, updatedAt.toString());
    upsert.setString(5, columns.name());
    upsert.setString(6, columns.status());
    upsert.setString(7, columns.district());
    upsert.setString(8, columns.stage());
    upsert.setString(9, columns.sectors());
    upsert.setString(10, json);
    upsert.setLong(11, seq);
    upsert.setString(12, columns.city());
    upsert.executeUpdate();
    return seq;
  }

  /** Deletes an entity and logs it; false (and nothing logged) when it did not exist. */
  public boolean delete(EntityType type, String id, String actor, Instant at) throws SQLException {
    if (delete == null) delete = c.prepareStatement("DELETE FROM entity WHERE type = ? AND id = ?");
    delete.setString(1, type.path());
    delete.setString(2, id);
    if (delete.executeUpdate() == 0) return false;
    log(actor, "delete", type, id, null, at);
    return true;
  }

  public void putMeta(String key, String value) throws SQLException {
    if (meta == null) {
      meta =
          c.prepareStatement(
              "INSERT INTO meta (key, value) VALUES (?, ?)"
                  + " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    }
    meta.setString(1, key);
    meta.setString(2, value);
    meta.executeUpdate();
  }

  /**
   * Records {@code key} unless it is recorded already (another node may have got there first);
   * returns whether this call recorded it.
   */
  public boolean putMetaIfAbsent(String key, String value) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
      q.setString(1, key);
      q.setString(2, value);
      return q.executeUpdate() == 1;
    }
  }

  /**
   * Logs a change of an entity's derived state (e.g. its assignments) without a new version; the
   * index re-derives that entity from the store after it. Returns the sequence number.
   */
  public long touch(String actor, String action, EntityType type, String id, Instant at)
      throws SQLException {
    return log(actor, action, type, id, null, at);
  }

  /** The transaction's connection, for the other tables of the store. */
  Connection connection() {
    return c;
  }

  private long log(
      String actor, String action, EntityType type, String id, Long version, Instant at)
      throws SQLException {
    if (audit == null) {
      audit =
          Dialect.prepareInsert(
              c,
              "INSERT INTO audit_log (at, actor, action, type, id, version) VALUES (?,?,?,?,?,?)",
              "seq");
    }
    audit.setString(1, at.toString());
    audit.setString(2, actor);
    audit.setString(3, action);
    audit.setString(4, type.path());
    audit.setString(5, id);
    if (version == null) audit.setNull(6, Types.INTEGER);
    else audit.setLong(6, version);
    return Dialect.insertKey(audit);
  }

  private static final String SELECT =
      "SELECT type, id, version, updated_at, json, seq FROM entity WHERE type = ? AND id = ?";

  static Optional<StoredEntity> select(Connection c, EntityType type, String id)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement(SELECT)) {
      return select(q, type, id);
    }
  }

  private static Optional<StoredEntity> select(PreparedStatement q, EntityType type, String id)
      throws SQLException {
    q.setString(1, type.path());
    q.setString(2, id);
    try (ResultSet rs = q.executeQuery()) {
      return rs.next() ? Optional.of(row(rs)) : Optional.empty();
    }
  }

  static StoredEntity row(ResultSet rs) throws SQLException {
    return new StoredEntity(
        type(rs.getString(1)),
        rs.getString(2),
        rs.getLong(3),
        Instant.parse(rs.getString(4)),
        rs.getString(5),
        rs.getLong(6));
  }

  static EntityType type(String path) {
    return EntityType.fromPath(path)
        .orElseThrow(() -> new StoreException("unknown entity type in the store: " + path));
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement s : new PreparedStatement[] {upsert, delete, audit, meta, select}) {
      if (s != null) s.close();
    }
  }
}

package cn.qingdao.peipao.index.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store behind a HikariCP pool, with its schema migrated at open. Either the SQLite file of a
 * data directory — WAL journal (readers never block the writer), {@code synchronous=FULL} (a commit
 * survives power loss), a busy timeout — or a PostgreSQL database shared by several nodes, where
 * every write transaction first takes one cluster-wide advisory lock: writers are serialised across
 * nodes exactly as SQLite serialises them in one file, so the checks that take capacity (seats,
 * rooms, slots) hold, and the audit log's sequence numbers commit in order (which lets every node
 * tail it without missing a change).
 */
public final class Database implements AutoCloseable {
  /** The advisory lock every PostgreSQL write transaction takes (any constant would do). */
  public static final long WRITE_LOCK = 0x7065_6970_616fL; // "peipao"

  /** The channel on which every PostgreSQL write transaction notifies the other nodes. */
  static final String CHANNEL = "matcher_audit";

  private final HikariDataSource pool;
  private final Dialect dialect;
  private final StoreConfig config;
  private volatile Thread listener;
  private volatile boolean closed;

  private Database(HikariDataSource pool, Dialect dialect, StoreConfig config) {
    this.pool = pool;
    this.dialect = dialect;
    this.config = config;
  }

  /** Opens (creating if needed) the database file and applies pending migrations. */
  public static Database open(Path file) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
    config.setPoolName("store");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("synchronous", "FULL");
    config.addDataSourceProperty("busy_timeout", "10000");
    config.addDataSourceProperty("foreign_keys", "true");
    // inserts answer their keys with RETURNING (Dialect.prepareInsert); otherwise the driver runs
    // a second statement after every insert to fetch a key nobody reads
    config.addDataSourceProperty("jdbc.get_generated_keys", "false");
    return migrated(new HikariDataSource(config), Dialect.SQLITE, StoreConfig.EMBEDDED);
  }

  /**
   * Connects to the PostgreSQL database of {@code store} and applies pending migrations (one node
   * at a time: the migration holds an advisory lock).
   *
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static Database open(StoreConfig store) {
    if (!store.shared()) throw new IllegalArgumentException("no PostgreSQL URL in " + store);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(store.jdbcUrl());
    if (store.user() != null) config.setUsername(store.user());
    if (store.password() != null) config.setPassword(store.password());
    config.setPoolName("store");
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    // while PostgreSQL is away a request waits at most this long for a connection, then answers
    // 503; the pool reconnects by itself when it is back
    config.setConnectionTimeout(3_000);
    config.setInitializationFailTimeout(10_000);
    config.addDataSourceProperty("tcpKeepAlive", "true");
    // a node that stops answering mid-statement (network lost) fails instead of hanging
    config.addDataSourceProperty("socketTimeout", "60");
    // what the capacity checks assume: each statement sees what committed before it, and writers
    // are serialised by the advisory lock (a server defaulting to repeatable read would give the
    // checks a snapshot taken before the lock was granted)
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    // "acknowledged" must mean "survives a crash of the server": a server configured with
    // synchronous_commit=off answers a commit before its WAL is written, and a crash then loses
    // it (the fault test saw exactly that). Each session turns it back on; a stronger setting
    // (remote_write, remote_apply) is left as it is. And every statement is planned for its
    // values: the driver reuses prepared statements, and a generic plan made while a table was
    // empty (the first import) scans it whole for every lookup by key as it grows (measured:
    // 20,000 imported lines fell from 1,063 to 267 a second).
    // And no transaction holds the cluster-wide write lock for long when its node stops talking
    // (a frozen VM keeps its socket open): the server ends a transaction idle for 60 s, and a
    // writer waits at most 10 s for the lock, then answers 503 (retry).
    config.setConnectionInitSql(
        "SELECT set_config('plan_cache_mode', 'force_custom_plan', false),"
            + " set_config('idle_in_transaction_session_timeout', '60s', false),"
            + " set_config('lock_timeout', '10s', false),"
            + " set_config('synchronous_commit', CASE WHEN"
            + " current_setting('synchronous_commit') = 'off' THEN 'on'"
            + " ELSE current_setting('synchronous_commit') END, false)");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot connect to the store " + store.describe() + ": " + e.getMessage(), e);
    }
    return migrated(pool, Dialect.POSTGRESQL, store);
  }

  private static Database migrated(HikariDataSource pool, Dialect dialect, StoreConfig config) {
    try {
      new Migrator(pool, dialect).migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool, dialect, config);
  }

  /**
   * With PostgreSQL, calls {@code onCommit} soon after any node commits a write (its transaction
   * notifies {@value #CHANNEL}; a thread here listens on a connection of its own), so that the
   * other nodes need not wait for their next poll. Best effort: while the listening connection is
   * down it reconnects every second, and the caller keeps polling. Nothing with SQLite.
   */
  public void listenForCommits(Runnable onCommit) {
    if (dialect != Dialect.POSTGRESQL || listener != null) return;
    listener =
        Thread.ofPlatform()
            .daemon()
            .name("store-listener")
            .start(
                () -> {
                  while (!closed) {
                    java.util.Properties props = new java.util.Properties();
                    if (config.user() != null) props.setProperty("user", config.user());
                    if (config.password() != null) props.setProperty("password", config.password());
                    props.setProperty("tcpKeepAlive", "true");
                    try (Connection c =
                        java.sql.DriverManager.getConnection(config.jdbcUrl(), props)) {
                      try (Statement st = c.createStatement()) {
                        st.execute("LISTEN " + CHANNEL);
                      }
                      onCommit.run(); // whatever was committed while not listening
                      var pg = c.unwrap(org.postgresql.PGConnection.class);
                      while (!closed) {
                        var got = pg.getNotifications(500);
                        if (got != null && got.length > 0) onCommit.run();
                      }
                    } catch (SQLException | RuntimeException e) {
                      if (closed) return;
                      try {
                        Thread.sleep(1_000);
                      } catch (InterruptedException ie) {
                        return;
                      }
                    }
                  }
                });
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Called first in every write transaction on {@code c}: with PostgreSQL, waits for the
   * cluster-wide write lock, held until the transaction ends; nothing with SQLite, whose file lock
   * does the same.
   */
  void lockForWrite(Connection c) throws SQLException {
    if (dialect != Dialect.POSTGRESQL) return;
    // the notification is delivered to the listening nodes when (and only if) this commits
    try (PreparedStatement q =
        c.prepareStatement("SELECT pg_advisory_xact_lock(?), pg_notify('" + CHANNEL + "', '')")) {
      q.setLong(1, WRITE_LOCK);
      q.executeQuery().close();
    }
  }

  /**
   * SQLite's {@code PRAGMA quick_check}: every page and index of the file read once (about a second
   * per few hundred MB). Returns the problems found (at most ten), empty when the file is sound.
   */
  public List<String> quickCheck() {
    List<String> problems = new ArrayList<>();
    // PostgreSQL checks its own pages as it reads them (and reports damage on the query); a
    // reachable server is what start-up needs to know
    if (dialect == Dialect.POSTGRESQL) {
      read(c -> c.isValid(5));
      return problems;
    }
    try (Connection c = connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA quick_check(10)")) {
      while (rs.next()) {
        String row = rs.getString(1);
        if (!"ok".equals(row)) problems.add(row);
      }
    } catch (SQLException e) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  /** Work on one connection that may fail with an {@link SQLException}. */
  @FunctionalInterface
  public interface Read<T> {
    T apply(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a pooled connection; a SQL failure becomes a {@link StoreException}. */
  public <T> T read(Read<T> work) {
    try (Connection c = connection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + e.getMessage(), e);
    }
  }

  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    closed = true;
    Thread l = listener;
    if (l != null) l.interrupt();
    pool.close();
  }
}

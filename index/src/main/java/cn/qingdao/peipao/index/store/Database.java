package cn.qingdao.peipao.index.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQLite file of a data directory behind a HikariCP pool: WAL journal (readers never block the
 * writer), {@code synchronous=FULL} (a commit survives power loss), a busy timeout, and the schema
 * migrated at open.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;

  private Database(HikariDataSource pool) {
    this.pool = pool;
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
    HikariDataSource pool = new HikariDataSource(config);
    try {
      new Migrator(pool).migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new Database(pool);
  }

  /**
   * SQLite's {@code PRAGMA quick_check}: every page and index of the file read once (about a second
   * per few hundred MB). Returns the problems found (at most ten), empty when the file is sound.
   */
  public List<String> quickCheck() {
    List<String> problems = new ArrayList<>();
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
    pool.close();
  }
}

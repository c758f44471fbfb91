package cn.qingdao.peipao.index.store;

import java.util.Objects;

/**
 * Where the system of record lives: the data directory's SQLite file (the default), or a shared
 * PostgreSQL database that several service nodes use at once. The password is never printed.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, or null for the data directory's
 *     {@code store.db}
 * @param user the database user, or null for the driver's default
 * @param password the password, or null (then the driver may read {@code ~/.pgpass})
 */
public record StoreConfig(String jdbcUrl, String user, String password) {
  /** The data directory's own SQLite file. */
  public static final StoreConfig EMBEDDED = new StoreConfig(null, null, null);

  public StoreConfig {
    if (jdbcUrl != null && Dialect.of(jdbcUrl) != Dialect.POSTGRESQL)
      throw new IllegalArgumentException(
          "store URL "
              + jdbcUrl
              + ": only jdbc:postgresql://… can be named; leave it out for SQLite");
  }

  /** A PostgreSQL store. */
  public static StoreConfig postgresql(String jdbcUrl, String user, String password) {
    return new StoreConfig(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password);
  }

  /** Whether the store is shared with other nodes (PostgreSQL) rather than this directory's. */
  public boolean shared() {
    return jdbcUrl != null;
  }

  /** The URL without credentials, for logs and {@code /health}. */
  public String describe() {
    if (jdbcUrl == null) return "store.db (SQLite)";
    int q = jdbcUrl.indexOf('?');
    return (q < 0 ? jdbcUrl : jdbcUrl.substring(0, q)) + " (PostgreSQL)";
  }

  @Override
  public String toString() {
    return describe() + (user != null ? " as " + user : "");
  }
}

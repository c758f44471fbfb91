package cn.qingdao.peipao.index.store;

import java.sql.SQLException;
import java.util.Locale;

/** The store failed (I/O, corruption, schema); not the client's fault. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What failed, which decides what the client is told and whether a retry can help. */
  public enum Kind {
    /** A transient failure (busy, I/O): the request may be retried. */
    FAILED,
    /** The database file is damaged (SQLITE_CORRUPT, NOTADB): nothing helps but a restore. */
    DAMAGED,
    /** One stored row does not read back: that row needs a restore or a rewrite. */
    CORRUPT_ROW,
    /**
     * The store cannot be reached now (PostgreSQL down, restarting or refusing connections): the
     * request can be retried when it is back; the pool reconnects by itself.
     */
    UNAVAILABLE
  }

  private final Kind kind;

  public StoreException(String message, Throwable cause) {
    this(
        message,
        cause,
        damaged(cause) ? Kind.DAMAGED : unavailable(cause) ? Kind.UNAVAILABLE : Kind.FAILED);
  }

  public StoreException(String message, Throwable cause, Kind kind) {
    super(message, cause);
    this.kind = kind;
  }

  public StoreException(String message) {
    this(message, null, Kind.FAILED);
  }

  public Kind kind() {
    return kind;
  }

  /**
   * Whether {@code t} (or a cause) says the database server cannot be reached: a connection failure
   * (SQLState class 08), the server shutting down or starting (57P01–57P03), the write lock not
   * granted within the lock timeout (55P03), or no pooled connection within the pool's timeout.
   */
  public static boolean unavailable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StoreException s && s.kind == Kind.UNAVAILABLE) return true;
      if (c instanceof java.sql.SQLTransientConnectionException
          || c instanceof java.sql.SQLNonTransientConnectionException) return true;
      if (c instanceof SQLException e && e.getSQLState() != null) {
        String state = e.getSQLState();
        // 55P03: the write lock was not granted within lock_timeout (another node holds it)
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("55P03")) return true;
      }
    }
    return false;
  }

  /** Whether {@code t} (or a cause of it) is SQLite reporting a damaged database file. */
  public static boolean damaged(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StoreException s && s.kind == Kind.DAMAGED) return true;
      if (c instanceof SQLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("sqlite_corrupt")
            || m.contains("sqlite_notadb")
            || m.contains("disk image is malformed")
            || m.contains("file is not a database")) return true;
      }
    }
    return false;
  }
}

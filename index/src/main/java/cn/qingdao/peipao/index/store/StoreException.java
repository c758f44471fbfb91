package cn.qingdao.peipao.index.store;

/** The store failed (I/O, corruption, schema); not the client's fault. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}

package cn.qingdao.peipao.index;

/**
 * A data directory cannot be opened safely as it is; the message says why and what to do. Never
 * recovered from automatically: every automatic way out would destroy data.
 */
public final class DataDirectoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataDirectoryException(String message) {
    super(message);
  }

  public DataDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}

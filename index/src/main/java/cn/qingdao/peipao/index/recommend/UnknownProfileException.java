package cn.qingdao.peipao.index.recommend;

/**
 * A request names a scoring profile that does not exist for its direction; the message lists those
 * that do.
 */
public final class UnknownProfileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownProfileException(String message) {
    super(message);
  }
}

package cn.qingdao.peipao.index;

/** A write conflicts with the stored state (id exists, or a stale {@code If-Match} version). */
public final class EntityConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EntityConflictException(String message) {
    super(message);
  }
}

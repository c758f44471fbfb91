package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.EntityType;

/** A write conflicts with the stored state (id exists, or a stale {@code If-Match} version). */
public final class EntityConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EntityConflictException(String message) {
    super(message);
  }

  /** The conflict for an {@code If-Match} that does not hold ({@code current} null: absent). */
  static EntityConflictException stale(EntityType type, String id, long expected, Long current) {
    return new EntityConflictException(
        current != null
            ? "version "
                + expected
                + " is stale: "
                + type.path()
                + " '"
                + id
                + "' is at version "
                + current
                + "; read it again and retry"
            : type.path()
                + " '"
                + id
                + "' does not exist, but If-Match expected version "
                + expected);
  }
}

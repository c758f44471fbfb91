package cn.qingdao.peipao.index;

import cn.qingdao.peipao.core.model.EntityType;

/**
 * A conditional write whose condition ({@code If-Match}) does not hold: the entity is at another
 * version, or absent where one was required. HTTP answers 412 (RFC 9110); read it again and retry.
 */
public final class PreconditionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String message) {
    super(message);
  }

  /**
   * The failure of {@code If-Match: expected} ({@link Catalog#ANY_VERSION} for {@code *}) against
   * {@code current} (null: absent).
   */
  static PreconditionFailedException stale(
      EntityType type, String id, long expected, Long current) {
    return new PreconditionFailedException(
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
                + "' does not exist, but If-Match expected "
                + (expected == Catalog.ANY_VERSION ? "it to" : "version " + expected));
  }
}

package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.model.EntityType;

/**
 * Who is calling: a role and, for mentor/park/investor keys, the entity the key is bound to. {@code
 * name} is what the audit log records.
 */
public record Principal(String name, Role role, String boundEntityId) {
  /** A caller without a key. */
  public static final Principal ANONYMOUS = new Principal("anonymous", Role.ANONYMOUS, null);

  /** The type of the entity a mentor, park or investor key is bound to; null for other roles. */
  public EntityType boundType() {
    return switch (role) {
      case MENTOR -> EntityType.MENTORS;
      case PARK -> EntityType.PARKS;
      case INVESTOR -> EntityType.INVESTORS;
      default -> null;
    };
  }

  /** Whether the key is bound to one mentor, park or investor. */
  public boolean isBound() {
    return boundType() != null;
  }

  /** The roles of the API contract. */
  public enum Role {
    ADMIN,
    PORTAL,
    MENTOR,
    PARK,
    INVESTOR,
    ANONYMOUS
  }
}

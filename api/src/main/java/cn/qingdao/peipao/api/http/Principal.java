package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.model.EntityType;
import java.util.Locale;

/**
 * Who is calling: a role and, for founder/mentor/park/investor keys, the entity the key is bound
 * to; for officer keys, the region (a city or county adcode). {@code name} is what the audit log
 * records; {@code keyId} (the key's digest, null for the anonymous caller) is what rate limits
 * count by, so two keys never share a bucket whatever their names.
 */
public record Principal(String name, Role role, String boundEntityId, String keyId, String region) {
  /** A caller without a key. */
  public static final Principal ANONYMOUS =
      new Principal("anonymous", Role.ANONYMOUS, null, null, null);

  /** A principal not tied to a key (tests, the open demo access). */
  public Principal(String name, Role role, String boundEntityId) {
    this(name, role, boundEntityId, null, null);
  }

  /** A key's principal bound to an entity or to nothing (not an officer). */
  public Principal(String name, Role role, String boundEntityId, String keyId) {
    this(name, role, boundEntityId, keyId, null);
  }

  /** The type of the entity a bound key acts for; null for other roles. */
  public EntityType boundType() {
    return switch (role) {
      case FOUNDER -> EntityType.PROJECTS;
      case MENTOR -> EntityType.MENTORS;
      case PARK -> EntityType.PARKS;
      case INVESTOR -> EntityType.INVESTORS;
      default -> null;
    };
  }

  /** Whether the key is bound to one project, mentor, park or investor. */
  public boolean isBound() {
    return boundType() != null;
  }

  /** Whether this key is bound to exactly {@code type}/{@code id}. */
  public boolean owns(EntityType type, String id) {
    return type != null && type == boundType() && boundEntityId.equals(id);
  }

  /** The role's code as written in key files and messages. */
  public String roleCode() {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** The roles of the API contract. */
  public enum Role {
    ADMIN,
    PORTAL,
    OFFICER,
    FOUNDER,
    MENTOR,
    PARK,
    INVESTOR,
    ANONYMOUS
  }
}

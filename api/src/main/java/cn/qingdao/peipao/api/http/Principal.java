package cn.qingdao.peipao.api.http;

/**
 * Who is calling: a role and, for mentor/park/investor keys, the entity the key is bound to. {@code
 * name} is what the audit log records.
 */
public record Principal(String name, Role role, String boundEntityId) {
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

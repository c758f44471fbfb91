package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.model.EntityType;
import io.javalin.http.Context;

/**
 * The one place that decides who may do what. Every route declares its {@link Operation}; a guard
 * in front of each route authenticates the caller and asks {@link #authorize} before the controller
 * runs.
 */
public interface AccessControl {
  /** Identifies the caller; throws an {@link ApiException} 401 for a bad credential. */
  Principal authenticate(Context ctx);

  /**
   * Throws an {@link ApiException} 401/403 when {@code principal} may not do {@code op} on {@code
   * target}.
   */
  void authorize(Principal principal, Operation op, Target target);

  /** What a route acts on: an entity type and id from its path, either possibly null. */
  record Target(EntityType type, String id) {
    public static final Target NONE = new Target(null, null);
  }

  /**
   * Open access for the embedded demo until API keys exist: every caller acts as an administrator
   * named "anonymous" in the audit log.
   */
  static AccessControl open() {
    Principal anyone = new Principal("anonymous", Principal.Role.ADMIN, null);
    return new AccessControl() {
      @Override
      public Principal authenticate(Context ctx) {
        return anyone;
      }

      @Override
      public void authorize(Principal principal, Operation op, Target target) {}
    };
  }
}

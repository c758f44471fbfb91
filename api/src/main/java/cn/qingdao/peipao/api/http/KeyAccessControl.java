package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.model.EntityType;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Access by API key ({@code Authorization: Bearer <key>}), with the roles of the API contract:
 *
 * <ul>
 *   <li>anonymous (no key): health, taxonomy, OpenAPI and the policy calculator;
 *   <li>{@code admin}: everything;
 *   <li>{@code portal}: reads, searches and recommends everything, writes nothing;
 *   <li>{@code mentor}, {@code park}, {@code investor}: bound to one entity; recommendations and
 *       assignments for that entity only, entity reads (projects only as their consent allows, with
 *       contact masked, which the controllers enforce), search of everything but projects.
 * </ul>
 *
 * An unknown key is a 401 (never treated as anonymous); a known key without the right a 403.
 */
public final class KeyAccessControl implements AccessControl {
  private final ApiKeys keys;

  public KeyAccessControl(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public Principal authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) return Principal.ANONYMOUS;
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7)
      throw unauthorized("Authorization must be 'Bearer <key>'");
    return keys.principal(header.substring(7).trim())
        .orElseThrow(() -> unauthorized("unknown API key"));
  }

  @Override
  public void authorize(Principal p, Operation op, Target target) {
    if (op == Operation.PUBLIC || op == Operation.CALCULATE) return;
    switch (p.role()) {
      case ADMIN -> {}
      case ANONYMOUS ->
          throw unauthorized("this needs an API key: send 'Authorization: Bearer <key>'");
      case PORTAL -> {
        if (op == Operation.WRITE || op == Operation.IMPORT)
          throw forbidden(p, "reads and recommends; writes need an admin key");
      }
      case MENTOR, PARK, INVESTOR -> bound(p, op, target);
    }
  }

  private static void bound(Principal p, Operation op, Target target) {
    EntityType own = p.boundType();
    boolean self = target.type() == own && p.boundEntityId().equals(target.id());
    switch (op) {
      case READ -> {}
      case SEARCH -> {
        if (target.type() == EntityType.PROJECTS)
          throw forbidden(p, "finds projects through its own recommendations, not by search");
      }
      case RECOMMEND, ASSIGNMENTS -> {
        if (!self)
          throw forbidden(
              p, "acts only for " + own.path() + "/" + p.boundEntityId() + ", its own entity");
      }
      default ->
          throw forbidden(p, "reads and recommends for its own entity; writes need an admin key");
    }
  }

  private static ApiException unauthorized(String detail) {
    return new ApiException(401, detail);
  }

  private static ApiException forbidden(Principal p, String what) {
    return new ApiException(403, "a " + p.role().name().toLowerCase(Locale.ROOT) + " key " + what);
  }
}

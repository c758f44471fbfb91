package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Json;
import io.javalin.http.Context;

/** Small helpers for answers and request attributes. */
public final class Http {
  static final String PRINCIPAL = "principal";

  private Http() {}

  public static void json(Context ctx, int status, Object body) {
    ctx.status(status);
    ctx.contentType("application/json; charset=utf-8");
    ctx.result(Json.writeBytes(body));
  }

  /** The caller, set by the guard every route runs before its controller (App.guard). */
  public static Principal principal(Context ctx) {
    Principal p = ctx.attribute(PRINCIPAL);
    if (p == null)
      throw new IllegalStateException("no principal: the access-control handler did not run");
    return p;
  }
}

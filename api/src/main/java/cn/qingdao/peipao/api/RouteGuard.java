package cn.qingdao.peipao.api;

import cn.qingdao.peipao.api.http.AccessControl;
import cn.qingdao.peipao.api.http.ApiException;
import cn.qingdao.peipao.api.http.Operation;
import cn.qingdao.peipao.api.http.Principal;
import cn.qingdao.peipao.api.http.QueryString;
import cn.qingdao.peipao.api.http.RateLimiter;
import cn.qingdao.peipao.api.http.RegionScope;
import cn.qingdao.peipao.api.http.Requests;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Places;
import cn.qingdao.peipao.index.Catalog;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;

/**
 * What every route does before its controller: body size, query string and headers, authentication
 * (failures throttled per address), the rate limit per key or address, the service's health and
 * authorisation — in that order, so each refusal costs as little as possible. O(1) per request but
 * for the query string, O(its length).
 */
final class RouteGuard {
  /**
   * Failed authentications per address: a burst of {@value #AUTH_FAILURE_BURST}, then one a second,
   * so guessing keys is slow while a misconfigured client still sees its 401s.
   */
  static final int AUTH_FAILURE_BURST = 30;

  /** Bodies up to this many times the limit are drained before the 413; larger ones are not. */
  static final int DRAIN_FACTOR = 4;

  private final Limits limits;
  private final AccessControl access;
  private final RateLimiter rateLimiter;
  private final RateLimiter authFailures = new RateLimiter(1, AUTH_FAILURE_BURST);
  private final ServiceHealth health;
  private final Telemetry telemetry;
  private final Catalog catalog;
  private final Places places;

  RouteGuard(Limits limits, AccessControl access, Catalog catalog, Telemetry telemetry) {
    this.limits = limits;
    this.telemetry = telemetry;
    this.catalog = catalog;
    this.places = catalog.reader().taxonomy().places();
    this.access = access;
    this.rateLimiter = new RateLimiter(limits.requestsPerSecond(), limits.burst());
    this.health = new ServiceHealth(catalog);
  }

  /**
   * {@code handler} of route {@code path} behind every check, for operation {@code op} on entities
   * of {@code type}.
   */
  Handler around(String path, Operation op, EntityType type, Handler handler) {
    return ctx -> {
      ctx.attribute(Telemetry.ROUTE, path);
      check(ctx, op, type);
      handler.handle(ctx);
    };
  }

  private void check(Context ctx, Operation op, EntityType type) {
    long max = op == Operation.IMPORT ? limits.maxImportBytes() : limits.maxBodyBytes();
    ctx.attribute("maxBody", max);
    // the long form: getContentLength() is -1 above 2³¹-1, which would skip this check
    long length = ctx.req().getContentLengthLong();
    if (length > max) {
      if (length <= DRAIN_FACTOR * max) {
        // a body a little too big is read and dropped, so the client can read the 413 (closing
        // on unread data would reset the connection under it)
        drain(ctx);
      } else {
        // far too big (or never to be sent): answered before a byte is read, connection closed
        ctx.header("Connection", "close");
      }
      throw new ApiException(
          413, "the request body exceeds " + max + " bytes (Content-Length " + length + ")");
    }
    QueryString.check(ctx.queryString());
    Requests.checkHeaders(ctx);
    String address = "ip " + ctx.ip();
    // an address that used up its failed attempts is refused before its key is even looked at,
    // so a right guess cannot be told from a wrong one while it is throttled
    if (ctx.header("Authorization") != null && authFailures.exhausted(address, System.nanoTime()))
      throttle(ctx, authFailures, address, "failed authentications from this address", "auth");
    Principal p;
    try {
      p = access.authenticate(ctx);
    } catch (ApiException e) {
      if (e.status() == 401)
        throttle(ctx, authFailures, address, "failed authentications from this address", "auth");
      throw e;
    }
    // the service's own warm-up after start is not a client: it takes no client's budget
    if (!WarmUp.isWarmUp(p))
      throttle(
          ctx,
          rateLimiter,
          p.keyId() != null ? "key " + p.keyId() : address,
          "requests for this key or address",
          "requests");
    if (op != Operation.PUBLIC) health.require(op);
    String id = ctx.pathParamMap().get("id");
    access.authorize(p, op, new AccessControl.Target(type, id));
    ctx.attribute("principal", p);
    RegionScope region = RegionScope.of(p, places);
    if (region != null) {
      ctx.attribute(RegionScope.ATTRIBUTE, region);
      // every route about one project: elsewhere, the project does not exist for this key
      if (type == EntityType.PROJECTS && id != null) region.requireProject(catalog, id);
    }
  }

  private static void drain(Context ctx) {
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = ctx.req().getInputStream()) {
      while (in.read(buf) >= 0) {
        // discard
      }
    } catch (IOException e) {
      ctx.header("Connection", "close"); // the client stalled or left: nothing more to read
    }
  }

  private void throttle(Context ctx, RateLimiter limiter, String caller, String what, String kind) {
    long wait = limiter.acquire(caller, System.nanoTime());
    if (wait > 0) {
      telemetry.refused(kind);
      ctx.header("Retry-After", Long.toString(wait));
      throw new ApiException(
          429,
          "too many "
              + what
              + ": at most "
              + limiter.perSecond()
              + " per second; retry after "
              + wait
              + " s");
    }
  }
}

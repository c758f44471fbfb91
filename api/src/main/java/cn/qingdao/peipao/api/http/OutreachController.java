package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.tickets.Outreach;
import io.javalin.http.Context;
import java.util.Set;

/**
 * 政策找人 follow-up over HTTP: record a step (admin, an officer for its region's projects), read where
 * a policy's outreach stands (an officer: over its region's projects).
 */
public final class OutreachController {
  private final Outreach outreach;
  private final Catalog catalog;

  public OutreachController(Outreach outreach, Catalog catalog) {
    this.outreach = outreach;
    this.catalog = catalog;
  }

  /** {@code POST /api/v1/policies/{id}/outreach} {projectId, status, amount?}. */
  public void record(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String projectId = f.string("projectId", true, 64);
    String status = f.code("status", true, Outreach.STATUSES);
    Long amount = f.integer("amount", false, 0, 100_000_000_000L);
    f.finish();
    problems.throwIfAny();
    RegionScope region = RegionScope.of(ctx);
    if (region != null) region.requireProjectIn(catalog, projectId, "projectId");
    Http.json(
        ctx,
        201,
        outreach.record(
            Requests.pathId(ctx), projectId, status, amount, Http.principal(ctx).name()));
  }

  /** {@code GET /api/v1/policies/{id}/outreach}: counts by status, amount granted, each project. */
  public void summary(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    RegionScope region = RegionScope.of(ctx);
    Http.json(
        ctx,
        200,
        region == null
            ? outreach.of(Requests.pathId(ctx))
            : outreach.of(Requests.pathId(ctx), id -> region.holds(catalog, id)));
  }
}

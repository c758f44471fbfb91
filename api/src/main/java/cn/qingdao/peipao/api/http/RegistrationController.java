package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.events.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Event sign-ups over HTTP. A founder key signs up and cancels its own project; an officer key
 * those of its region; admin any. The roster is for admin, portal and officers (an officer sees its
 * region's projects); attendance and results are recorded by admin and officers.
 */
public final class RegistrationController {
  private final Registrations registrations;
  private final Catalog catalog;

  public RegistrationController(Registrations registrations, Catalog catalog) {
    this.registrations = registrations;
    this.catalog = catalog;
  }

  /** A project's sign-ups. */
  record OfProject(String projectId, int total, List<Registrations.Registration> items) {}

  /** Awards written by a competition's results. */
  record Awarded(
      String eventId, int total, List<cn.qingdao.peipao.core.model.Project.Award> items) {}

  /** {@code POST /api/v1/events/{id}/registrations} {projectId} → 201 registered or waitlisted. */
  public void register(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String projectId = f.matching("projectId", true, EntityReader.ID, EntityReader.ID_RULE);
    f.finish();
    problems.throwIfAny();
    mayActFor(ctx, projectId, true);
    Http.json(
        ctx,
        201,
        registrations.register(Requests.pathId(ctx), projectId, Http.principal(ctx).name()));
  }

  /** {@code DELETE /api/v1/events/{id}/registrations/{projectId}}: 200 with whom it promoted. */
  public void cancel(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String projectId = ctx.pathParam("projectId");
    if (!EntityReader.ID.matcher(projectId).matches())
      throw ApiException.badField("projectId", EntityReader.ID_RULE);
    mayActFor(ctx, projectId, false);
    Registrations.Cancelled c =
        registrations.cancel(Requests.pathId(ctx), projectId, Http.principal(ctx).name());
    // whom the freed seat went to is told only to a key that may see that project
    Registrations.Registration promoted = c.promoted();
    if (promoted != null && !maySee(ctx, promoted.projectId()))
      promoted =
          new Registrations.Registration(
              promoted.eventId(), null, promoted.status(), null, null, promoted.createdAt());
    Http.json(ctx, 200, new Registrations.Cancelled(c.cancelled(), promoted));
  }

  /** Whether the caller may know of project {@code id}: its founder, its region's officer, all. */
  private boolean maySee(Context ctx, String id) {
    Principal p = Http.principal(ctx);
    if (p.role() == Principal.Role.FOUNDER) return p.owns(EntityType.PROJECTS, id);
    RegionScope region = RegionScope.of(ctx);
    return region == null || region.holds(catalog, id);
  }

  /**
   * A founder key acts for its own project only, an officer key for its region's: a body naming
   * another is a 403 on {@code projectId}; a path naming another's sign-up does not exist (404).
   */
  private void mayActFor(Context ctx, String projectId, boolean inBody) {
    Principal p = Http.principal(ctx);
    if (p.role() == Principal.Role.FOUNDER && !p.owns(EntityType.PROJECTS, projectId)) {
      if (inBody) throw new ApiException(403, "projectId: a founder key signs up its own project");
      throw new EntityNotFoundException("registration", projectId);
    }
    RegionScope region = RegionScope.of(ctx);
    if (region == null) return;
    if (inBody) region.requireProjectIn(catalog, projectId, "projectId");
    else if (!region.holds(catalog, projectId))
      throw new EntityNotFoundException("registration", projectId);
  }

  /** {@code GET /api/v1/events/{id}/registrations}: the roster (an officer: its region's). */
  public void roster(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    RegionScope region = RegionScope.of(ctx);
    Http.json(ctx, 200, registrations.roster(Requests.pathId(ctx), id -> maySee(ctx, id)));
  }

  /** {@code GET /api/v1/projects/{id}/registrations}. */
  public void ofProject(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String id = Requests.pathId(ctx);
    if (catalog.entity(EntityType.PROJECTS, id).isEmpty())
      throw new EntityNotFoundException(EntityType.PROJECTS, id);
    var items = registrations.ofProject(id);
    Http.json(ctx, 200, new OfProject(id, items.size(), items));
  }

  /** {@code POST /api/v1/events/{id}/attendance} [{projectId, attended}]. */
  public void attendance(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    JsonNode body = Requests.jsonBody(ctx);
    if (!body.isArray() || body.isEmpty())
      throw ApiException.badField("", "must be a non-empty JSON array of {projectId, attended}");
    Problems problems = new Problems();
    Map<String, Boolean> attended = new LinkedHashMap<>();
    for (int i = 0; i < body.size(); i++) {
      Fields f = Fields.of(body.get(i), "[" + i + "]", problems);
      String id = f.matching("projectId", true, EntityReader.ID, EntityReader.ID_RULE);
      Boolean came = f.bool("attended", true);
      f.finish();
      if (id != null && came != null && attended.put(id, came) != null)
        problems.add("[" + i + "].projectId", "'" + id + "' is listed twice");
    }
    problems.throwIfAny();
    for (String id : attended.keySet()) mayActFor(ctx, id, true);
    registrations.attendance(Requests.pathId(ctx), attended, Http.principal(ctx).name());
    Http.json(ctx, 200, registrations.roster(Requests.pathId(ctx), id -> maySee(ctx, id)));
  }

  /** {@code POST /api/v1/events/{id}/results} [{projectId, award:{name, level}}]. */
  public void results(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    JsonNode body = Requests.jsonBody(ctx);
    if (!body.isArray() || body.isEmpty())
      throw ApiException.badField("", "must be a non-empty JSON array of {projectId, award}");
    Problems problems = new Problems();
    List<Registrations.Result> results = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Fields f = Fields.of(body.get(i), "[" + i + "]", problems);
      String id = f.matching("projectId", true, EntityReader.ID, EntityReader.ID_RULE);
      Fields a = f.object("award", true);
      String name = null;
      String level = null;
      if (a != null) {
        name = a.string("name", true, 100);
        level = a.code("level", true, Codes.AWARD_LEVELS);
        a.finish();
      }
      f.finish();
      if (id != null && name != null && level != null)
        results.add(new Registrations.Result(id, name, level));
    }
    problems.throwIfAny();
    for (Registrations.Result r : results) mayActFor(ctx, r.projectId(), true);
    var written = registrations.results(Requests.pathId(ctx), results, Http.principal(ctx).name());
    Http.json(ctx, 200, new Awarded(Requests.pathId(ctx), written.size(), written));
  }
}

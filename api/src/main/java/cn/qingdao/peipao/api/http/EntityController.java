package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.WriteResult;
import cn.qingdao.peipao.index.store.StoredEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Create, replace, read and delete of single entities; parses, validates, delegates. */
public final class EntityController {
  private final Catalog catalog;
  private final EntityReader reader;
  private final PersonalData personal;

  public EntityController(Catalog catalog) {
    this.catalog = catalog;
    this.reader = catalog.reader();
    this.personal = new PersonalData(catalog);
  }

  public void create(Context ctx, EntityType type) {
    Entity e = reader.read(type, Requests.jsonBody(ctx));
    WriteResult w = catalog.create(e, Http.principal(ctx).name());
    ctx.header("Location", "/api/v1/" + type.path() + "/" + w.stored().id());
    send(ctx, 201, w.stored());
  }

  public void put(Context ctx, EntityType type) {
    String id = Requests.pathId(ctx);
    Long expected = Requests.ifMatch(ctx);
    JsonNode body = Requests.jsonBody(ctx);
    if (body instanceof ObjectNode o) {
      JsonNode given = o.get("id");
      if (given == null || given.isNull()) {
        o.put("id", id);
      } else if (!given.isTextual() || !given.textValue().equals(id)) {
        throw ApiException.badField(
            "id", "must equal the id in the path ('" + id + "') or be left out");
      }
    }
    Entity e = reader.read(type, body);
    Principal p = Http.principal(ctx);
    if (p.role() == Principal.Role.FOUNDER && e instanceof Project project) {
      Optional<Entity> stored = catalog.entity(EntityType.PROJECTS, id);
      keepsOfficersFields(project, stored);
      // checked against this version: an officer's change landing meanwhile is not overwritten
      if (expected == null) expected = stored.get().version();
    }
    // an event's seats cannot be cut below the sign-ups holding one
    if (e instanceof cn.qingdao.peipao.core.model.Event ev)
      new cn.qingdao.peipao.index.events.Registrations(catalog).checkCapacity(id, ev.capacity());
    RegionScope region = RegionScope.of(ctx);
    // an officer edits its region's projects (the guard checked the stored one), and keeps them
    // there: moving a project away would hand it to another officer
    if (region != null && e instanceof Project project && !region.contains(project.location()))
      throw new ApiException(
          403,
          "location: " + region.outside("the new location"),
          List.of(new FieldError("location", "must stay in " + region.name())));
    WriteResult w = catalog.put(e, expected, p.name());
    send(ctx, w.created() ? 201 : 200, w.stored());
  }

  /**
   * A founder edits its project, but not what officers decide about it: the service status (a
   * failed project is reopened by an officer, POST /projects/{id}/reopen) and the second-incubation
   * mark, which changes who the project is matched with.
   */
  private static void keepsOfficersFields(Project edited, Optional<Entity> stored) {
    if (stored.isEmpty())
      throw new ApiException(403, "a founder key edits its project; it cannot create one");
    Project before = (Project) stored.get();
    if (!Objects.equals(status(edited), status(before)))
      throw new ApiException(
          403,
          "status: a founder key cannot change the project's status ('"
              + status(before)
              + "'); an officer decides it (POST /api/v1/projects/{id}/reopen)",
          List.of(new FieldError("status", "is decided by an officer")));
    String mark = FeatureExtractor.SECOND_INCUBATION_TAG;
    if (edited.tags().contains(mark) != before.tags().contains(mark))
      throw new ApiException(
          403,
          "tags: a founder key cannot add or remove '" + mark + "'; an officer marks it",
          List.of(new FieldError("tags", "'" + mark + "' is set by an officer")));
  }

  private static String status(Project p) {
    return p.status() == null ? "active" : p.status();
  }

  /** A project is shown to a bound key only as {@link PersonalData#visible} allows. */
  public void get(Context ctx, EntityType type) {
    String id = Requests.pathId(ctx);
    ApiException missing = new ApiException(404, "no " + type.path() + " with id '" + id + "'");
    StoredEntity s = catalog.get(type, id).orElseThrow(() -> missing);
    JsonNode json = s.tree();
    if (type == EntityType.PROJECTS && json instanceof ObjectNode project) {
      Principal p = Http.principal(ctx);
      if (!personal.visible(p, project)) throw missing; // not even its existence
      personal.apply(p, List.of(project), true, "GET " + ctx.path());
    }
    ctx.header("ETag", "\"" + s.version() + "\"");
    Http.json(ctx, 200, json);
  }

  public void delete(Context ctx, EntityType type) {
    String id = Requests.pathId(ctx);
    // an event people signed up for is cancelled (status cancelled), not deleted under them
    if (type == EntityType.EVENTS
        && catalog.registrations().ofEvent(id).stream()
            .anyMatch(r -> !r.status().equals("cancelled")))
      throw new ApiException(
          409,
          "event '" + id + "' has sign-ups: set its status to cancelled instead of deleting it");
    catalog.delete(type, id, Requests.ifMatch(ctx), Http.principal(ctx).name());
    ctx.status(204);
  }

  private static void send(Context ctx, int status, StoredEntity s) {
    ctx.header("ETag", "\"" + s.version() + "\"");
    Http.json(ctx, status, s.tree());
  }
}

package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.feedback.Feedback;
import cn.qingdao.peipao.index.store.FeedbackStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Feedback on recommendations, and the scoring profiles with what they earned. */
public final class FeedbackController {
  private final Feedback feedback;
  private final ScoringProfiles profiles;
  private final Catalog catalog;
  private final PersonalData personal;

  public FeedbackController(Catalog catalog, Feedback feedback, ScoringProfiles profiles) {
    this.catalog = catalog;
    this.feedback = feedback;
    this.profiles = profiles;
    this.personal = new PersonalData(catalog);
  }

  /**
   * {@code POST /api/v1/feedback}: one event; an accept may make an assignment. Who may record
   * what: an admin key anything; a portal key impressions and clicks (a shared key cannot speak for
   * one founder's decision); a founder, mentor, park or investor key any action on a pair that
   * includes its own entity and a project it may see.
   */
  public void record(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    FeedbackEvent e = FeedbackEvent.read(Requests.jsonBody(ctx));
    Principal p = Http.principal(ctx);
    mayRecord(p, e);
    Feedback.Recorded r = feedback.record(e, p.name());
    ObjectNode out = json(r.id(), r.at().toString(), e);
    if (r.assignment() != null) out.put("assignmentId", r.assignment().id());
    if (r.note() != null) out.put("note", r.note());
    Http.json(ctx, 201, out);
  }

  /** {@code GET /api/v1/feedback?subjectType&subjectId&targetType&action&profile&offset&limit}. */
  public void list(Context ctx) {
    Requests.onlyParams(
        ctx,
        Set.of("subjectType", "subjectId", "targetType", "action", "profile", "offset", "limit"));
    var query =
        new FeedbackStore.Query(
            type(ctx, "subjectType"),
            ctx.queryParam("subjectId"),
            type(ctx, "targetType"),
            action(ctx),
            ctx.queryParam("profile"),
            Requests.intParam(ctx, "offset", 0, 0, 1_000_000),
            Requests.intParam(ctx, "limit", 50, 1, 1000));
    ObjectNode out = Json.mapper().createObjectNode();
    long total = feedback.count(query);
    out.put("total", total);
    out.put("offset", query.offset());
    out.put("limit", query.limit());
    ArrayNode items = out.putArray("items");
    for (FeedbackStore.Stored s : feedback.list(query))
      items.add(json(s.id(), s.at().toString(), s.event()).put("actor", s.actor()));
    Pages.linkNext(ctx, total, query.offset(), query.limit());
    Http.json(ctx, 200, out);
  }

  /**
   * {@code GET /api/v1/profiles}: every scoring profile with its weights and the feedback recorded
   * under it (impressions, clicks, accepts, rejects, click-through and accept rates), so profiles
   * can be compared on live traffic.
   */
  public void profiles(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Map<String, Map<String, Long>> counts = feedback.countsByProfile();
    ObjectNode out = Json.mapper().createObjectNode();
    ArrayNode items = out.putArray("items");
    for (Direction d : Direction.values()) {
      for (String name : profiles.names(d)) {
        ScoringProfile p = profiles.get(d, name).orElseThrow();
        ObjectNode o = items.addObject();
        o.put("direction", d.code());
        o.put("name", p.name());
        o.put("version", p.version());
        o.set("weights", Json.mapper().valueToTree(new TreeMap<>(p.weights())));
        Map<String, Long> c = new TreeMap<>();
        for (String key : new String[] {p.name(), p.name() + "@" + p.version()})
          counts.getOrDefault(key, Map.of()).forEach((a, n) -> c.merge(a, n, Long::sum));
        ObjectNode f = o.putObject("feedback");
        c.forEach(f::put);
        long shown = c.getOrDefault("impression", 0L);
        f.put("clickThrough", shown == 0 ? 0 : round(c.getOrDefault("click", 0L) / (double) shown));
        f.put("acceptRate", shown == 0 ? 0 : round(c.getOrDefault("accept", 0L) / (double) shown));
      }
    }
    Http.json(ctx, 200, out);
  }

  private void mayRecord(Principal p, FeedbackEvent e) {
    boolean decision = e.action() == FeedbackAction.ACCEPT || e.action() == FeedbackAction.REJECT;
    if (p.role() == Principal.Role.PORTAL && decision)
      throw new ApiException(
          403,
          "a portal key records impressions and clicks; accept and reject are decisions of the"
              + " project's side (an admin or its founder key) or of the mentor or park for its own"
              + " pair");
    if (!p.isBound()) return;
    boolean subjectOwn = p.owns(e.subjectType(), e.subjectId());
    boolean targetOwn = p.owns(e.targetType(), e.targetId());
    if (!subjectOwn && !targetOwn)
      throw new ApiException(
          403,
          "a "
              + p.roleCode()
              + " key records feedback only on pairs that include "
              + p.boundType().path()
              + "/"
              + p.boundEntityId());
    // the project of the pair must be one this key may see, as GET /projects/{id} decides
    String projectId =
        e.subjectType() == EntityType.PROJECTS
            ? e.subjectId()
            : e.targetType() == EntityType.PROJECTS ? e.targetId() : null;
    if (projectId == null) return;
    var row = catalog.get(EntityType.PROJECTS, projectId);
    if (row.isEmpty() || !personal.visible(p, row.get().tree()))
      throw new ApiException(404, "no projects with id '" + projectId + "'");
  }

  private static double round(double v) {
    return Numbers.round4(v);
  }

  private static ObjectNode json(long id, String at, FeedbackEvent e) {
    ObjectNode o = Json.mapper().createObjectNode();
    o.put("id", id);
    o.put("at", at);
    o.put("subjectType", e.subjectType().path());
    o.put("subjectId", e.subjectId());
    o.put("targetType", e.targetType().path());
    o.put("targetId", e.targetId());
    o.put("action", e.action().code());
    if (e.profile() != null) o.put("profile", e.profile());
    if (e.rank() != null) o.put("rank", e.rank());
    return o;
  }

  private static EntityType type(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    return EntityType.fromPath(v)
        .orElseThrow(
            () ->
                ApiException.badField(
                    name,
                    "must be one of " + EntityType.paths() + " (got '" + Requests.clip(v) + "')"));
  }

  private static FeedbackAction action(Context ctx) {
    String v = ctx.queryParam("action");
    if (v == null) return null;
    return FeedbackAction.of(v)
        .orElseThrow(
            () ->
                ApiException.badField(
                    "action",
                    "must be one of "
                        + FeedbackAction.codes()
                        + " (got '"
                        + Requests.clip(v)
                        + "')"));
  }
}

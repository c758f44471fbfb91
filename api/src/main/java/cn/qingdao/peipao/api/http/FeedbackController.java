package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.feedback.FeedbackAction;
import cn.qingdao.peipao.core.feedback.FeedbackEvent;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.scoring.Direction;
import cn.qingdao.peipao.core.scoring.ScoringProfile;
import cn.qingdao.peipao.core.scoring.ScoringProfiles;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.feedback.Feedback;
import cn.qingdao.peipao.index.store.FeedbackStore;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
   * what: an admin key anything; a portal key impressions, clicks and contacts (a shared key cannot
   * speak for one pair's decision or outcome); a founder, mentor, park or investor key any action
   * on a pair that includes its own entity and a project it may see.
   */
  public void record(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    FeedbackEvent e = FeedbackEvent.read(Requests.jsonBody(ctx));
    knownProfile(e);
    Principal p = Http.principal(ctx);
    mayRecord(p, e);
    Feedback.Recorded r = feedback.record(e, p.name());
    Http.json(
        ctx,
        201,
        FeedbackAnswers.Event.of(
            r.id(),
            r.at(),
            e,
            null,
            r.assignment() == null ? null : r.assignment().id(),
            r.note()));
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
    long total = feedback.count(query);
    List<FeedbackAnswers.Event> items = new ArrayList<>();
    for (FeedbackStore.Stored s : feedback.list(query))
      items.add(FeedbackAnswers.Event.of(s.id(), s.at(), s.event(), s.actor(), null, null));
    Pages.linkNext(ctx, total, query.offset(), query.limit());
    Http.json(ctx, 200, new FeedbackAnswers.Page(total, query.offset(), query.limit(), items));
  }

  /**
   * {@code GET /api/v1/profiles}: every scoring profile with its weights and the feedback recorded
   * under it (impressions, clicks, accepts, rejects, click-through and accept rates), so profiles
   * can be compared on live traffic.
   */
  public void profiles(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Map<String, Map<String, Long>> counts = feedback.countsByProfile();
    List<FeedbackAnswers.ProfileStats> items = new ArrayList<>();
    for (Direction d : Direction.values()) {
      for (String name : profiles.names(d)) {
        ScoringProfile p = profiles.get(d, name).orElseThrow();
        Map<String, Long> c = new TreeMap<>();
        for (String key : new String[] {p.name(), p.name() + "@" + p.version()})
          counts.getOrDefault(key, Map.of()).forEach((a, n) -> c.merge(a, n, Long::sum));
        Map<String, Number> f = new LinkedHashMap<>(c);
        long shown = c.getOrDefault("impression", 0L);
        f.put("clickThrough", shown == 0 ? 0 : round(c.getOrDefault("click", 0L) / (double) shown));
        f.put("acceptRate", shown == 0 ? 0 : round(c.getOrDefault("accept", 0L) / (double) shown));
        items.add(
            new FeedbackAnswers.ProfileStats(
                d.code(), p.name(), p.version(), new TreeMap<>(p.weights()), f));
      }
    }
    Http.json(ctx, 200, new FeedbackAnswers.Profiles(items));
  }

  /**
   * The profile a feedback event names ({@code name} or {@code name@version}) must be one of its
   * direction's: what it earned is reported per profile, and learning starts from it.
   */
  private void knownProfile(FeedbackEvent e) {
    if (e.profile() == null) return;
    String name =
        e.profile().contains("@")
            ? e.profile().substring(0, e.profile().indexOf('@'))
            : e.profile();
    Direction.of(e.subjectType(), e.targetType())
        .filter(d -> profiles.get(d, name).isEmpty())
        .ifPresent(
            d -> {
              Problems problems = new Problems();
              problems.add(
                  "profile",
                  "unknown scoring profile '"
                      + cn.qingdao.peipao.core.json.Texts.clip(name)
                      + "' for "
                      + d.code()
                      + "; use one of "
                      + profiles.names(d)
                      + " (optionally name@version)");
              problems.throwIfAny();
            });
  }

  private void mayRecord(Principal p, FeedbackEvent e) {
    // outcomes (met, lent, moved in) are as much one pair's word as accept and reject, and they
    // teach the collaborative component: a shared key records only what it saw
    boolean decision = e.action().positive() || e.action() == FeedbackAction.REJECT;
    if (p.role() == Principal.Role.PORTAL && decision)
      throw new ApiException(
          403,
          "a portal key records impressions, clicks and contacts; accept, reject and outcomes"
              + " (meeting_held, loan_granted, moved_in) are the word of the project's side (an"
              + " admin or its founder key) or of the mentor, park or investor for its own pair");
    if (!p.isBound()) return;
    boolean subjectOwn = p.owns(e.subjectType(), e.subjectId());
    boolean targetOwn = p.owns(e.targetType(), e.targetId());
    if (!subjectOwn && !targetOwn)
      throw new ApiException(
          403,
          KeyAccessControl.article(p.roleCode())
              + " "
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

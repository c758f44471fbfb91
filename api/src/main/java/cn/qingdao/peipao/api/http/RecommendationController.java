package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.Match;
import cn.qingdao.peipao.core.scoring.RequestFilters;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.feedback.Feedback;
import cn.qingdao.peipao.index.recommend.PolicyMatcher;
import cn.qingdao.peipao.index.recommend.Recommendation;
import cn.qingdao.peipao.index.recommend.Recommender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recommendations for a stored subject ({@code GET …/{id}/recommendations}) or an ad-hoc project
 * profile ({@code POST /api/v1/recommendations}, nothing stored). Parses and validates; the {@link
 * Recommender} ranks.
 */
public final class RecommendationController {
  static final List<String> PROJECT_TARGETS =
      List.of("mentors", "parks", "investors", "policies", "events");
  private static final Set<String> GET_PARAMS =
      Set.of(
          "target",
          "limit",
          "profile",
          "explain",
          "district",
          "city",
          "sector",
          "stage",
          "kind",
          "need",
          "q",
          "includePartial");

  /** The longest text filter accepted, in characters. */
  static final int MAX_TEXT_CHARS = 200;

  private final Catalog catalog;
  private final Taxonomy taxonomy;
  private final CodeFilters codeFilters;
  private final Recommender recommender;
  private final PolicyMatcher policies;
  private final Feedback feedback;

  public RecommendationController(
      Catalog catalog,
      Taxonomy taxonomy,
      Recommender recommender,
      PolicyMatcher policies,
      Feedback feedback) {
    this.catalog = catalog;
    this.taxonomy = taxonomy;
    this.codeFilters = new CodeFilters(taxonomy);
    this.recommender = recommender;
    this.policies = policies;
    this.feedback = feedback;
  }

  /**
   * {@code GET /api/v1/{type}/{id}/recommendations}: projects choose a target, others get projects.
   */
  public void forStored(Context ctx, EntityType subjectType) {
    long start = System.nanoTime();
    Requests.onlyParams(
        ctx, subjectType == EntityType.PROJECTS ? GET_PARAMS : without(GET_PARAMS, "target"));
    String id = Requests.pathId(ctx);
    EntityType target = EntityType.PROJECTS;
    if (subjectType == EntityType.PROJECTS) {
      String t = ctx.queryParam("target");
      if (t == null)
        throw ApiException.badField(
            "target", "is required: one of " + String.join(", ", PROJECT_TARGETS));
      if (!PROJECT_TARGETS.contains(t)) {
        throw ApiException.badField(
            "target",
            "must be one of "
                + String.join(", ", PROJECT_TARGETS)
                + " (got '"
                + Requests.clip(t)
                + "')");
      }
      target = EntityType.fromPath(t).orElseThrow();
    }
    int limit = Requests.intParam(ctx, "limit", 10, 1, Recommender.MAX_LIMIT);
    boolean explain = Requests.boolParam(ctx, "explain", true);
    boolean includePartial = Requests.boolParam(ctx, "includePartial", false);
    // false is every target's default (what generated clients send); only true needs policies
    if (target != EntityType.POLICIES && includePartial)
      throw ApiException.badField("includePartial", "applies to target=policies only");
    RequestFilters filters = queryFilters(ctx, target);
    Entity subject =
        catalog
            .subject(subjectType, id)
            .orElseThrow(
                () -> new ApiException(404, "no " + subjectType.path() + " with id '" + id + "'"));
    // a pair the subject rejected is not recommended to it again; existing relations are marked
    Feedback.Standing standing = feedback.standing(subjectType, id, target);
    Set<String> rejected = standing.rejected();
    // nor an event the project is signed up for already, or one with no seat and no waitlist
    if (target == EntityType.EVENTS) {
      rejected = new HashSet<>(rejected);
      for (var r : catalog.registrations().ofProject(id))
        if (!r.status().equals("cancelled")) rejected.add(r.eventId());
      rejected.addAll(catalog.registrations().fullWithoutWaitlist());
    }
    answer(
        ctx,
        run(subject, target, limit, filters, ctx.queryParam("profile"), includePartial, rejected),
        explain,
        standing.relations(),
        start);
  }

  /**
   * {@code POST /api/v1/recommendations} with {profile, target, limit?, filters?, scoringProfile?,
   * explain?}.
   */
  public void adHoc(Context ctx) {
    long start = System.nanoTime();
    JsonNode body = Requests.jsonBody(ctx);
    Problems problems = new Problems();
    Fields f = Fields.of(body, "", problems);
    String t = f.code("target", true, PROJECT_TARGETS);
    Long limit = f.integer("limit", false, 1, Recommender.MAX_LIMIT);
    String profileName = f.string("scoringProfile", false, 60);
    Boolean explain = f.bool("explain", false);
    Boolean includePartial = f.bool("includePartial", false);
    EntityType target = t == null ? null : EntityType.fromPath(t).orElseThrow();
    RequestFilters filters = bodyFilters(f.object("filters", false), target);
    JsonNode profileJson = f.raw("profile");
    f.finish();
    Entity subject = null;
    if (profileJson == null) {
      problems.add("profile", "is required: the project JSON to recommend for");
    } else {
      if (profileJson instanceof ObjectNode o && !o.has("id")) o.put("id", "draft");
      try {
        subject = catalog.reader().read(EntityType.PROJECTS, profileJson);
      } catch (ValidationException e) {
        for (FieldError fe : e.errors())
          problems.add("profile" + (fe.field().isEmpty() ? "" : "." + fe.field()), fe.message());
      }
    }
    if (Boolean.TRUE.equals(includePartial) && target != null && target != EntityType.POLICIES)
      problems.add("includePartial", "applies to target policies only");
    problems.throwIfAny();
    PolicyMatcher.Ranked r =
        run(
            subject,
            target,
            limit == null ? 10 : limit.intValue(),
            filters,
            profileName,
            Boolean.TRUE.equals(includePartial),
            Set.of());
    answer(ctx, r, explain == null || explain, Map.of(), start);
  }

  /** Policies go through the eligibility engine first; other targets straight to the ranker. */
  private PolicyMatcher.Ranked run(
      Entity subject,
      EntityType target,
      int limit,
      RequestFilters filters,
      String profile,
      boolean includePartial,
      Set<String> exclude) {
    try {
      if (target == EntityType.POLICIES)
        return policies.recommend(
            (Project) subject, limit, filters, profile, includePartial, exclude);
      return new PolicyMatcher.Ranked(
          recommender.recommend(
              new Recommender.Request(subject, target, limit, filters, profile).excluding(exclude)),
          Map.of());
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("profile", e.getMessage());
    }
  }

  private void answer(
      Context ctx,
      PolicyMatcher.Ranked ranked,
      boolean explain,
      Map<String, String> relations,
      long start) {
    Recommendation r = ranked.recommendation();
    List<RecommendationAnswer.Item> items = new ArrayList<>();
    for (Match m : r.items()) {
      Assessment verdict = ranked.assessments().get(m.id());
      items.add(
          new RecommendationAnswer.Item(
              m.entity().type().path(),
              m.id(),
              m.entity().name(),
              Numbers.round4(m.score()),
              relations.get(m.id()),
              verdict == null ? null : PolicyAnswers.VerdictSummary.of(verdict),
              explain ? m.components() : null,
              explain ? m.reasons() : null));
    }
    Http.json(
        ctx,
        200,
        new RecommendationAnswer(
            r.direction().target().path(),
            new RecommendationAnswer.Subject(r.direction().subject().path(), r.subjectId()),
            new RecommendationAnswer.ProfileRef(
                r.profile().name(), r.profile().version(), r.direction().code()),
            items,
            r.total(),
            Numbers.tookMs(start)));
  }

  /** Dimensions a recommendation narrows by (not status: recommendations are of active ones). */
  private static final List<String> FILTERS =
      List.of("district", "city", "sector", "stage", "need", "kind");

  private RequestFilters queryFilters(Context ctx, EntityType target) {
    return CodeFilters.toRequestFilters(
        inRegion(ctx, target, codeFilters.fromQuery(ctx, target, FILTERS)),
        text("q", ctx.queryParam("q")));
  }

  /** Projects recommended to an officer key are its region's only. */
  private Map<String, List<String>> inRegion(
      Context ctx, EntityType target, Map<String, List<String>> filters) {
    return target == EntityType.PROJECTS ? codeFilters.inRegion(ctx, filters) : filters;
  }

  private static String noWords(String text) {
    return "'"
        + Requests.clip(text)
        + "' has no searchable word; give words candidates must contain";
  }

  /** A text filter, checked to be short enough and to hold at least one searchable word. */
  private String text(String field, String text) {
    if (text == null || text.isBlank()) return "";
    if (text.length() > MAX_TEXT_CHARS)
      throw ApiException.badField(
          field, "must be at most " + MAX_TEXT_CHARS + " characters (got " + text.length() + ")");
    if (recommender.words(text).isEmpty()) throw ApiException.badField(field, noWords(text));
    return text;
  }

  /** Filters of an ad-hoc profile's request: its targets are never projects, so no region. */
  private RequestFilters bodyFilters(Fields f, EntityType target) {
    if (f == null) return RequestFilters.NONE;
    RequestFilters out = CodeFilters.toRequestFilters(codeFilters.fromBody(f, target, FILTERS), "");
    String q = f.string("q", false, MAX_TEXT_CHARS);
    f.finish();
    if (q == null || q.isBlank()) return out;
    if (recommender.words(q).isEmpty()) {
      f.problems().add(f.pathOf("q"), noWords(q));
      return out;
    }
    return out.withText(q);
  }

  private static Set<String> without(Set<String> s, String x) {
    Set<String> out = new HashSet<>(s);
    out.remove(x);
    return out;
  }
}

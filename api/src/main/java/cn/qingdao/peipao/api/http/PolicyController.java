package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.eligibility.Assessment;
import cn.qingdao.peipao.core.eligibility.Verdict;
import cn.qingdao.peipao.core.json.FieldError;
import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.recommend.PolicyMatcher;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy calculator ({@code POST /api/v1/policies/match}, nothing stored) and policy → people
 * ({@code GET /api/v1/policies/{id}/recommendations}). Parses and validates; the {@link
 * PolicyMatcher} judges.
 */
public final class PolicyController {
  private static final Set<String> PEOPLE_PARAMS =
      Set.of("verdict", "district", "city", "date", "limit", "offset");
  private static final int MAX_PEOPLE_LIMIT = 1000;

  private final Catalog catalog;
  private final Taxonomy taxonomy;
  private final CodeFilters codeFilters;
  private final PolicyMatcher matcher;
  private final Clock clock;

  public PolicyController(Catalog catalog, Taxonomy taxonomy, PolicyMatcher matcher, Clock clock) {
    this.catalog = catalog;
    this.taxonomy = taxonomy;
    this.codeFilters = new CodeFilters(taxonomy);
    this.matcher = matcher;
    this.clock = clock;
  }

  /** {@code POST /api/v1/policies/match} with {profile, date?, includeIneligible?}. */
  public void match(Context ctx) {
    long start = System.nanoTime();
    JsonNode body = Requests.jsonBody(ctx);
    Problems problems = new Problems();
    Fields f = Fields.of(body, "", problems);
    LocalDate date = f.date("date", false);
    Boolean includeIneligible = f.bool("includeIneligible", false);
    JsonNode profileJson = f.raw("profile");
    f.finish();
    Project profile = null;
    if (profileJson == null) {
      problems.add("profile", "is required: the project profile to judge (any fields you know)");
    } else {
      try {
        profile = catalog.reader().readProfile(profileJson);
      } catch (ValidationException e) {
        for (FieldError fe : e.errors())
          problems.add("profile" + (fe.field().isEmpty() ? "" : "." + fe.field()), fe.message());
      }
    }
    problems.throwIfAny();
    LocalDate day = date == null ? LocalDate.now(clock) : date;
    List<Assessment> all = matcher.calculate(profile, day);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Verdict v : Verdict.values())
      counts.put(v.code(), all.stream().filter(a -> a.verdict() == v).count());
    List<PolicyAnswers.Judged> items = new ArrayList<>();
    for (Assessment a : all) {
      if (a.verdict() == Verdict.INELIGIBLE && Boolean.FALSE.equals(includeIneligible)) continue;
      items.add(PolicyAnswers.Judged.of(a));
    }
    Http.json(ctx, 200, new PolicyAnswers.Calculator(day, counts, items, Numbers.tookMs(start)));
  }

  /** {@code GET /api/v1/policies/{id}/recommendations}: the projects this policy is for. */
  public void people(Context ctx) {
    long start = System.nanoTime();
    Requests.onlyParams(ctx, PEOPLE_PARAMS);
    String id = Requests.pathId(ctx);
    List<String> verdictCodes =
        Requests.codeParam(
            ctx, "verdict", c -> c.equals("eligible") || c.equals("partial"), "eligible, partial");
    Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
    for (String c : verdictCodes) verdicts.add(Verdict.of(c).orElseThrow());
    if (verdicts.isEmpty()) verdicts = EnumSet.of(Verdict.ELIGIBLE, Verdict.PARTIAL);
    Map<String, List<String>> places =
        codeFilters.inRegion(
            ctx, codeFilters.fromQuery(ctx, EntityType.PROJECTS, List.of("district", "city")));
    LocalDate day = Requests.dateParam(ctx, "date", LocalDate.now(clock));
    int limit = Requests.intParam(ctx, "limit", 10, 1, MAX_PEOPLE_LIMIT);
    int offset = Requests.intParam(ctx, "offset", 0, 0, PolicyMatcher.MAX_WINDOW - limit);
    Policy policy =
        (Policy)
            catalog
                .entity(EntityType.POLICIES, id)
                .orElseThrow(() -> new ApiException(404, "no policies with id '" + id + "'"));
    if (!"founder".equals(policy.audience())) {
      throw new ApiException(
          409,
          "policy '"
              + id
              + "' is for "
              + policy.audience()
              + " applicants, not for startup projects; its audience is not matched here");
    }
    PolicyMatcher.Audience a =
        matcher.audience(
            policy,
            day,
            verdicts,
            places.getOrDefault("district", List.of()),
            places.getOrDefault("city", List.of()),
            offset,
            limit);
    // the listed verdicts' count: what offset and limit page through
    long total =
        (verdicts.contains(Verdict.ELIGIBLE) ? a.eligible() : 0)
            + (verdicts.contains(Verdict.PARTIAL) ? a.partial() : 0);
    Pages.linkNext(ctx, Math.min(total, PolicyMatcher.MAX_WINDOW), offset, limit);
    List<PolicyAnswers.Person> items = new ArrayList<>();
    for (PolicyMatcher.Person person : a.items()) {
      Project p = person.project();
      items.add(
          new PolicyAnswers.Person(
              "projects",
              p.id(),
              p.name(),
              p.location() == null ? null : p.location().district(),
              p.location() == null ? null : p.location().city(),
              p.stage(),
              PolicyAnswers.VerdictSummary.of(person.assessment())));
    }
    Http.json(
        ctx,
        200,
        new PolicyAnswers.People(
            PolicyAnswers.PolicySummary.of(policy),
            policy.isOpenOn(day),
            day,
            a.eligible(),
            a.partial(),
            total,
            offset,
            limit,
            items,
            Numbers.tookMs(start)));
  }
}

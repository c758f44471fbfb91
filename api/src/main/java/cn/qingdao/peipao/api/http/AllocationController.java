package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.allocation.AllocationMode;
import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.allocate.AllocationRequest;
import cn.qingdao.peipao.index.allocate.AllocationResult;
import cn.qingdao.peipao.index.allocate.Allocations;
import cn.qingdao.peipao.index.recommend.UnknownProfileException;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import cn.qingdao.peipao.index.store.Assignment;
import cn.qingdao.peipao.index.store.StoredAllocation;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cohort allocations and the assignments they create: parses and validates, then delegates to
 * {@link Allocations}.
 */
public final class AllocationController {
  private static final List<String> COUNTERPARTS = List.of("mentors", "parks");
  private static final List<String> MODES =
      Arrays.stream(AllocationMode.values()).map(AllocationMode::code).toList();

  private final Catalog catalog;
  private final Taxonomy taxonomy;
  private final CodeFilters codeFilters;
  private final Allocations allocations;

  public AllocationController(Catalog catalog, Taxonomy taxonomy, Allocations allocations) {
    this.catalog = catalog;
    this.taxonomy = taxonomy;
    this.codeFilters = new CodeFilters(taxonomy);
    this.allocations = allocations;
  }

  /**
   * {@code GET /api/v1/allocations?status=draft|published&offset&limit}: allocations newest first,
   * with {@code total} and a {@code Link} header to the next page.
   */
  public void list(Context ctx) {
    Requests.onlyParams(ctx, java.util.Set.of("status", "offset", "limit"));
    String status = ctx.queryParam("status");
    if (status != null
        && !status.equals(StoredAllocation.DRAFT)
        && !status.equals(StoredAllocation.PUBLISHED))
      throw ApiException.badField(
          "status", "must be draft or published (got '" + Requests.clip(status) + "')");
    int offset = Requests.intParam(ctx, "offset", 0, 0, 1_000_000);
    int limit = Requests.intParam(ctx, "limit", 50, 1, 200);
    RegionScope region = RegionScope.of(ctx);
    Allocations.Page page =
        region == null
            ? allocations.list(status, offset, limit)
            : allocations.list(status, offset, limit, id -> region.holds(catalog, id));
    Pages.linkNext(ctx, page.total(), offset, limit);
    Http.json(ctx, 200, page);
  }

  /**
   * {@code POST /api/v1/allocations} with {projects | filter, counterpart, mode?, profile?,
   * minScore?}: a stored draft.
   */
  public void draft(Context ctx) {
    JsonNode body = Requests.jsonBody(ctx);
    Problems problems = new Problems();
    Fields f = Fields.of(body, "", problems);
    String counterpart = f.code("counterpart", true, COUNTERPARTS);
    String mode = f.code("mode", false, MODES);
    String profile = f.string("profile", false, 64);
    Double minScore = f.number("minScore", false, 0, 1);
    boolean byIds = f.has("projects");
    boolean byFilter = f.has("filter");
    List<String> ids =
        f.codes(
            "projects",
            false,
            AllocationRequest.MAX_PROJECTS,
            id -> EntityReader.ID.matcher(id).matches() ? null : "must be a project id");
    Map<String, List<String>> filter = filter(f);
    f.finish();
    if (byIds == byFilter)
      problems.add(
          "projects",
          "give either projects (a list of ids) or filter (district, city, sector, stage, need), not "
              + (byIds ? "both" : "neither"));
    else if (byIds && ids.isEmpty() && problems.isEmpty())
      problems.add("projects", "must not be empty");
    problems.throwIfAny();
    RegionScope region = RegionScope.of(ctx);
    if (region != null && byIds)
      for (int i = 0; i < ids.size(); i++)
        region.requireProjectIn(catalog, ids.get(i), "projects[" + i + "]");
    List<String> cohort = byIds ? ids : cohortOf(codeFilters.inRegion(ctx, filter));
    AllocationRequest request =
        new AllocationRequest(
            cohort,
            EntityType.fromPath(counterpart).orElseThrow(),
            mode == null ? AllocationMode.STABLE : AllocationMode.of(mode).orElseThrow(),
            profile,
            minScore == null ? AllocationRequest.DEFAULT_MIN_SCORE : minScore);
    try {
      Http.json(ctx, 201, allocations.draft(request, Http.principal(ctx).name()));
    } catch (UnknownProfileException e) {
      throw ApiException.badField("profile", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("projects", e.getMessage());
    }
  }

  private Map<String, List<String>> filter(Fields f) {
    Fields filter = f.object("filter", false);
    Map<String, List<String>> out =
        codeFilters.fromBody(
            filter, EntityType.PROJECTS, List.of("district", "city", "sector", "stage", "need"));
    if (filter != null) filter.finish();
    return out;
  }

  /** The active projects the filter selects, at most {@link AllocationRequest#MAX_PROJECTS}. */
  private List<String> cohortOf(Map<String, List<String>> filter) {
    Map<String, List<String>> all = new LinkedHashMap<>(filter);
    all.put("status", List.of("active"));
    SearchResult r =
        catalog.search(
            new SearchRequest(EntityType.PROJECTS, null, all, 0, AllocationRequest.MAX_PROJECTS));
    if (r.total() > AllocationRequest.MAX_PROJECTS)
      throw ApiException.badField(
          "filter",
          "selects "
              + r.total()
              + " projects; a cohort has at most "
              + AllocationRequest.MAX_PROJECTS
              + ": narrow the filter");
    if (r.total() == 0) throw ApiException.badField("filter", "selects no active project");
    return r.hits().stream().map(SearchResult.Hit::id).toList();
  }

  /** {@code GET /api/v1/allocations/{id}}. */
  public void get(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Http.json(ctx, 200, visible(ctx));
  }

  /**
   * The allocation of the path, if the caller may see it: to an officer key, an allocation with a
   * project outside its region does not exist.
   */
  private AllocationResult visible(Context ctx) {
    String id = Requests.pathId(ctx);
    AllocationResult r = allocations.get(id);
    RegionScope region = RegionScope.of(ctx);
    if (region != null && !Allocations.cohort(r).stream().allMatch(p -> region.holds(catalog, p)))
      throw new EntityNotFoundException("allocation", id);
    return r;
  }

  /** {@code POST /api/v1/allocations/{id}/publish}: 409 when stale or published already. */
  public void publish(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    visible(ctx);
    Http.json(ctx, 200, allocations.publish(Requests.pathId(ctx), Http.principal(ctx).name()));
  }

  /** {@code GET /api/v1/{projects|mentors|parks}/{id}/assignments?status=active|all}. */
  public void ofEntity(Context ctx, EntityType type) {
    Requests.onlyParams(ctx, Set.of("status"));
    String status = ctx.queryParam("status");
    if (status != null && !status.equals("active") && !status.equals("all"))
      throw ApiException.badField(
          "status", "must be active or all (got '" + Requests.clip(status) + "')");
    String id = Requests.pathId(ctx);
    List<Assignment> list = allocations.assignmentsOf(type, id, !"all".equals(status));
    RegionScope region = RegionScope.of(ctx);
    // a mentor's or park's projects elsewhere are not shown to an officer key
    if (region != null)
      list = list.stream().filter(a -> region.holds(catalog, a.projectId())).toList();
    Http.json(
        ctx,
        200,
        new AssignmentAnswer.OfEntity(
            type.path(), id, list.size(), list.stream().map(AssignmentAnswer::of).toList()));
  }

  /** {@code POST /api/v1/assignments/{id}/end}: 409 when it has ended already. */
  public void end(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String id = Requests.pathId(ctx);
    RegionScope region = RegionScope.of(ctx);
    if (region != null) {
      var a = catalog.assignments().assignment(id);
      if (a.isEmpty() || !region.holds(catalog, a.get().projectId()))
        throw new EntityNotFoundException("assignment", id);
    }
    Assignment a = allocations.end(id, Http.principal(ctx).name());
    Http.json(ctx, 200, AssignmentAnswer.of(a));
  }
}

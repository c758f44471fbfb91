package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.search.SearchRequest;
import cn.qingdao.peipao.index.search.SearchResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/TYPE?q=&sector=&stage=&district=&city=&need=&kind=&status=&page=&size=}:
 * Chinese full text, filters (repeat a parameter or separate values by commas for alternatives) and
 * facet counts. Every filter value is checked against the taxonomy.
 */
public final class SearchController {
  /** Deepest result reachable by paging; beyond it, narrow the query. */
  static final int MAX_WINDOW = 10_000;

  private static final Set<String> PARAMS =
      Set.of(
          "q",
          "sector",
          "stage",
          "district",
          "city",
          "need",
          "kind",
          "status",
          "from",
          "to",
          "page",
          "size");

  private final Catalog catalog;
  private final Taxonomy taxonomy;
  private final int maxPageSize;
  private final int maxQueryChars;
  private final PersonalData personal;
  private final CodeFilters codeFilters;

  public SearchController(Catalog catalog, Taxonomy taxonomy, int maxPageSize, int maxQueryChars) {
    this.catalog = catalog;
    this.taxonomy = taxonomy;
    this.maxPageSize = maxPageSize;
    this.maxQueryChars = maxQueryChars;
    this.personal = new PersonalData(catalog);
    this.codeFilters = new CodeFilters(taxonomy);
  }

  public void search(Context ctx, EntityType type) {
    long start = System.nanoTime();
    Requests.onlyParams(ctx, PARAMS);
    String q = ctx.queryParam("q");
    if (q != null && q.length() > maxQueryChars) {
      throw ApiException.badField(
          "q", "must be at most " + maxQueryChars + " characters (got " + q.length() + ")");
    }
    int size = Requests.intParam(ctx, "size", 20, 0, maxPageSize);
    int page = Requests.intParam(ctx, "page", 1, 1, MAX_WINDOW);
    if ((long) page * size > MAX_WINDOW) {
      throw ApiException.badField(
          "page", "page × size must be at most " + MAX_WINDOW + "; narrow the query instead");
    }
    Map<String, List<String>> filters = codeFilters.fromQuery(ctx, type, CodeFilters.ALL);
    if (type == EntityType.PROJECTS) filters = codeFilters.inRegion(ctx, filters);
    Long from = null;
    Long before = null;
    if (ctx.queryParam("from") != null || ctx.queryParam("to") != null) {
      if (type != EntityType.EVENTS)
        throw ApiException.badField(
            ctx.queryParam("from") != null ? "from" : "to", "only events have dates to filter by");
      java.time.ZoneId beijing = cn.qingdao.peipao.index.tickets.Ledger.ZONE;
      java.time.LocalDate f = Requests.dateParam(ctx, "from", null);
      java.time.LocalDate t = Requests.dateParam(ctx, "to", null);
      if (f != null && t != null && t.isBefore(f))
        throw ApiException.badField("to", "must not be before from (" + f + ")");
      if (f != null) from = f.atStartOfDay(beijing).toEpochSecond();
      if (t != null) before = t.plusDays(1).atStartOfDay(beijing).toEpochSecond();
    }
    SearchResult r =
        catalog.search(new SearchRequest(type, q, filters, (page - 1) * size, size, from, before));
    Pages.linkNextPage(ctx, r.total(), page, size);
    List<SearchAnswer.Hit> items = new ArrayList<>();
    List<ObjectNode> projects = new ArrayList<>();
    for (SearchResult.Hit h : r.hits()) {
      JsonNode entity = Json.parse(h.json());
      items.add(new SearchAnswer.Hit(h.id(), h.score(), entity));
      if (type == EntityType.PROJECTS && entity instanceof ObjectNode o) projects.add(o);
    }
    // masks contact data in place, in the documents the answer holds
    personal.apply(Http.principal(ctx), projects, false, "GET " + ctx.path());
    Http.json(
        ctx,
        200,
        new SearchAnswer(
            type.path(), q, r.total(), page, size, items, r.facets(), Numbers.tookMs(start)));
  }
}

package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.spaces.ParkEvaluation;
import cn.qingdao.peipao.index.tickets.Ledger;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Parks' yearly reports and their evaluation against the 高能级园区 plan over HTTP. A park's own key
 * files its report; admin, portal, an officer (the parks of its region) and the park itself read
 * its reports and sheet; the ranking of a year is for admin, portal and officers.
 */
public final class ParkReportController {
  private final ParkEvaluation evaluation;
  private final Catalog catalog;

  public ParkReportController(ParkEvaluation evaluation, Catalog catalog) {
    this.evaluation = evaluation;
    this.catalog = catalog;
  }

  /** A park's reports. */
  record Reports(String parkId, int total, List<ParkEvaluation.Report> items) {}

  /**
   * {@code POST /api/v1/parks/{id}/reports}: 201 when new for its year, 200 when it replaced one.
   */
  public void file(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    int thisYear = LocalDate.now(catalog.clock().withZone(Ledger.ZONE)).getYear();
    Long year = f.integer("year", true, 2000, thisYear);
    Double area = f.number("area", true, 0, 1e8);
    Long tenants = f.integer("tenants", true, 0, 100_000);
    Double revenue = f.number("revenue", true, 0, 1e13);
    Long jobs = f.integer("jobs", true, 0, 10_000_000);
    Long highTech = f.integer("highTech", true, 0, 100_000);
    Long specialized = f.integer("specialized", true, 0, 100_000);
    Double techShare = f.number("techShare", true, 0, 1);
    Long roadshows = f.integer("roadshows", true, 0, 10_000);
    Long investment = f.integer("investmentEvents", true, 0, 10_000);
    Long finance = f.integer("financeInstitutions", true, 0, 10_000);
    Long students = f.integer("students", true, 0, 1_000_000);
    Long staff = f.integer("staff", true, 0, 100_000);
    f.finish();
    if (tenants != null && highTech != null && highTech > tenants)
      problems.add("highTech", "must not exceed tenants (" + tenants + ")");
    if (tenants != null && specialized != null && specialized > tenants)
      problems.add("specialized", "must not exceed tenants (" + tenants + ")");
    problems.throwIfAny();
    ParkEvaluation.Filed filed =
        evaluation.file(
            Requests.pathId(ctx),
            new ParkEvaluation.Report(
                year.intValue(),
                area,
                tenants.intValue(),
                revenue,
                jobs.intValue(),
                highTech.intValue(),
                specialized.intValue(),
                techShare,
                roadshows.intValue(),
                investment.intValue(),
                finance.intValue(),
                students.intValue(),
                staff.intValue()),
            Http.principal(ctx).name());
    Http.json(ctx, filed.replaced() ? 200 : 201, filed);
  }

  /** {@code GET /api/v1/parks/{id}/reports}. */
  public void reports(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String id = visiblePark(ctx);
    var items = evaluation.reports(id);
    Http.json(ctx, 200, new Reports(id, items.size(), items));
  }

  /** {@code GET /api/v1/parks/{id}/evaluation?year=} (default: last year). */
  public void sheet(Context ctx) {
    Requests.onlyParams(ctx, Set.of("year"));
    String id = visiblePark(ctx);
    Http.json(ctx, 200, evaluation.sheet(id, year(ctx)));
  }

  /** {@code GET /api/v1/parks/evaluations?year=}: the year's parks ranked (an officer: its own). */
  public void ranking(Context ctx) {
    Requests.onlyParams(ctx, Set.of("year"));
    RegionScope region = RegionScope.of(ctx);
    Http.json(
        ctx,
        200,
        evaluation.rank(year(ctx), (Park p) -> region == null || region.contains(p.location())));
  }

  private int year(Context ctx) {
    int thisYear = LocalDate.now(catalog.clock().withZone(Ledger.ZONE)).getYear();
    return Requests.intParam(ctx, "year", thisYear - 1, 2000, thisYear);
  }

  /** The path's park; to an officer key, a park outside its region does not exist. */
  private String visiblePark(Context ctx) {
    String id = Requests.pathId(ctx);
    RegionScope region = RegionScope.of(ctx);
    if (region != null) {
      boolean in =
          catalog
              .entity(EntityType.PARKS, id)
              .map(e -> region.contains(((Park) e).location()))
              .orElse(false);
      if (!in) throw new EntityNotFoundException(EntityType.PARKS, id);
    }
    return id;
  }
}

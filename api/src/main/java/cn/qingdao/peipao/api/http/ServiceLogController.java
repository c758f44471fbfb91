package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.store.TicketStore.Session;
import cn.qingdao.peipao.index.tickets.ServiceLog;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A mentor's service log and performance over HTTP (the mentor's own key, admin; portal reads; an
 * officer reads the sessions given in its region and the mentor's indicators).
 */
public final class ServiceLogController {
  private final ServiceLog log;
  private final Catalog catalog;

  public ServiceLogController(ServiceLog log, Catalog catalog) {
    this.log = log;
    this.catalog = catalog;
  }

  record Sessions(String mentorId, int total, double hours, List<Session> items) {}

  /** {@code POST /api/v1/mentors/{id}/sessions} {projectId, date, hours, topic, outcome?}. */
  public void add(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String projectId = f.string("projectId", true, 64);
    LocalDate date = f.date("date", true);
    Double hours = f.number("hours", true, 0, 24);
    String topic = f.string("topic", true, 200);
    String outcome = f.string("outcome", false, 2000);
    f.finish();
    problems.throwIfAny();
    Session s =
        log.log(
            Requests.pathId(ctx),
            projectId,
            date,
            hours,
            topic,
            outcome,
            Http.principal(ctx).name());
    Http.json(ctx, 201, s);
  }

  /** {@code GET /api/v1/mentors/{id}/sessions}: newest first, with the total hours. */
  public void list(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String id = Requests.pathId(ctx);
    List<Session> items = log.sessions(id);
    RegionScope region = RegionScope.of(ctx);
    // an officer key sees the sessions given in its region; the indicators stay the mentor's own
    if (region != null)
      items = items.stream().filter(s -> region.holds(catalog, s.projectId())).toList();
    double hours = Math.round(items.stream().mapToDouble(Session::hours).sum() * 100) / 100.0;
    Http.json(ctx, 200, new Sessions(id, items.size(), hours, items));
  }

  /** {@code GET /api/v1/mentors/{id}/performance}. */
  public void performance(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Http.json(ctx, 200, log.performance(Requests.pathId(ctx)));
  }
}

package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.TicketStore;
import cn.qingdao.peipao.index.tickets.Tickets;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Need tickets over HTTP. Who may do what: admin keys everything; portal keys open and read; a
 * founder key opens, reads, closes, reopens and rates its own project's tickets; a mentor key
 * reads, answers and resolves the tickets assigned to it; others see no ticket (404 rather than
 * telling that it exists); an officer key does what an admin key does, for the tickets of its
 * region's projects (others do not exist for it).
 */
public final class TicketController {
  private final Tickets tickets;
  private final Taxonomy taxonomy;
  private final Catalog catalog;
  private final CodeFilters codeFilters;

  public TicketController(Tickets tickets, Taxonomy taxonomy, Catalog catalog) {
    this.tickets = tickets;
    this.taxonomy = taxonomy;
    this.catalog = catalog;
    this.codeFilters = new CodeFilters(taxonomy);
  }

  /** Who answers a ticket. */
  record Responder(String type, String id) {}

  /** A ticket as answers show it; {@code overdue} as of the answer, {@code events} on GET one. */
  record TicketAnswer(
      String id,
      String projectId,
      String need,
      String team,
      String text,
      String channel,
      String status,
      @JsonInclude(JsonInclude.Include.ALWAYS) Responder responder,
      Instant createdAt,
      Instant dueAt,
      Instant firstResponseAt,
      Instant resolvedAt,
      Instant closedAt,
      String outcome,
      Integer rating,
      boolean overdue,
      long version,
      List<TicketStore.Event> events) {}

  /**
   * {@code POST /tickets}: the ticket (or the one already open), its team and ranked responders.
   */
  record Opened(
      TicketAnswer ticket, String team, List<Tickets.Candidate> candidates, boolean existing) {}

  record Page(long total, int offset, int limit, List<TicketAnswer> items) {}

  TicketAnswer answer(TicketStore.Row r, List<TicketStore.Event> events) {
    return new TicketAnswer(
        r.id(),
        r.projectId(),
        r.need(),
        taxonomy.service(r.need()).map(s -> s.team()).orElse(null),
        r.text(),
        r.channel(),
        r.status(),
        r.responderId() == null ? null : new Responder(r.responderType(), r.responderId()),
        r.createdAt(),
        r.dueAt(),
        r.firstResponseAt(),
        r.resolvedAt(),
        r.closedAt(),
        r.outcome(),
        r.rating(),
        Tickets.overdue(r, tickets.now()),
        r.version(),
        events);
  }

  public void open(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String projectId = f.string("projectId", true, 64);
    String need = f.string("need", true, 40);
    String text = f.string("text", true, 2000);
    Principal p = Http.principal(ctx);
    String channel =
        f.code(
            "channel",
            false,
            p.role() == Principal.Role.FOUNDER ? List.of("founder") : Tickets.CHANNELS);
    f.finish();
    problems.throwIfAny();
    if (p.isBound() && !p.owns(EntityType.PROJECTS, projectId))
      throw new ApiException(
          403,
          KeyAccessControl.article(p.roleCode())
              + " "
              + p.roleCode()
              + " key opens tickets only for its own project");
    RegionScope region = RegionScope.of(ctx);
    if (region != null) region.requireProjectIn(catalog, projectId, "projectId");
    if (channel == null) channel = p.role() == Principal.Role.FOUNDER ? "founder" : "portal";
    Tickets.Opened o = tickets.open(projectId, need, text, channel, p.name());
    Http.json(
        ctx,
        o.existing() ? 200 : 201,
        new Opened(answer(o.ticket(), null), o.team(), o.candidates(), o.existing()));
  }

  public void list(Context ctx) {
    Requests.onlyParams(
        ctx,
        Set.of(
            "status",
            "need",
            "district",
            "city",
            "overdue",
            "responderId",
            "projectId",
            "offset",
            "limit"));
    Principal p = Http.principal(ctx);
    List<String> statuses =
        Requests.codeParam(
            ctx, "status", Tickets.STATUSES::contains, String.join(", ", Tickets.STATUSES));
    List<String> needs =
        Requests.codeParam(
            ctx, "need", c -> taxonomy.service(c).isPresent(), taxonomy.serviceCodes());
    var places =
        codeFilters.inRegion(
            ctx, codeFilters.fromQuery(ctx, EntityType.PROJECTS, List.of("district", "city")));
    boolean overdue = Requests.boolParam(ctx, "overdue", false);
    String responder = ctx.queryParam("responderId");
    List<String> projects =
        ctx.queryParam("projectId") == null ? null : List.of(ctx.queryParam("projectId"));
    // bound keys see their own tickets only, whatever they ask for
    if (p.role() == Principal.Role.MENTOR) responder = p.boundEntityId();
    else if (p.role() == Principal.Role.FOUNDER) projects = List.of(p.boundEntityId());
    else if (p.isBound())
      throw new ApiException(
          403, KeyAccessControl.article(p.roleCode()) + " " + p.roleCode() + " key has no tickets");
    int offset = Requests.intParam(ctx, "offset", 0, 0, 1_000_000);
    int limit = Requests.intParam(ctx, "limit", 20, 1, 200);
    TicketStore.Page page =
        tickets.list(
            new TicketStore.Query(
                statuses,
                needs,
                projects,
                responder,
                overdue ? tickets.now() : null,
                offset,
                limit,
                places.get("city"),
                places.get("district")));
    Pages.linkNext(ctx, page.total(), offset, limit);
    Http.json(
        ctx,
        200,
        new Page(
            page.total(), offset, limit, page.items().stream().map(r -> answer(r, null)).toList()));
  }

  public void get(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    TicketStore.Row r = visible(ctx, Set.of(Principal.Role.FOUNDER, Principal.Role.MENTOR));
    Http.json(ctx, 200, answer(r, tickets.events(r.id())));
  }

  public void assign(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Principal caller = Http.principal(ctx);
    if (caller.role() == Principal.Role.OFFICER) visible(ctx, Set.of());
    else adminOnly(ctx, "assigns responders");
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    Fields who = f.object("responder", true);
    String id = null;
    if (who != null) {
      who.code("type", true, List.of("mentors"));
      id = who.string("id", true, 64);
      who.finish();
    }
    f.finish();
    problems.throwIfAny();
    done(ctx, tickets.assign(Requests.pathId(ctx), id, Http.principal(ctx).name()));
  }

  public void respond(Context ctx) {
    String text = textBody(ctx, "text", true);
    visible(ctx, Set.of(Principal.Role.MENTOR));
    done(ctx, tickets.respond(Requests.pathId(ctx), text, Http.principal(ctx).name()));
  }

  public void resolve(Context ctx) {
    String outcome = textBody(ctx, "outcome", true);
    visible(ctx, Set.of(Principal.Role.MENTOR));
    done(ctx, tickets.resolve(Requests.pathId(ctx), outcome, Http.principal(ctx).name()));
  }

  public void close(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    visible(ctx, Set.of(Principal.Role.FOUNDER));
    done(ctx, tickets.close(Requests.pathId(ctx), Http.principal(ctx).name()));
  }

  public void reopen(Context ctx) {
    String reason = textBody(ctx, "reason", false);
    visible(ctx, Set.of(Principal.Role.FOUNDER));
    done(ctx, tickets.reopen(Requests.pathId(ctx), reason, Http.principal(ctx).name()));
  }

  public void rate(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    Long rating = f.integer("rating", true, 1, 5);
    f.finish();
    problems.throwIfAny();
    visible(ctx, Set.of(Principal.Role.FOUNDER));
    done(ctx, tickets.rate(Requests.pathId(ctx), rating.intValue(), Http.principal(ctx).name()));
  }

  private void done(Context ctx, TicketStore.Row r) {
    Http.json(ctx, 200, answer(r, null));
  }

  /** One text field of a JSON body (an empty body when the field is optional). */
  private static String textBody(Context ctx, String name, boolean required) {
    Requests.onlyParams(ctx, Set.of());
    if (!required && ctx.bodyAsBytes().length == 0) return null;
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String v = f.string(name, required, 2000);
    f.finish();
    problems.throwIfAny();
    return v;
  }

  private static void adminOnly(Context ctx, String what) {
    Principal p = Http.principal(ctx);
    if (p.role() != Principal.Role.ADMIN)
      throw new ApiException(
          403,
          KeyAccessControl.article(p.roleCode())
              + " "
              + p.roleCode()
              + " key cannot do this: an admin key "
              + what);
  }

  /**
   * The ticket, if the caller may act on it: admin always; the roles in {@code bound} on their own
   * tickets (a founder its project's, a mentor those assigned to it), others get 404 — and a portal
   * key may only read.
   */
  private TicketStore.Row visible(Context ctx, Set<Principal.Role> bound) {
    Principal p = Http.principal(ctx);
    String id = Requests.pathId(ctx);
    TicketStore.Row r = tickets.get(id);
    boolean get = ctx.method().name().equals("GET") || ctx.method().name().equals("HEAD");
    switch (p.role()) {
      case ADMIN -> {
        return r;
      }
      case OFFICER -> {
        // a ticket of a project elsewhere does not exist for this key
        if (!RegionScope.of(ctx).holds(catalog, r.projectId()))
          throw new EntityNotFoundException("ticket", id);
        return r;
      }
      case PORTAL -> {
        if (get) return r;
        throw new ApiException(403, "a portal key reads tickets; moving one needs its owner");
      }
      case FOUNDER, MENTOR -> {
        // someone else's ticket does not exist for this key, whatever it asks to do with it
        boolean own =
            p.role() == Principal.Role.FOUNDER
                ? r.projectId().equals(p.boundEntityId())
                : p.boundEntityId().equals(r.responderId());
        if (!own) throw new EntityNotFoundException("ticket", id);
        if (!bound.contains(p.role()))
          throw new ApiException(
              403,
              KeyAccessControl.article(p.roleCode())
                  + " "
                  + p.roleCode()
                  + " key cannot do this to a ticket");
        return r;
      }
      default -> throw new EntityNotFoundException("ticket", id);
    }
  }
}

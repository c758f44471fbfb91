package cn.qingdao.peipao.api.http;

import cn.qingdao.peipao.core.json.Fields;
import cn.qingdao.peipao.core.json.Problems;
import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.spaces.Bookings;
import cn.qingdao.peipao.index.spaces.MoveIns;
import cn.qingdao.peipao.index.spaces.Spaces;
import cn.qingdao.peipao.index.store.SpaceStore.Booking;
import cn.qingdao.peipao.index.tickets.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A park's spaces, room bookings and move-in applications over HTTP. The guard decides who may call
 * each route; this controller checks what the body names: a founder key books and applies for its
 * own project only and cancels its own bookings; a calendar shows whose a booking is only to those
 * who may know (admin, portal, the park, the project's founder, an officer of its region).
 */
public final class SpaceController {
  /** Most spaces one park lists. */
  static final int MAX_SPACES = 500;

  private final Spaces spaces;
  private final Bookings bookings;
  private final MoveIns moveIns;
  private final Catalog catalog;

  public SpaceController(Spaces spaces, Bookings bookings, MoveIns moveIns, Catalog catalog) {
    this.spaces = spaces;
    this.bookings = bookings;
    this.moveIns = moveIns;
    this.catalog = catalog;
  }

  /** A page of bookings: a park's calendar or a project's bookings. */
  record BookingList(String from, String to, int total, List<Booking> items) {}

  /** A park's applications. */
  record Applications(
      String parkId, int total, List<cn.qingdao.peipao.index.store.SpaceStore.MoveIn> items) {}

  /** {@code GET /api/v1/parks/{id}/spaces}. */
  public void inventory(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String park = Requests.pathId(ctx);
    Spaces.Inventory inv = spaces.inventory(park);
    Principal p = Http.principal(ctx);
    RegionScope region = RegionScope.of(ctx);
    // who is a tenant where is told only to those who may know (as the calendar's bookings)
    List<cn.qingdao.peipao.index.store.SpaceStore.Space> items =
        inv.items().stream()
            .map(
                x ->
                    x.tenantProjectId() == null
                            || mayKnowTenant(p, region, park, x.tenantProjectId())
                        ? x
                        : x.withTenant(x.status(), null))
            .toList();
    Http.json(
        ctx,
        200,
        new Spaces.Inventory(
            inv.parkId(),
            inv.spaces(),
            inv.free(),
            inv.rentableArea(),
            inv.freeArea(),
            inv.areaAvailable(),
            items));
  }

  /** Who may know that {@code project} books or rents at {@code park}. */
  private boolean mayKnowTenant(Principal p, RegionScope region, String park, String project) {
    return mayKnowPark(p, park)
        || (p.role() == Principal.Role.FOUNDER && p.owns(EntityType.PROJECTS, project))
        || (p.role() == Principal.Role.OFFICER && region.holds(catalog, project));
  }

  /** {@code PUT /api/v1/parks/{id}/spaces} with the whole inventory, a JSON array. */
  public void replace(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    JsonNode body = Requests.jsonBody(ctx);
    Problems problems = new Problems();
    if (!body.isArray()) throw ApiException.badField("", "must be a JSON array of spaces");
    if (body.size() > MAX_SPACES)
      throw ApiException.badField("", "at most " + MAX_SPACES + " spaces per park");
    List<Spaces.SpaceInput> input = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Fields f = Fields.of(body.get(i), "[" + i + "]", problems);
      String id = f.matching("id", true, EntityReader.ID, EntityReader.ID_RULE);
      String kind = f.code("kind", true, Spaces.KINDS);
      String name = f.string("name", true, 100);
      Double area = f.number("area", true, 0.5, 1_000_000);
      Long rent = f.integer("monthlyRent", false, 0, 100_000_000);
      Boolean bookable = f.bool("bookable", false);
      String status = f.code("status", false, Spaces.STATUSES);
      f.finish();
      if (id != null && kind != null && name != null && area != null)
        input.add(
            new Spaces.SpaceInput(
                id, kind, name, area, rent, bookable, status == null ? "free" : status));
    }
    problems.throwIfAny();
    Http.json(ctx, 200, spaces.replace(Requests.pathId(ctx), input, Http.principal(ctx).name()));
  }

  /** {@code POST /api/v1/parks/{id}/bookings} {spaceId, projectId?, start, end, purpose}. */
  public void book(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String spaceId = f.matching("spaceId", true, EntityReader.ID, EntityReader.ID_RULE);
    String projectId = f.matching("projectId", false, EntityReader.ID, EntityReader.ID_RULE);
    Instant start = instant(f, "start");
    Instant end = instant(f, "end");
    String purpose = f.string("purpose", true, 200);
    f.finish();
    Principal p = Http.principal(ctx);
    if (p.role() == Principal.Role.FOUNDER && projectId == null)
      problems.add("projectId", "is required: a founder key books for its own project");
    problems.throwIfAny();
    if (p.role() == Principal.Role.FOUNDER && !p.owns(EntityType.PROJECTS, projectId))
      throw new ApiException(403, "projectId: a founder key books for its own project only");
    Booking b =
        bookings.book(Requests.pathId(ctx), spaceId, projectId, start, end, purpose, p.name());
    Http.json(ctx, 201, b);
  }

  /** An ISO-8601 time with its offset, e.g. 2026-12-01T09:00:00+08:00. */
  private static Instant instant(Fields f, String name) {
    String v = f.string(name, true, 40);
    if (v == null) return null;
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      f.problems()
          .add(
              f.pathOf(name),
              "must be a time with its offset, e.g. 2026-12-01T09:00:00+08:00 (got '"
                  + Requests.clip(v)
                  + "')");
      return null;
    }
  }

  /** {@code DELETE /api/v1/parks/{id}/bookings/{bookingId}}: cancels it, 200 with the booking. */
  public void cancel(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String park = Requests.pathId(ctx);
    String id = bookingId(ctx);
    Principal p = Http.principal(ctx);
    if (p.role() == Principal.Role.FOUNDER) {
      // another project's booking does not exist for a founder key
      Booking b = bookings.booking(park, id);
      if (!p.owns(EntityType.PROJECTS, b.projectId()))
        throw new EntityNotFoundException("booking", id);
    }
    Http.json(ctx, 200, bookings.cancel(park, id, p.name()));
  }

  private static String bookingId(Context ctx) {
    String id = ctx.pathParam("bookingId");
    if (!EntityReader.ID.matcher(id).matches())
      throw ApiException.badField("bookingId", EntityReader.ID_RULE);
    return id;
  }

  /**
   * {@code GET /api/v1/parks/{id}/bookings?from=&to=&spaceId=}: the calendar of Beijing dates
   * {@code from}..{@code to} (default: today and the next 6 days).
   */
  public void calendar(Context ctx) {
    Requests.onlyParams(ctx, Set.of("from", "to", "spaceId"));
    LocalDate today = LocalDate.now(catalog.clock().withZone(Ledger.ZONE));
    LocalDate from = Requests.dateParam(ctx, "from", today);
    LocalDate to = Requests.dateParam(ctx, "to", from.plusDays(6));
    if (to.isBefore(from))
      throw ApiException.badField("to", "must not be before from (" + from + ")");
    String spaceId = ctx.queryParam("spaceId");
    String park = Requests.pathId(ctx);
    List<Booking> items =
        bookings.calendar(
            park,
            spaceId,
            from.atStartOfDay(Ledger.ZONE).toInstant(),
            to.plusDays(1).atStartOfDay(Ledger.ZONE).toInstant());
    Principal p = Http.principal(ctx);
    RegionScope region = RegionScope.of(ctx);
    List<Booking> shown =
        items.stream().map(b -> mayKnow(p, region, park, b) ? b : anonymous(b)).toList();
    Http.json(ctx, 200, new BookingList(from.toString(), to.toString(), shown.size(), shown));
  }

  /** Whether {@code p} may know whose booking {@code b} is. */
  private boolean mayKnow(Principal p, RegionScope region, String park, Booking b) {
    return b.projectId() != null
        ? mayKnowTenant(p, region, park, b.projectId())
        : mayKnowPark(p, park);
  }

  /** Admin, portal and the park's own key know whose the park's bookings are, whoever's. */
  private static boolean mayKnowPark(Principal p, String park) {
    return p.role() == Principal.Role.ADMIN
        || p.role() == Principal.Role.PORTAL
        || (p.role() == Principal.Role.PARK && p.owns(EntityType.PARKS, park));
  }

  private static Booking anonymous(Booking b) {
    return new Booking(
        b.id(),
        b.parkId(),
        b.spaceId(),
        null,
        b.start(),
        b.end(),
        "已预约",
        b.status(),
        b.createdAt(),
        null,
        b.cancelledAt(),
        null);
  }

  /** {@code GET /api/v1/projects/{id}/bookings}: the project's bookings, newest first. */
  public void ofProject(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    List<Booking> items = bookings.ofProject(Requests.pathId(ctx));
    Http.json(ctx, 200, new BookingList(null, null, items.size(), items));
  }

  /** {@code POST /api/v1/parks/{id}/applications} {projectId, kinds, area?, note?}. */
  public void apply(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String projectId = f.matching("projectId", true, EntityReader.ID, EntityReader.ID_RULE);
    List<String> kinds =
        f.codes(
            "kinds",
            true,
            3,
            k ->
                Spaces.RENTABLE.contains(k)
                    ? null
                    : "unknown kind '"
                        + Requests.clip(k)
                        + "'; a tenant moves into "
                        + String.join(", ", Spaces.RENTABLE));
    Double area = f.number("area", false, 1, 1_000_000);
    String note = f.string("note", false, 1000);
    f.finish();
    problems.throwIfAny();
    Principal p = Http.principal(ctx);
    if (p.role() == Principal.Role.FOUNDER && !p.owns(EntityType.PROJECTS, projectId))
      throw new ApiException(403, "projectId: a founder key applies for its own project only");
    RegionScope region = RegionScope.of(ctx);
    if (region != null) region.requireProjectIn(catalog, projectId, "projectId");
    Http.json(
        ctx, 201, moveIns.apply(Requests.pathId(ctx), projectId, kinds, area, note, p.name()));
  }

  /** {@code GET /api/v1/parks/{id}/applications?status=}. */
  public void applications(Context ctx) {
    Requests.onlyParams(ctx, Set.of("status"));
    List<String> status =
        Requests.codeParam(
            ctx,
            "status",
            s -> List.of("pending", "accepted", "declined").contains(s),
            "pending, accepted, declined");
    if (status.size() > 1) throw ApiException.badField("status", "give one status");
    String park = Requests.pathId(ctx);
    var items = moveIns.applications(park, status.isEmpty() ? null : status.get(0));
    Http.json(ctx, 200, new Applications(park, items.size(), items));
  }

  /**
   * {@code POST /api/v1/parks/{id}/applications/{appId}/decision} {decision: accept|decline,
   * spaceIds?, reason?}.
   */
  public void decide(Context ctx) {
    Requests.onlyParams(ctx, Set.of());
    String appId = ctx.pathParam("appId");
    if (!EntityReader.ID.matcher(appId).matches())
      throw ApiException.badField("appId", EntityReader.ID_RULE);
    Problems problems = new Problems();
    Fields f = Fields.of(Requests.jsonBody(ctx), "", problems);
    String decision = f.code("decision", true, List.of("accept", "decline"));
    List<String> spaceIds =
        f.codes(
            "spaceIds",
            false,
            50,
            id -> EntityReader.ID.matcher(id).matches() ? null : EntityReader.ID_RULE);
    String reason = f.string("reason", false, 1000);
    f.finish();
    problems.throwIfAny();
    Http.json(
        ctx,
        200,
        moveIns.decide(
            Requests.pathId(ctx),
            appId,
            decision.equals("accept"),
            spaceIds,
            reason,
            Http.principal(ctx).name()));
  }
}

package cn.qingdao.peipao.index.spaces;

import cn.qingdao.peipao.core.json.ValidationException;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.index.Catalog;
import cn.qingdao.peipao.index.EntityConflictException;
import cn.qingdao.peipao.index.EntityNotFoundException;
import cn.qingdao.peipao.index.store.SpaceStore;
import cn.qingdao.peipao.index.store.SpaceStore.Space;
import cn.qingdao.peipao.index.store.Tx;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A park's spaces (场地), room bookings (场地预约) and move-in applications (入驻申请). Every change of what
 * is free also rewrites the park's {@code areaAvailable} in the same transaction, so park matching,
 * the space components and search see the live figure at once. Services know no HTTP.
 */
public final class Spaces {
  public static final List<String> KINDS =
      List.of("desk", "office", "plant", "meeting_room", "roadshow_hall");

  /** Kinds a tenant occupies; the others are shared rooms taken by the hour. */
  public static final Set<String> RENTABLE = Set.of("desk", "office", "plant");

  public static final List<String> STATUSES = List.of("free", "occupied");

  private static final SecureRandom RANDOM = new SecureRandom();

  final Catalog catalog;

  public Spaces(Catalog catalog) {
    this.catalog = catalog;
  }

  /** A space as a park states it; {@code bookable} null means "a meeting room or hall". */
  public record SpaceInput(
      String id,
      String kind,
      String name,
      double area,
      Long monthlyRent,
      Boolean bookable,
      String status) {}

  /** A park's inventory and what it adds up to. */
  public record Inventory(
      String parkId,
      int spaces,
      int free,
      double rentableArea,
      double freeArea,
      Long areaAvailable,
      List<Space> items) {}

  /** The inventory of a stored park. O(its spaces). */
  public Inventory inventory(String parkId) {
    park(parkId);
    return summarise(parkId, catalog.spaces().spaces(parkId));
  }

  private static Inventory summarise(String parkId, List<Space> items) {
    double rentable = 0;
    double free = 0;
    int freeCount = 0;
    int rentableCount = 0;
    for (Space s : items) {
      if (!RENTABLE.contains(s.kind())) continue;
      rentableCount++;
      rentable += s.area();
      if (s.status().equals("free")) {
        free += s.area();
        freeCount++;
      }
    }
    return new Inventory(
        parkId,
        items.size(),
        freeCount,
        round(rentable),
        round(free),
        rentableCount == 0 ? null : Math.round(free),
        items);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /**
   * Replaces a park's inventory. A space that hosts a tenant keeps its tenant while it stays
   * occupied; removing it, or a room with live bookings ahead, is a 409.
   *
   * @throws ValidationException naming the bad space
   */
  public Inventory replace(String parkId, List<SpaceInput> input, String actor) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < input.size(); i++) {
      SpaceInput s = input.get(i);
      if (!ids.add(s.id()))
        throw ValidationException.of("[" + i + "].id", "'" + s.id() + "' is listed twice");
      if (!RENTABLE.contains(s.kind()) && "occupied".equals(s.status()) && !bookable(s))
        throw ValidationException.of("[" + i + "].status", "a shared room is not occupied");
    }
    return catalog.writeLogged(
        tx -> {
          Park park = park(tx, parkId);
          Instant now = now();
          Map<String, Space> before =
              SpaceStore.spaces(tx, parkId).stream()
                  .collect(java.util.stream.Collectors.toMap(Space::id, s -> s));
          Map<String, SpaceInput> after =
              input.stream().collect(java.util.stream.Collectors.toMap(SpaceInput::id, x -> x));
          for (Space old : before.values()) {
            SpaceInput next = after.get(old.id());
            // a tenant's space stays its: it is freed by ending the tenancy, not by an edit
            if (next != null
                && old.tenantProjectId() != null
                && (!next.status().equals("occupied") || !next.kind().equals(old.kind())))
              throw new EntityConflictException(
                  "space '"
                      + old.id()
                      + "' hosts project '"
                      + old.tenantProjectId()
                      + "'; it stays occupied, as a "
                      + old.kind()
                      + ", while the project is a tenant");
            // a room with bookings ahead stays a bookable room
            if (next != null
                && old.bookable()
                && !bookable(next)
                && SpaceStore.liveBookingsAfter(tx, parkId, old.id(), now) > 0)
              throw new EntityConflictException(
                  "space '"
                      + old.id()
                      + "' has bookings ahead; cancel them before it stops being"
                      + " bookable");
            if (next != null) continue;
            if (old.tenantProjectId() != null)
              throw new EntityConflictException(
                  "space '"
                      + old.id()
                      + "' hosts project '"
                      + old.tenantProjectId()
                      + "'; free it (status free) before removing it");
            if (SpaceStore.liveBookingsAfter(tx, parkId, old.id(), now) > 0)
              throw new EntityConflictException(
                  "space '" + old.id() + "' has bookings ahead; cancel them before removing it");
          }
          List<Space> next =
              input.stream()
                  .map(
                      s -> {
                        Space old = before.get(s.id());
                        String tenant =
                            old != null && s.status().equals("occupied")
                                ? old.tenantProjectId()
                                : null;
                        return new Space(
                            parkId,
                            s.id(),
                            s.kind(),
                            s.name(),
                            s.area(),
                            s.monthlyRent(),
                            bookable(s),
                            s.status(),
                            tenant);
                      })
                  .toList();
          SpaceStore.replaceSpaces(tx, parkId, next);
          return updateAvailability(tx, park, next, actor);
        });
  }

  /**
   * Frees the spaces {@code projectId} occupies at {@code parkId} (its tenancy ended) and updates
   * the park's free area, inside the caller's transaction.
   */
  public void releaseTenant(Tx tx, String parkId, String projectId, String actor)
      throws SQLException {
    List<Space> current = SpaceStore.spaces(tx, parkId);
    if (current.stream().noneMatch(x -> projectId.equals(x.tenantProjectId()))) return;
    List<Space> next =
        current.stream()
            .map(x -> projectId.equals(x.tenantProjectId()) ? x.withTenant("free", null) : x)
            .toList();
    for (Space x : next) SpaceStore.putSpace(tx, x);
    updateAvailability(tx, park(tx, parkId), next, actor);
  }

  private static boolean bookable(SpaceInput s) {
    return s.bookable() != null ? s.bookable() : !RENTABLE.contains(s.kind());
  }

  /** Writes the park's free rentable area when it changed; returns the inventory. */
  Inventory updateAvailability(Tx tx, Park park, List<Space> spaces, String actor)
      throws SQLException {
    Inventory inv = summarise(park.id(), spaces);
    // a park listing no desk, office or plant keeps its stated figure
    if (inv.areaAvailable() != null
        && !java.util.Objects.equals(inv.areaAvailable(), park.areaAvailable())) {
      catalog.replaceIn(tx, park.withAreaAvailable(inv.areaAvailable()), actor, "availability");
    }
    return inv;
  }

  Park park(String id) {
    return (Park)
        catalog
            .entity(EntityType.PARKS, id)
            .orElseThrow(() -> new EntityNotFoundException(EntityType.PARKS, id));
  }

  Park park(Tx tx, String id) throws SQLException {
    var row =
        tx.get(EntityType.PARKS, id)
            .orElseThrow(() -> new EntityNotFoundException(EntityType.PARKS, id));
    return ((Park) catalog.reader().read(EntityType.PARKS, row.tree()))
        .withServerFields(row.id(), row.version(), row.updatedAt());
  }

  Project project(String id) {
    return (Project)
        catalog
            .entity(EntityType.PROJECTS, id)
            .orElseThrow(() -> ValidationException.of("projectId", "no project '" + id + "'"));
  }

  Instant now() {
    return catalog.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  static String newId(String prefix) {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }
}
